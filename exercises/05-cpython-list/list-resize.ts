// Exercise 05-cpython-list/list-resize: the growth policy of CPython 3.11's list_resize.
// Points: 10. Grade it with: npm run grade -- 05-cpython-list/list-resize
// Hints: exercises/05-cpython-list/list-resize.hints.md. The chapter section: "Why over-allocate".
import { todo } from "../../src/course/todo.ts";

/**
 * The capacity (`allocated`) a list has after list_resize(self, newsize), given its current `size`
 * (Py_SIZE) and `allocated`. CPython 3.11 Objects/listobject.c: list_resize.
 *
 * - When the current block is big enough and would stay at least half used, it is kept as it is.
 * - Otherwise the new capacity is newsize plus about an eighth, plus 6, rounded down to a multiple of 4;
 *   but a jump that lands closer to that over-allocated size than to the old size gets only
 *   newsize rounded up to a multiple of 4.
 * - An empty list owns no block at all.
 */
export function newAllocated(size: number, allocated: number, newsize: number): number {
  return todo("05-cpython-list/list-resize");
}
