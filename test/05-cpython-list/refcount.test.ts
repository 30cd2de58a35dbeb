// Reference counts balance: whatever a list goes through, once it (and everything made from it) is freed,
// every object it held is back at the count it started with; and the free list never holds more than 80.
import fc from "fast-check";
import { expect, test } from "vitest";
import { PyFloatObject } from "../../src/cpython/floatobject.ts";
import {
  PyList_MAXFREELIST, PyList_New, free_list, list_append, list_clear, list_concat, list_copy, list_count, list_extend, list_index, list_inplace_repeat,
  list_insert, list_new, list_pop, list_remove, list_repeat, list_reverse, type PyListObject,
} from "../../src/cpython/listobject.ts";
import { list_ass_subscript, list_subscript } from "../../src/cpython/listslice.ts";
import { list_sort } from "../../src/cpython/listsort.ts";
import { PyLong_From } from "../../src/cpython/longobject.ts";
import { PyObject, Py_DECREF, Py_INCREF, Py_None } from "../../src/cpython/object.ts";
import { PyException } from "../../src/cpython/pyerrors.ts";
import { PySliceObject } from "../../src/cpython/sliceobject.ts";
import { PyTupleObject } from "../../src/cpython/tupleobject.ts";
import { PyUnicodeObject } from "../../src/cpython/unicodeobject.ts";

/** The objects under watch: ints, a float, strs (which make sorts fail half-way) and a tuple. */
function pool(): PyObject[] {
  return [...[5, 3, 8, 1, 9, 2, 7].map((v) => PyLong_From(v)), new PyFloatObject(2.5), new PyUnicodeObject("x"), new PyUnicodeObject("y"), new PyTupleObject([PyLong_From(1)])];
}

type Op = { name: string; run: (a: PyListObject, objs: PyObject[]) => void };
const int = (v: number) => PyLong_From(v);
/** Runs f with a fresh int argument and lets go of it after. */
const withInt = <T,>(v: number, f: (o: PyObject) => T): T => {
  const o = int(v);
  try {
    return f(o);
  } finally {
    Py_DECREF(o);
  }
};
const slice = (i: number | null, j: number | null, k: number | null) => new PySliceObject(i === null ? Py_INCREF(Py_None) : int(i), j === null ? Py_INCREF(Py_None) : int(j), k === null ? Py_INCREF(Py_None) : int(k));
const released = <T extends PyObject>(o: T) => Py_DECREF(o);

const idx = fc.integer({ min: -8, max: 8 });
const obj = fc.nat(10);
const op: fc.Arbitrary<Op> = fc.oneof(
  obj.map((o): Op => ({ name: `append ${o}`, run: (a, objs) => list_append(a, objs[o]) })),
  fc.tuple(idx, obj).map(([i, o]): Op => ({ name: `insert ${i} ${o}`, run: (a, objs) => withInt(i, (x) => list_insert(a, x, objs[o])) })),
  fc.array(obj, { maxLength: 5 }).map((os): Op => ({ name: `extend ${os}`, run: (a, objs) => { const l = PyList_New(0); for (const o of os) list_append(l, objs[o]); list_extend(a, l); Py_DECREF(l); } })),
  idx.map((i): Op => ({ name: `pop ${i}`, run: (a) => released(list_pop(a, i)) })),
  obj.map((o): Op => ({ name: `remove ${o}`, run: (a, objs) => list_remove(a, objs[o]) })),
  obj.map((o): Op => ({ name: `index/count ${o}`, run: (a, objs) => { list_count(a, objs[o]); list_index(a, objs[o]); } })),
  fc.tuple(idx, obj).map(([i, o]): Op => ({ name: `a[${i}] = ${o}`, run: (a, objs) => withInt(i, (x) => list_ass_subscript(a, x, objs[o])) })),
  fc.tuple(fc.option(idx), fc.option(idx), fc.option(fc.constantFrom(1, 2, -1, -2))).map(([i, j, k]): Op => ({ name: `del a[${i}:${j}:${k}]`, run: (a) => { const s = slice(i, j, k); try { list_ass_subscript(a, s, null); } finally { Py_DECREF(s); } } })),
  fc.tuple(fc.option(idx), fc.option(idx), fc.option(fc.constantFrom(1, 2, -1)), fc.array(obj, { maxLength: 4 })).map(([i, j, k, os]): Op => ({
    name: `a[${i}:${j}:${k}] = ${os}`,
    run: (a, objs) => { const s = slice(i, j, k); const l = PyList_New(0); for (const o of os) list_append(l, objs[o]); try { list_ass_subscript(a, s, l); } finally { Py_DECREF(s); Py_DECREF(l); } },
  })),
  fc.tuple(fc.option(idx), fc.option(idx), fc.option(fc.constantFrom(1, 3, -1))).map(([i, j, k]): Op => ({ name: `a[${i}:${j}:${k}]`, run: (a) => { const s = slice(i, j, k); try { released(list_subscript(a, s)); } finally { Py_DECREF(s); } } })),
  fc.constantFrom<Op>(
    { name: "a[:] = a", run: (a) => { const s = slice(null, null, null); try { list_ass_subscript(a, s, a); } finally { Py_DECREF(s); } } },
    { name: "sort", run: (a) => void list_sort(a) },
    { name: "sort(key, reverse)", run: (a) => void list_sort(a, (x) => Py_INCREF(x), true) },
    { name: "reverse", run: (a) => list_reverse(a) },
    { name: "copy, + and *", run: (a) => { released(list_copy(a)); released(list_concat(a, a)); released(list_repeat(a, 3)); released(list_new(a)); } },
    { name: "a *= 2", run: (a) => list_inplace_repeat(a, 2) },
    { name: "a *= 0", run: (a) => list_inplace_repeat(a, 0) },
    { name: "clear", run: (a) => list_clear(a) },
    { name: "a.append(a)", run: (a) => list_append(a, a) },
  ),
);

test("every object's reference count is back where it started once the list is freed", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
      const objs = pool();
      const before = objs.map((o) => o.ob_refcnt);
      const a = PyList_New(0);
      for (const o of ops) {
        try {
          o.run(a, objs);
        } catch (e) {
          if (!(e instanceof PyException)) throw e;
        }
        expect(free_list.length).toBeLessThanOrEqual(PyList_MAXFREELIST);
      }
      // A list that holds itself is a cycle: CPython's garbage collector breaks it by clearing the list.
      list_clear(a);
      expect(a.ob_refcnt, "the list's own count: only our reference is left").toBe(1);
      Py_DECREF(a);
      expect(objs.map((o) => o.ob_refcnt), `reference counts after ${ops.map((o) => o.name).join("; ")}`).toEqual(before);
    }),
    { numRuns: 400, seed: 42 },
  );
});

test("the free list keeps at most 80 list objects and hands them out again", () => {
  const lists = Array.from({ length: 200 }, () => PyList_New(0));
  for (const l of lists) Py_DECREF(l);
  expect(free_list.length).toBe(PyList_MAXFREELIST);
  const last = free_list[free_list.length - 1];
  expect(PyList_New(3), "PyList_New reuses the most recently freed list").toBe(last);
  expect(free_list.length).toBe(PyList_MAXFREELIST - 1);
});
