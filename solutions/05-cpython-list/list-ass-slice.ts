// Exercise 05-cpython-list/list-ass-slice: a[ilow:ihigh] = v and del a[ilow:ihigh], as one memmove.
// Points: 12. Grade it with: npm run grade -- 05-cpython-list/list-ass-slice
// Hints: exercises/05-cpython-list/list-ass-slice.hints.md. The chapter section: "Slices".
import { PyList_GET_ITEM, PyList_SET_ITEM, PySequence_Fast, PySequence_Fast_GET_ITEM, PySequence_Fast_GET_SIZE, _list_clear, list_resize, list_slice, memmove, type PyListObject } from "../../src/cpython/listobject.ts";
import { Py_DECREF, Py_INCREF, type PyObject } from "../../src/cpython/object.ts";

/**
 * CPython 3.11 Objects/listobject.c: list_ass_slice. Replaces a[ilow:ihigh] by the items of `v` (any
 * iterable), or deletes them when v is null. ilow and ihigh are clipped into [0, len(a)], ihigh >= ilow.
 * The tail moves once (memmove), the block is resized once, the new items gain a reference, and the
 * replaced items lose theirs last. A list that ends up empty is cleared (its block freed).
 */
export function list_ass_slice(a: PyListObject, ilow: number, ihigh: number, v: PyObject | null): void {
  if (v === a) {
    // a[i:j] = a: copy a first.
    const copy = list_slice(a, 0, a.ob_size);
    try {
      list_ass_slice(a, ilow, ihigh, copy);
    } finally {
      Py_DECREF(copy);
    }
    return;
  }
  const seq = v === null ? null : PySequence_Fast(v, "can only assign an iterable");
  try {
    const n = seq === null ? 0 : PySequence_Fast_GET_SIZE(seq);
    if (ilow < 0) ilow = 0;
    else if (ilow > a.ob_size) ilow = a.ob_size;
    if (ihigh < ilow) ihigh = ilow;
    else if (ihigh > a.ob_size) ihigh = a.ob_size;
    const norig = ihigh - ilow;
    const d = n - norig;
    if (a.ob_size + d === 0) {
      _list_clear(a);
      return;
    }
    // Recycle the items we are about to remove; they lose their references at the very end.
    const recycle: PyObject[] = [];
    for (let k = ilow; k < ihigh; k++) recycle.push(PyList_GET_ITEM(a, k));
    if (d < 0) {
      // Delete -d items: slide the tail down, then shrink.
      memmove(a.ob_item!, ihigh + d, ihigh, a.ob_size - ihigh);
      list_resize(a, a.ob_size + d);
    } else if (d > 0) {
      // Insert d items: grow, then slide the tail up.
      const k = a.ob_size;
      list_resize(a, k + d);
      memmove(a.ob_item!, ihigh + d, ihigh, k - ihigh);
    }
    for (let k = 0; k < n; k++, ilow++) PyList_SET_ITEM(a, ilow, Py_INCREF(PySequence_Fast_GET_ITEM(seq!, k)));
    for (let k = norig - 1; k >= 0; --k) Py_DECREF(recycle[k]);
  } finally {
    if (seq !== null) Py_DECREF(seq);
  }
}
