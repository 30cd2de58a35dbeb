// range(start, stop, step): a sized iterable of ints, handy for filling lists. CPython 3.11 Objects/rangeobject.c.
import { SeqIterObject, rangeiterator } from "./iterobject.ts";
import { PyLong_From } from "./longobject.ts";
import { PyObject, type PyTypeObject } from "./object.ts";
import { ValueError } from "./pyerrors.ts";

export const PyRange_Type: PyTypeObject = {
  tp_name: "range",
  tp_repr: (self) => {
    const r = self as PyRangeObject;
    return r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
  },
  sq_length: (self) => (self as PyRangeObject).length,
  tp_iter: (self) => {
    const r = self as PyRangeObject;
    return new SeqIterObject(rangeiterator, r, r.length, (i) => PyLong_From(r.start + i * r.step));
  },
};

/** CPython 3.11 Objects/rangeobject.c: rangeobject, for ranges of safe integers. */
export class PyRangeObject extends PyObject {
  readonly length: number;
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step: number,
  ) {
    super(PyRange_Type);
    if (step === 0) throw new ValueError("range() arg 3 must not be zero");
    this.length = step > 0 ? (start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0) : start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }
}
