// Subscripts of a list: a[i], a[i:j:k], and assignment and deletion through them.
// CPython 3.11 Objects/listobject.c: list_subscript, list_ass_item, list_ass_subscript.
import { PyLong_Check, PyNumber_AsSsize_t } from "./longobject.ts";
import { PyList_Check, PyList_GET_ITEM, PyList_New, PySequence_Fast, PySequence_Fast_GET_ITEM, PySequence_Fast_GET_SIZE, list_item, list_new_prealloc, list_resize, list_slice, memmove, type PyListObject } from "./listobject.ts";
import { PyObject, Py_ADDR, Py_DECREF, Py_INCREF, Py_heap, typeName } from "./object.ts";
import { IndexError, TypeError, ValueError } from "./pyerrors.ts";
import { list_ass_slice } from "./seams.ts";
import { PySliceObject, PySlice_AdjustIndices, PySlice_Unpack } from "./sliceobject.ts";

/** CPython 3.11 Objects/listobject.c: list_subscript: a[i] (a new reference) or a[i:j:k] (a new list). */
export function list_subscript(self: PyListObject, item: PyObject): PyObject {
  if (PyLong_Check(item)) {
    let i = PyNumber_AsSsize_t(item, IndexError);
    if (i < 0) i += self.ob_size;
    return list_item(self, i);
  }
  if (item instanceof PySliceObject) {
    const s = PySlice_Unpack(item);
    const slicelength = PySlice_AdjustIndices(self.ob_size, s);
    if (slicelength <= 0) return PyList_New(0);
    if (s.step === 1) return list_slice(self, s.start, s.stop);
    const result = list_new_prealloc(slicelength);
    const src = self.ob_item!;
    const dest = result.ob_item!;
    for (let cur = s.start, i = 0; i < slicelength; cur += s.step, i++) dest[i] = Py_ADDR(Py_INCREF(Py_heap[src[cur]]));
    result.ob_size = slicelength;
    return result;
  }
  throw new TypeError(`list indices must be integers or slices, not ${typeName(item)}`);
}

/** CPython 3.11 Objects/listobject.c: list_ass_item: a[i] = v, or del a[i] when v is null. */
export function list_ass_item(a: PyListObject, i: number, v: PyObject | null): void {
  if (i < 0 || i >= a.ob_size) throw new IndexError("list assignment index out of range");
  if (v === null) {
    list_ass_slice(a, i, i + 1, null);
    return;
  }
  const old = PyList_GET_ITEM(a, i);
  a.ob_item![i] = Py_ADDR(Py_INCREF(v));
  Py_DECREF(old);
}

// #region list-ass-subscript
/**
 * CPython 3.11 Objects/listobject.c: list_ass_subscript: a[item] = value, or del a[item] (value null).
 * A step of 1 is list_ass_slice; other steps delete by sliding the kept runs down, or assign item by item
 * to a slice of exactly the same length.
 */
export function list_ass_subscript(self: PyListObject, item: PyObject, value: PyObject | null): void {
  if (PyLong_Check(item)) {
    let i = PyNumber_AsSsize_t(item, IndexError);
    if (i < 0) i += self.ob_size;
    list_ass_item(self, i, value);
    return;
  }
  if (!(item instanceof PySliceObject)) throw new TypeError(`list indices must be integers or slices, not ${typeName(item)}`);
  const s = PySlice_Unpack(item);
  const slicelength = PySlice_AdjustIndices(self.ob_size, s);
  let { start, stop, step } = s;
  if (step === 1) {
    list_ass_slice(self, start, stop, value);
    return;
  }
  // Make sure s[5:2] = [..] inserts at the right place: before 5, not before 2.
  if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;

  if (value === null) {
    if (slicelength <= 0) return;
    if (step < 0) {
      stop = start + 1;
      start = stop + step * (slicelength - 1) - 1;
      step = -step;
    }
    const items = self.ob_item!;
    const garbage: PyObject[] = [];
    // Slide down the step - 1 items between deleted ones, then the tail past the slice.
    let cur = start;
    for (let i = 0; cur < stop; cur += step, i++) {
      let lim = step - 1;
      garbage.push(Py_heap[items[cur]]);
      if (cur + step >= self.ob_size) lim = self.ob_size - cur - 1;
      memmove(items, cur - i, cur + 1, lim);
    }
    cur = start + slicelength * step;
    if (cur < self.ob_size) memmove(items, cur - slicelength, cur, self.ob_size - cur);
    self.ob_size -= slicelength;
    list_resize(self, self.ob_size);
    for (const g of garbage) Py_DECREF(g);
    return;
  }

  // Protect against a[::-1] = a.
  const seq = self === value ? list_slice(self, 0, self.ob_size) : PySequence_Fast(value, "must assign iterable to extended slice");
  try {
    const n = PySequence_Fast_GET_SIZE(seq);
    if (n !== slicelength) throw new ValueError(`attempt to assign sequence of size ${n} to extended slice of size ${slicelength}`);
    if (!slicelength) return;
    const selfitems = self.ob_item!;
    const garbage: PyObject[] = [];
    for (let cur = start, i = 0; i < slicelength; cur += step, i++) {
      garbage.push(Py_heap[selfitems[cur]]);
      selfitems[cur] = Py_ADDR(Py_INCREF(PySequence_Fast_GET_ITEM(seq, i)));
    }
    for (const g of garbage) Py_DECREF(g);
  } finally {
    Py_DECREF(seq);
  }
}
// #endregion list-ass-subscript

export { PyList_Check };
