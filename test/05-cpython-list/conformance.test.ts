// Our list against python3's on random operation sequences: after every statement the output (value or
// exception type and message), the contents and sys.getsizeof must be python3's.
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { program } from "./statements.ts";
import { expectSameAsPython, runInOurs, runInPython } from "./python.ts";

const SEQUENCES = process.env.CI === "true" ? 10_000 : 1_000;

needs("python3").test(`${SEQUENCES} random operation sequences agree with python3 after every statement`, () => {
  const programs = fc.sample(program, { numRuns: SEQUENCES, seed: 3117 });
  const theirs = runInPython(programs);
  const ours = runInOurs(programs);
  programs.forEach((prog, i) => {
    prog.forEach((stmt, j) => {
      expect(ours[i][j], `statement ${j} of ${JSON.stringify(prog.slice(0, j + 1))}`).toEqual(theirs[i][j]);
    });
  });
}, 300_000);

needs("python3").test("corner cases: modified during sort, self-containing repr, live iterators, NaN, preallocation", () => {
  expectSameAsPython([
    ["a = [3]", "a.sort(key=a.append)", "a"],
    ["a = [3, 1, 2]", "a.sort(key=a.append)", "a"],
    ["a = []", "a.sort(key=a.append)", "a.append(a)", "a.append([a, (a,)])", "a", "a == a", "a[::-1]"],
    ["a = [1, 2, 3]", "it = iter(a)", "next(it)", "a.append(4)", "list(it)", "a.append(5)", "list(it)", "r = reversed(a)", "next(r)", "del a[1:]", "next(r)", "next(r)"],
    ["n = float('nan')", "a = [n, 1.0]", "a == [n, 1.0]", "a < [n, 2.0]", "a.index(n)", "a.count(float('nan'))", "[float('nan')] < [float('nan')]", "a.sort()", "a"],
    ["a = []", "a.extend(range(0))", "a.extend([1, 2, 3])", "a.clear()", "a.extend(iter([1, 2, 3]))", "a = list('abcde')", "a = [0] * 5", "a = [1, 2] + [3]", "a = a[:]", "a = a[::2]", "a = sorted(range(7))"],
    ["a = [1, 2, 3, 2, 1]", "a.index(2, 2)", "a.index(2, -2, -1)", "a.index(1, 1, 3)", "a.index(9, 0, 10**30)", "a.remove(2)", "a.remove(9)", "a.pop(-6)"],
  ]);
});
