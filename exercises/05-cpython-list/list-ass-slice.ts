// Exercise 05-cpython-list/list-ass-slice: a[ilow:ihigh] = v and del a[ilow:ihigh], as one memmove.
// Points: 12. Grade it with: npm run grade -- 05-cpython-list/list-ass-slice
// Hints: exercises/05-cpython-list/list-ass-slice.hints.md. The chapter section: "Slices".
import { todo } from "../../src/course/todo.ts";
import { PyList_GET_ITEM, PyList_SET_ITEM, PySequence_Fast, PySequence_Fast_GET_ITEM, PySequence_Fast_GET_SIZE, _list_clear, list_resize, list_slice, memmove, type PyListObject } from "../../src/cpython/listobject.ts";
import { Py_DECREF, Py_INCREF, type PyObject } from "../../src/cpython/object.ts";

/**
 * CPython 3.11 Objects/listobject.c: list_ass_slice. Replaces a[ilow:ihigh] by the items of `v` (any
 * iterable), or deletes them when v is null. ilow and ihigh are clipped into [0, len(a)], ihigh >= ilow.
 * The tail moves once (memmove), the block is resized once, the new items gain a reference, and the
 * replaced items lose theirs last. A list that ends up empty is cleared (its block freed).
 */
export function list_ass_slice(a: PyListObject, ilow: number, ihigh: number, v: PyObject | null): void {
  return todo("05-cpython-list/list-ass-slice");
}
