// Python's tuple: a fixed array of references, and the comparison lists and tuples share.
// CPython 3.11 Objects/tupleobject.c.
import { CompareOp, PyObject, PyObject_RichCompare, PyObject_RichCompareBool, PyObject_Repr, Py_DECREF, Py_INCREF, Py_NotImplemented, richcompareValues, withReprGuard, type PyTypeObject } from "./object.ts";
import { SeqIterObject, tupleiterator } from "./iterobject.ts";

/** CPython 3.11 Objects/tupleobject.c: PyTuple_Type. */
export const PyTuple_Type: PyTypeObject = {
  tp_name: "tuple",
  tp_repr: tuplerepr,
  tp_richcompare: (v, w, op) => (w.ob_type === PyTuple_Type ? tuplerichcompare(v as PyTupleObject, w as PyTupleObject, op) : Py_NotImplemented),
  tp_dealloc: (self) => {
    const items = (self as PyTupleObject).ob_item;
    for (let i = items.length - 1; i >= 0; i--) Py_DECREF(items[i]);
  },
  sq_length: (self) => (self as PyTupleObject).ob_item.length,
  tp_iter: (self) => new SeqIterObject(tupleiterator, self, (self as PyTupleObject).ob_item.length, (i) => Py_INCREF((self as PyTupleObject).ob_item[i])),
};

/** CPython 3.11 Include/cpython/tupleobject.h: PyTupleObject. It owns a reference to each item. */
export class PyTupleObject extends PyObject {
  /** The items; the constructor takes over one reference to each. */
  constructor(readonly ob_item: readonly PyObject[]) {
    super(PyTuple_Type);
  }
}

/** CPython 3.11 Objects/tupleobject.c: tuplerepr: "(1,)" for one item, "(...)" for a tuple inside itself. */
function tuplerepr(self: PyObject): string {
  const items = (self as PyTupleObject).ob_item;
  if (items.length === 0) return "()";
  return withReprGuard(self, "(...)", () => (items.length === 1 ? `(${PyObject_Repr(items[0])},)` : `(${items.map(PyObject_Repr).join(", ")})`));
}

// #region sequence-richcompare
/**
 * The comparison of two sequences, item by item, as CPython 3.11's list_richcompare and tuplerichcompare
 * do it: find the first index where the items differ (identical items are equal without a call), then
 * either the lengths decide or those two items do. Lists of different lengths are unequal at once.
 */
export function sequenceRichcompare(v: (i: number) => PyObject, vlen: number, w: (i: number) => PyObject, wlen: number, op: CompareOp, lengthShortcut: boolean): boolean {
  if (lengthShortcut && vlen !== wlen && (op === CompareOp.Py_EQ || op === CompareOp.Py_NE)) return op === CompareOp.Py_NE;
  let i = 0;
  for (; i < vlen && i < wlen; i++) {
    const vitem = v(i);
    const witem = w(i);
    if (vitem === witem) continue;
    Py_INCREF(vitem);
    Py_INCREF(witem);
    try {
      if (!PyObject_RichCompareBool(vitem, witem, CompareOp.Py_EQ)) break;
    } finally {
      Py_DECREF(vitem);
      Py_DECREF(witem);
    }
  }
  if (i >= vlen || i >= wlen) return richcompareValues(vlen, wlen, op);
  if (op === CompareOp.Py_EQ) return false;
  if (op === CompareOp.Py_NE) return true;
  return PyObject_RichCompare(v(i), w(i), op);
}
// #endregion sequence-richcompare

/** CPython 3.11 Objects/tupleobject.c: tuplerichcompare. */
function tuplerichcompare(v: PyTupleObject, w: PyTupleObject, op: CompareOp): boolean {
  return sequenceRichcompare((i) => v.ob_item[i], v.ob_item.length, (i) => w.ob_item[i], w.ob_item.length, op, false);
}
