// Graded suite for exercise 05-cpython-list/ins1: list.insert runs the learner's ins1 inside our list, and
// contents, capacity and errors must be python3's after every statement.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { PyList_New, list_insert } from "../../../src/cpython/listobject.ts";
import { PyLong_From } from "../../../src/cpython/longobject.ts";
import { Py_DECREF } from "../../../src/cpython/object.ts";
import { expectSameAsPython } from "../python.ts";

const needs = { needs: ["python3" as const] };

graded("inserting 100 items at the front grows the list as python3's does", 3, () => {
  expectSameAsPython([["a = []", ...Array.from({ length: 100 }, (_, i) => `a.insert(0, ${i})`)]]);
}, needs);

graded("negative and out-of-range indices clamp as in python3", 3, () => {
  expectSameAsPython([
    ["a = [1, 2, 3]", "a.insert(-1, 9)", "a.insert(-100, 8)", "a.insert(100, 7)", "a.insert(2, 6)", "a.insert(-3, 5)", "a.insert(len(a), 4)"],
    ["a = []", "a.insert(-5, 1)", "a.insert(5, 2)", "a.insert(0, 3)"],
  ]);
}, needs);

graded("insert takes a new reference to the item", 1, () => {
  const a = PyList_New(0);
  const item = PyLong_From(42);
  const where = PyLong_From(0);
  list_insert(a, where, item);
  list_insert(a, where, item);
  expect(item.ob_refcnt, "ob_refcnt of an item inserted twice: ours, plus one per slot").toBe(3);
  Py_DECREF(a);
  expect(item.ob_refcnt, "ob_refcnt once the list is freed").toBe(1);
}, needs);

graded("random inserts, appends and pops agree with python3 (300 sequences)", 3, () => {
  const stmt = fc.oneof(
    fc.tuple(fc.integer({ min: -12, max: 12 }), fc.integer({ min: 0, max: 99 })).map(([i, v]) => `a.insert(${i}, ${v})`),
    fc.integer({ min: 0, max: 99 }).map((v) => `a.append(${v})`),
    fc.constantFrom("a.pop()", "a.pop(0)"),
  );
  expectSameAsPython(fc.sample(fc.array(stmt, { maxLength: 60 }), { numRuns: 300, seed: 11 }).map((s) => ["a = []", ...s]));
}, needs);
