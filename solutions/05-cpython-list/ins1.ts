// Exercise 05-cpython-list/ins1: list.insert, as CPython 3.11's ins1 does it.
// Points: 10. Grade it with: npm run grade -- 05-cpython-list/ins1
// Hints: exercises/05-cpython-list/ins1.hints.md. The chapter section: "Insert and delete are memmoves".
import { PyList_SET_ITEM, list_resize, memmove, type PyListObject } from "../../src/cpython/listobject.ts";
import { Py_INCREF, type PyObject } from "../../src/cpython/object.ts";

/**
 * CPython 3.11 Objects/listobject.c: ins1. Inserts `v` before index `where` (negative counts from the end;
 * out of range means the nearest end), gaining a reference to it. Grows the list with list_resize first,
 * then slides the items from `where` on up by one slot.
 */
export function ins1(self: PyListObject, where: number, v: PyObject): void {
  const n = self.ob_size;
  list_resize(self, n + 1);
  if (where < 0) {
    where += n;
    if (where < 0) where = 0;
  }
  if (where > n) where = n;
  // for (i = n; --i >= where; ) items[i+1] = items[i]; as one memmove.
  memmove(self.ob_item!, where + 1, where, n - where);
  PyList_SET_ITEM(self, where, Py_INCREF(v));
}
