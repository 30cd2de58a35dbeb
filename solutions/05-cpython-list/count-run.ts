// Exercise 05-cpython-list/count-run: find the natural run at the start of what is left to sort.
// Points: 8. Grade it with: npm run grade -- 05-cpython-list/count-run
// Hints: exercises/05-cpython-list/count-run.hints.md. The chapter section: "Runs".
import { ISLT, type MergeState } from "../../src/cpython/listsort.ts";

/**
 * CPython 3.11 Objects/listobject.c: count_run. The length of the run starting at ms.keys[lo] (lo < hi):
 * the longest non-descending stretch `a[lo] <= a[lo+1] <= ...`, or the longest strictly descending one
 * `a[lo] > a[lo+1] > ...` (strict, so that reversing it keeps the sort stable). Compares with ISLT only.
 */
export function count_run(ms: MergeState, lo: number, hi: number): { n: number; descending: boolean } {
  const a = ms.keys;
  ++lo;
  if (lo === hi) return { n: 1, descending: false };
  let n = 2;
  if (ISLT(ms, a[lo], a[lo - 1])) {
    for (lo = lo + 1; lo < hi; ++lo, ++n) if (!ISLT(ms, a[lo], a[lo - 1])) break;
    return { n, descending: true };
  }
  for (lo = lo + 1; lo < hi; ++lo, ++n) if (ISLT(ms, a[lo], a[lo - 1])) break;
  return { n, descending: false };
}
