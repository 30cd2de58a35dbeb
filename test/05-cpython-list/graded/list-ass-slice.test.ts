// Graded suite for exercise 05-cpython-list/list-ass-slice: slice assignment and deletion (and remove,
// pop(i), del a[i], which go through list_ass_slice) must leave the list as python3's, block and all.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { PyList_New, list_append, list_repeat } from "../../../src/cpython/listobject.ts";
import { list_ass_slice } from "../../../src/cpython/seams.ts";
import { PyLong_From } from "../../../src/cpython/longobject.ts";
import { Py_DECREF } from "../../../src/cpython/object.ts";
import { expectSameAsPython } from "../python.ts";

const needs = { needs: ["python3" as const] };

graded("slice assignments that grow, shrink and keep the size", 4, () => {
  expectSameAsPython([
    ["a = list(range(10))", "a[2:4] = [7, 7, 7, 7, 7]", "a[0:8] = 'xy'", "a[1:1] = range(20)", "a[5:] = ()", "a[:] = [1, 2, 3]", "a[-1:-5] = [9]", "a[10:20] = [8]"],
    ["a = [1, 2, 3]", "a[0:1] = 5", "a[0:1] = None", "a[3:0] = [4]"],
    ["a = list(range(100))", "a[10:90] = []", "a[0:1] = [0] * 50", "a[:] = [1]"],
  ]);
}, needs);

graded("deletions, and a list emptied by a slice frees its block (sys.getsizeof 56)", 3, () => {
  expectSameAsPython([
    ["a = list(range(40))", "del a[5:30]", "del a[0]", "del a[-1]", "a.remove(30)", "a.pop(2)", "del a[:]", "a.extend([1, 2, 3])"],
    ["a = [1, 2]", "a[0:2] = []", "a.append(1)", "a.pop(0)", "a.extend(range(5))"],
  ]);
}, needs);

graded("a[i:j] = a, and every reference balances", 2, () => {
  expectSameAsPython([["a = [1, 2, 3]", "a[1:2] = a", "a[:0] = a", "a[:] = a"]]);
  const a = PyList_New(0);
  const item = PyLong_From(7);
  list_append(a, item);
  const many = list_repeat(a, 5);
  list_ass_slice(a, 0, 1, many);
  expect(item.ob_refcnt, "ob_refcnt after a[0:1] = [item] * 5: ours, 5 in `many`, 5 in a").toBe(11);
  list_ass_slice(a, 1, 4, null);
  expect(item.ob_refcnt, "ob_refcnt after del a[1:4]").toBe(8);
  Py_DECREF(many);
  Py_DECREF(a);
  expect(item.ob_refcnt, "ob_refcnt once both lists are freed").toBe(1);
}, needs);

graded("random slice assignments and deletions agree with python3 (300 sequences)", 3, () => {
  const idx = fc.oneof(fc.integer({ min: -12, max: 12 }).map(String), fc.constant(""));
  const items = fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 12 }).map((vs) => `[${vs.join(", ")}]`);
  const stmt = fc.oneof(
    fc.tuple(idx, idx, items).map(([i, j, v]) => `a[${i}:${j}] = ${v}`),
    fc.tuple(idx, idx).map(([i, j]) => `del a[${i}:${j}]`),
    fc.integer({ min: 0, max: 9 }).map((v) => `a.remove(${v})`),
    fc.integer({ min: -5, max: 5 }).map((i) => `a.pop(${i})`),
    fc.constantFrom("a.extend(range(10))", "a.append(1)"),
  );
  expectSameAsPython(fc.sample(fc.array(stmt, { maxLength: 30 }), { numRuns: 300, seed: 12 }).map((s) => ["a = list(range(8))", ...s]));
}, needs);
