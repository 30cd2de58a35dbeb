// An iterator over a sequence that knows its length: what tuple, str and range hand out for iter().
// CPython 3.11 Objects/tupleobject.c: tupleiterobject; Objects/rangeobject.c: rangeiterobject.
import { PyObject, Py_DECREF, Py_INCREF, type PyTypeObject } from "./object.ts";

/** The iterator types, one per sequence type, as type(iter(x)).__name__ shows them. */
function iteratorType(tp_name: string): PyTypeObject {
  return {
    tp_name,
    tp_repr: () => `<${tp_name} object>`,
    tp_iternext: (self) => (self as SeqIterObject).next(),
    length_hint: (self) => (self as SeqIterObject).remaining(),
    tp_dealloc: (self) => (self as SeqIterObject).release(),
  };
}

export const tupleiterator = iteratorType("tuple_iterator");
export const striterator = iteratorType("str_ascii_iterator");
export const rangeiterator = iteratorType("range_iterator");

/** it_index walks 0..length-1; at the end the iterator lets go of its sequence, as the C ones do. */
export class SeqIterObject extends PyObject {
  it_index = 0;
  it_seq: PyObject | null;
  constructor(
    type: PyTypeObject,
    seq: PyObject,
    readonly length: number,
    /** A new reference to item i. */
    readonly item: (i: number) => PyObject,
  ) {
    super(type);
    this.it_seq = Py_INCREF(seq);
  }
  next(): PyObject | null {
    if (this.it_seq && this.it_index < this.length) return this.item(this.it_index++);
    this.release();
    return null;
  }
  remaining(): number {
    return this.it_seq ? this.length - this.it_index : 0;
  }
  release(): void {
    const seq = this.it_seq;
    this.it_seq = null;
    if (seq) Py_DECREF(seq);
  }
}
