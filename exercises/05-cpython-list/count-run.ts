// Exercise 05-cpython-list/count-run: find the natural run at the start of what is left to sort.
// Points: 8. Grade it with: npm run grade -- 05-cpython-list/count-run
// Hints: exercises/05-cpython-list/count-run.hints.md. The chapter section: "Runs".
import { todo } from "../../src/course/todo.ts";
import { ISLT, type MergeState } from "../../src/cpython/listsort.ts";

/**
 * CPython 3.11 Objects/listobject.c: count_run. The length of the run starting at ms.keys[lo] (lo < hi):
 * the longest non-descending stretch `a[lo] <= a[lo+1] <= ...`, or the longest strictly descending one
 * `a[lo] > a[lo+1] > ...` (strict, so that reversing it keeps the sort stable). Compares with ISLT only.
 */
export function count_run(ms: MergeState, lo: number, hi: number): { n: number; descending: boolean } {
  return todo("05-cpython-list/count-run");
}
