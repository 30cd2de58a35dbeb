// list.sort against python3: the same number of __lt__ calls, and the same (stable) order, for the input
// shapes listsort.txt talks about, from 0 to 100,000 items, with and without key=, with and without reverse.
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { SHAPES, describeCase, lcg, sortInOurs, sortInPython, type SortCase } from "./sorting.ts";

const cases: SortCase[] = [];
for (const [shape, make] of Object.entries(SHAPES)) {
  for (const n of [0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 127, 1000, 4097]) {
    for (const key of [false, true]) for (const reverse of [false, true]) cases.push({ shape, key, reverse, data: make(n, lcg(n * 7 + shape.length)) });
  }
  cases.push({ shape, data: make(100_000, lcg(1)) });
}
cases.push({ shape: "random", key: true, reverse: true, data: SHAPES.random(100_000, lcg(2)) });

needs("python3").test(`sort makes python3's comparisons, in python3's order, on ${cases.length} inputs`, () => {
  const expected = sortInPython(cases);
  cases.forEach((c, i) => {
    expect(sortInOurs(c), `${describeCase(c)}: comparisons and final order`).toEqual(expected[i]);
  });
}, 120_000);
