// Random statements about a list `a` (and a second list `b`), for differential runs against python3.
import fc from "fast-check";

const small = fc.integer({ min: -6, max: 6 }).map(String);
const index = fc.oneof({ weight: 12, arbitrary: small }, { weight: 1, arbitrary: fc.constantFrom("10**20", "-10**20", "'x'", "1.5", "True") });
const sliceIndex = fc.oneof({ weight: 8, arbitrary: small }, { weight: 2, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom("None", "10**20", "-10**20", "'x'") });
const step = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("1", "2", "3", "-1", "-2", "-3") }, { weight: 1, arbitrary: fc.constantFrom("0", "None", "'x'", "10**20", "-10**20") });
const value = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: -3, max: 9 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom("1.5", "-0.0", "2.0", "float('nan')", "float('inf')", "10**30", "True", "False") },
  { weight: 2, arbitrary: fc.constantFrom("'x'", "'y'", "None", "(1, 2)", "()", "[]", "[1, 2]", "a", "b") },
);
const iterable = fc.oneof(
  { weight: 4, arbitrary: fc.array(value, { maxLength: 6 }).map((vs) => `[${vs.join(", ")}]`) },
  { weight: 2, arbitrary: fc.array(value, { maxLength: 4 }).map((vs) => `(${vs.join(", ")}${vs.length === 1 ? "," : ""})`) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 40 }).map((n) => `range(${n})`) },
  { weight: 1, arbitrary: fc.constantFrom("a", "b", "iter([4, 5, 6])", "reversed(a)", "iter(range(3))", "'xyz'", "5", "None", "[a]", "a[::2]", "b * 3") },
);
const key = fc.constantFrom("", "key=abs", "reverse=True", "key=abs, reverse=True", "key=str", "key=None", "reverse=False");

/** One statement of the pylist subset, on a (mostly) and b. */
export const statement: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: value.map((v) => `a.append(${v})`) },
  { weight: 3, arbitrary: fc.tuple(index, value).map(([i, v]) => `a.insert(${i}, ${v})`) },
  { weight: 3, arbitrary: iterable.map((it) => `a.extend(${it})`) },
  { weight: 3, arbitrary: fc.constantFrom("a.pop()", "a.pop(0)", "a.pop(-2)", "a.pop(3)", "a.pop(10**30)", "a.pop('x')") },
  { weight: 2, arbitrary: value.map((v) => `a.remove(${v})`) },
  { weight: 2, arbitrary: fc.tuple(value, fc.constantFrom("", ", 1", ", -3", ", 1, 4", ", -10, 10**20", ", 'x'")).map(([v, r]) => `a.index(${v}${r})`) },
  { weight: 1, arbitrary: value.map((v) => `a.count(${v})`) },
  { weight: 1, arbitrary: fc.constantFrom("a.clear()", "a.reverse()", "b = a.copy()", "a = b", "b = a", "len(a)", "a", "b", "a == b", "a < b", "a <= b", "a != b", "a > [1]") },
  { weight: 1, arbitrary: value.map((v) => `${v} in a`) },
  { weight: 3, arbitrary: index.map((i) => `a[${i}]`) },
  { weight: 3, arbitrary: fc.tuple(index, value).map(([i, v]) => `a[${i}] = ${v}`) },
  { weight: 2, arbitrary: index.map((i) => `del a[${i}]`) },
  { weight: 3, arbitrary: fc.tuple(sliceIndex, sliceIndex, iterable).map(([i, j, it]) => `a[${i}:${j}] = ${it}`) },
  { weight: 3, arbitrary: fc.tuple(sliceIndex, sliceIndex, step, iterable).map(([i, j, k, it]) => `a[${i}:${j}:${k}] = ${it}`) },
  { weight: 2, arbitrary: fc.tuple(sliceIndex, sliceIndex).map(([i, j]) => `del a[${i}:${j}]`) },
  { weight: 2, arbitrary: fc.tuple(sliceIndex, sliceIndex, step).map(([i, j, k]) => `del a[${i}:${j}:${k}]`) },
  { weight: 2, arbitrary: fc.tuple(sliceIndex, sliceIndex, step).map(([i, j, k]) => `a[${i}:${j}:${k}]`) },
  { weight: 2, arbitrary: fc.tuple(sliceIndex, sliceIndex).map(([i, j]) => `b = a[${i}:${j}]`) },
  { weight: 1, arbitrary: fc.constantFrom("a + b", "a + [1]", "a + (1,)", "b = a + a", "a * 2", "b = a * 3", "0 * a", "a * -1", "a * 'x'", "a * 10**30", "b = 2 * a") },
  { weight: 2, arbitrary: iterable.map((it) => `a += ${it}`) },
  { weight: 1, arbitrary: fc.constantFrom("a *= 2", "a *= 3", "a *= 0", "a *= 1", "a *= -1", "a *= 'x'") },
  { weight: 3, arbitrary: key.map((k) => `a.sort(${k})`) },
  { weight: 1, arbitrary: fc.constantFrom("sorted(a)", "sorted(a, reverse=True)", "b = sorted(a, key=abs)") },
  { weight: 2, arbitrary: iterable.map((it) => `a = list(${it})`) },
  { weight: 2, arbitrary: fc.array(value, { maxLength: 8 }).map((vs) => `a = [${vs.join(", ")}]`) },
  { weight: 2, arbitrary: fc.constantFrom("it = iter(a)", "next(it)", "r = reversed(a)", "next(r)", "list(it)", "list(r)", "b = list(it)") },
);

/** A program: a starting list, then statements. */
export const program: fc.Arbitrary<string[]> = fc
  .tuple(fc.constantFrom("a = []", "a = [3, 1, 2]", "a = list(range(10))", "a = [5]", "a = [1, 'x']"), fc.constantFrom("b = []", "b = [1, 2]", "b = [9, 8, 7, 6]"), fc.array(statement, { maxLength: 25 }))
  .map(([a, b, rest]) => [a, b, ...rest]);
