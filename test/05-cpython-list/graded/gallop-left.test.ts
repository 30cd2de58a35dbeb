// Graded suite for exercise 05-cpython-list/gallop-left: merge_at trims runs with it, and merge_lo and
// merge_hi gallop with it; the number of comparisons tells any deviation from CPython's.
import { graded } from "../../../src/course/graded.ts";
import { SHAPES, expectSortsLikePython, lcg } from "../sorting.ts";

const needs = { needs: ["python3" as const] };

/** Two sorted runs that interleave in blocks of `block`: merging them gallops. */
function blocks(n: number, block: number): number[] {
  const a = Array.from({ length: n / 2 }, (_, i) => Math.floor(i / block) * 2 * block + (i % block));
  const b = a.map((v) => v + block);
  return [...a, ...b];
}

graded("runs that interleave in long blocks: galloping", 4, () => {
  expectSortsLikePython([8, 50, 400].map((block) => ({ shape: `two runs in blocks of ${block}`, data: blocks(4000, block) })));
}, needs);

graded("runs already in place: merge_at's trimming", 3, () => {
  expectSortsLikePython([
    { shape: "two sorted halves, disjoint", data: [...SHAPES.sorted(500, lcg(1)).map((v) => v + 1000), ...SHAPES.sorted(500, lcg(1))] },
    { shape: "a short run inside a long one", data: [...SHAPES.sorted(1000, lcg(1)), ...[10, 20, 30, 40]] },
    { shape: "equal keys across runs", data: [...SHAPES["few distinct"](300, lcg(2)).sort((x, y) => x - y), ...SHAPES["few distinct"](300, lcg(3)).sort((x, y) => x - y)] },
  ]);
}, needs);

graded("random and partially sorted lists of 10,000", 3, () => {
  expectSortsLikePython([
    { shape: "random", data: SHAPES.random(10_000, lcg(7)) },
    { shape: "partially sorted", data: SHAPES["partially sorted"](10_000, lcg(8)), key: true },
  ]);
}, needs);
