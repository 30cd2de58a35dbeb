// Exercise 05-cpython-list/binarysort: extend a short run to minrun by binary insertion.
// Points: 10. Grade it with: npm run grade -- 05-cpython-list/binarysort
// Hints: exercises/05-cpython-list/binarysort.hints.md. The chapter section: "Runs".
import { ISLT, type MergeState } from "../../src/cpython/listsort.ts";

/**
 * CPython 3.11 Objects/listobject.c: binarysort. ms.keys[lo:start] is already sorted; insert each of
 * ms.keys[start:hi] into it in turn. The place is found by binary search (ISLT(pivot, a[p])) and lies after
 * any equal keys, so the sort stays stable; the items in between slide up one slot. When ms.values is not
 * null (a key function), the values move exactly as their keys do. Both are Int32Arrays of addresses.
 */
export function binarysort(ms: MergeState, lo: number, hi: number, start: number): void {
  const keys = ms.keys;
  const values = ms.values;
  if (lo === start) ++start;
  for (; start < hi; ++start) {
    // Set l to where keys[start] belongs: pivot >= all in [lo, l), pivot < all in [r, start).
    let l = lo;
    let r = start;
    const pivot = keys[r];
    do {
      const p = l + ((r - l) >> 1);
      if (ISLT(ms, pivot, keys[p])) r = p;
      else l = p + 1;
    } while (l < r);
    for (let p = start; p > l; --p) keys[p] = keys[p - 1];
    keys[l] = pivot;
    if (values !== null) {
      const v = values[start];
      for (let p = start; p > l; --p) values[p] = values[p - 1];
      values[l] = v;
    }
  }
}
