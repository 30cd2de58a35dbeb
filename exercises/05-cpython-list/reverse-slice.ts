// Exercise 05-cpython-list/reverse-slice: reverse a run of slots in place, for list.reverse and sort.
// Points: 6. Grade it with: npm run grade -- 05-cpython-list/reverse-slice
// Hints: exercises/05-cpython-list/reverse-slice.hints.md. The chapter section: "Reverse".
import { todo } from "../../src/course/todo.ts";
import type { PyObject } from "../../src/cpython/object.ts";

/**
 * CPython 3.11 Objects/listobject.c: reverse_slice. Reverses items[lo:hi] in place by swapping from both
 * ends inward. No references change hands: every item stays in the list.
 */
export function reverse_slice(items: PyObject[], lo: number, hi: number): void {
  return todo("05-cpython-list/reverse-slice");
}
