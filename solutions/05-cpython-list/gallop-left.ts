// Exercise 05-cpython-list/gallop-left: find where a key belongs in a sorted run, galloping from a hint.
// Points: 10. Grade it with: npm run grade -- 05-cpython-list/gallop-left
// Hints: exercises/05-cpython-list/gallop-left.hints.md. The chapter section: "Galloping".
import { ISLT, type MergeState } from "../../src/cpython/listsort.ts";

/**
 * CPython 3.11 Objects/listobject.c: gallop_left. In the sorted run a[base:base+n] (n > 0), the leftmost
 * place k (0 <= k <= n) where `key` belongs: a[base+k-1] < key <= a[base+k]. Start at `hint` and
 * gallop (offsets 1, 3, 7, 15, ...) towards the place, then binary-search the last gap. `key` and the
 * slots of `a` are addresses of objects, as C's are pointers; compare them with ISLT.
 */
export function gallop_left(ms: MergeState, key: number, a: Int32Array, base: number, n: number, hint: number): number {
  let lastofs = 0;
  let ofs = 1;
  if (ISLT(ms, a[base + hint], key)) {
    // a[hint] < key: gallop right, until a[hint + lastofs] < key <= a[hint + ofs].
    const maxofs = n - hint;
    while (ofs < maxofs) {
      if (ISLT(ms, a[base + hint + ofs], key)) {
        lastofs = ofs;
        ofs = (ofs << 1) + 1;
      } else break;
    }
    if (ofs > maxofs) ofs = maxofs;
    lastofs += hint;
    ofs += hint;
  } else {
    // key <= a[hint]: gallop left, until a[hint - ofs] < key <= a[hint - lastofs].
    const maxofs = hint + 1;
    while (ofs < maxofs) {
      if (ISLT(ms, a[base + hint - ofs], key)) break;
      lastofs = ofs;
      ofs = (ofs << 1) + 1;
    }
    if (ofs > maxofs) ofs = maxofs;
    const k = lastofs;
    lastofs = hint - ofs;
    ofs = hint - k;
  }
  // Binary search with the invariant a[lastofs - 1] < key <= a[ofs].
  ++lastofs;
  while (lastofs < ofs) {
    const m = lastofs + ((ofs - lastofs) >> 1);
    if (ISLT(ms, a[base + m], key)) lastofs = m + 1;
    else ofs = m;
  }
  return ofs;
}
