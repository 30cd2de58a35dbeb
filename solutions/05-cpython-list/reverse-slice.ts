// Exercise 05-cpython-list/reverse-slice: reverse a run of slots in place, for list.reverse and sort.
// Points: 6. Grade it with: npm run grade -- 05-cpython-list/reverse-slice
// Hints: exercises/05-cpython-list/reverse-slice.hints.md. The chapter section: "Reverse".

/**
 * CPython 3.11 Objects/listobject.c: reverse_slice. Reverses items[lo:hi] in place by swapping from both
 * ends inward: a list's block of addresses, or the keys the sort works on. No references change hands:
 * every item stays in the list.
 */
export function reverse_slice<T>(items: { [i: number]: T }, lo: number, hi: number): void {
  --hi;
  while (lo < hi) {
    const t = items[lo];
    items[lo] = items[hi];
    items[hi] = t;
    ++lo;
    --hi;
  }
}
