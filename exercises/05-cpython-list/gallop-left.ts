// Exercise 05-cpython-list/gallop-left: find where a key belongs in a sorted run, galloping from a hint.
// Points: 10. Grade it with: npm run grade -- 05-cpython-list/gallop-left
// Hints: exercises/05-cpython-list/gallop-left.hints.md. The chapter section: "Galloping".
import { todo } from "../../src/course/todo.ts";
import { ISLT, type MergeState } from "../../src/cpython/listsort.ts";

/**
 * CPython 3.11 Objects/listobject.c: gallop_left. In the sorted run a[base:base+n] (n > 0), the leftmost
 * place k (0 <= k <= n) where `key` belongs: a[base+k-1] < key <= a[base+k]. Start at `hint` and
 * gallop (offsets 1, 3, 7, 15, ...) towards the place, then binary-search the last gap. `key` and the
 * slots of `a` are addresses of objects, as C's are pointers; compare them with ISLT.
 */
export function gallop_left(ms: MergeState, key: number, a: Int32Array, base: number, n: number, hint: number): number {
  return todo("05-cpython-list/gallop-left");
}
