// slice(start, stop, step) and the arithmetic that turns one into indices of a sequence of a given length.
// CPython 3.11 Objects/sliceobject.c.
import { PY_SSIZE_T_MAX, PyLong_Check, PyNumber_AsSsize_t } from "./longobject.ts";
import { PyObject, PyObject_Repr, Py_DECREF, Py_None, type PyTypeObject } from "./object.ts";
import { TypeError, ValueError } from "./pyerrors.ts";

const MAX = Number(PY_SSIZE_T_MAX);
const MIN = -MAX - 1;

export const PySlice_Type: PyTypeObject = {
  tp_name: "slice",
  tp_repr: (self) => {
    const s = self as PySliceObject;
    return `slice(${PyObject_Repr(s.start)}, ${PyObject_Repr(s.stop)}, ${PyObject_Repr(s.step)})`;
  },
  tp_dealloc: (self) => {
    const s = self as PySliceObject;
    Py_DECREF(s.start);
    Py_DECREF(s.stop);
    Py_DECREF(s.step);
  },
};

/** CPython 3.11 Include/sliceobject.h: PySliceObject; it owns a reference to each of its three fields. */
export class PySliceObject extends PyObject {
  constructor(
    readonly start: PyObject,
    readonly stop: PyObject,
    readonly step: PyObject,
  ) {
    super(PySlice_Type);
  }
}

/** CPython 3.11 Python/ceval.c: _PyEval_SliceIndex: None leaves the default, a huge int is clipped. */
function sliceIndex(v: PyObject, dflt: number): number {
  if (v === Py_None) return dflt;
  if (!PyLong_Check(v)) throw new TypeError("slice indices must be integers or None or have an __index__ method");
  return PyNumber_AsSsize_t(v, null);
}

// #region slice-indices
/** CPython 3.11 Objects/sliceobject.c: PySlice_Unpack: defaults depend on the direction of the step. */
export function PySlice_Unpack(r: PySliceObject): { start: number; stop: number; step: number } {
  let step = sliceIndex(r.step, 1);
  if (step === 0) throw new ValueError("slice step cannot be zero");
  // So that -step cannot overflow.
  if (step < -MAX) step = -MAX;
  const start = sliceIndex(r.start, step < 0 ? MAX : 0);
  const stop = sliceIndex(r.stop, step < 0 ? MIN : MAX);
  return { start, stop, step };
}

/**
 * CPython 3.11 Objects/sliceobject.c: PySlice_AdjustIndices: clip start and stop into the sequence
 * (negative ones count from the end) and return how many items the slice selects.
 */
export function PySlice_AdjustIndices(length: number, s: { start: number; stop: number; step: number }): number {
  const { step } = s;
  if (s.start < 0) {
    s.start += length;
    if (s.start < 0) s.start = step < 0 ? -1 : 0;
  } else if (s.start >= length) {
    s.start = step < 0 ? length - 1 : length;
  }
  if (s.stop < 0) {
    s.stop += length;
    if (s.stop < 0) s.stop = step < 0 ? -1 : 0;
  } else if (s.stop >= length) {
    s.stop = step < 0 ? length - 1 : length;
  }
  if (step < 0) {
    if (s.stop < s.start) return Math.floor((s.start - s.stop - 1) / -step) + 1;
  } else if (s.start < s.stop) {
    return Math.floor((s.stop - s.start - 1) / step) + 1;
  }
  return 0;
}
// #endregion slice-indices
