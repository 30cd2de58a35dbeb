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

/** Lists whose keys all have one type, so the pre-sort check picks each of its comparisons. */
const typedList = fc.oneof(
  fc.array(fc.integer({ min: -(2 ** 30) + 1, max: 2 ** 30 - 1 }).map(String)), // unsafe_long_compare
  fc.array(fc.oneof(fc.integer({ min: -99, max: 99 }).map(String), fc.constantFrom("2**30", "-2**30", "10**20"))), // bigger ints: unsafe_object_compare
  fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => `${x}`)), // unsafe_float_compare
  fc.array(fc.stringMatching(/^[abé]{0,3}$/).map((s) => `'${s}'`)), // unsafe_latin_compare
  fc.array(fc.stringMatching(/^[aж]{0,3}$/).map((s) => `'${s}'`)), // unsafe_object_compare on str
  fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.constantFrom("'x'", "'y'", "1.5")).map(([i, s]) => `(${i}, ${s})`)), // unsafe_tuple_compare over ints
  fc.array(fc.tuple(fc.constantFrom("'p'", "'q'"), fc.integer({ min: 0, max: 2 })).map(([s, i]) => `(${s}, ${i})`)), // over latin strs
  fc.array(fc.constantFrom("((1,), 2)", "((0, 5),)", "((1,), 1)")), // tuples of tuples
  fc.array(fc.constantFrom("1", "2.5", "True", "-1", "0.0")), // mixed: safe_object_compare
);

needs("python3").test("typed sorts: each comparison the pre-sort check can choose orders the list as python3 does", () => {
  const programs = fc.sample(typedList, { numRuns: 300, seed: 44 }).map((items) => [
    `a = [${items.join(", ")}]`, "a.sort()", "a", "a.sort(reverse=True)", "a", "b = sorted(a, key=str)", "b",
  ]);
  expectSameAsPython(programs);
});
