// iter(list) and reversed(list): an index into a live list, so an iterator sees the list change under it.
// CPython 3.11 Objects/listobject.c: listiterobject, listreviterobject.
import { PyList_GET_ITEM, type PyListObject } from "./listobject.ts";
import { PyObject, Py_DECREF, Py_INCREF, type PyTypeObject } from "./object.ts";

/** CPython 3.11 Objects/listobject.c: PyListIter_Type. */
const PyListIter_Type: PyTypeObject = {
  tp_name: "list_iterator",
  tp_repr: () => "<list_iterator object>",
  tp_iternext: (self) => listiter_next(self as ListIterObject),
  length_hint: (self) => {
    const it = self as ListIterObject;
    if (it.it_seq) {
      const len = it.it_seq.ob_size - it.it_index;
      if (len >= 0) return len;
    }
    return 0;
  },
  tp_dealloc: (self) => release(self as ListIterObject),
};

/** CPython 3.11 Objects/listobject.c: PyListRevIter_Type. */
const PyListRevIter_Type: PyTypeObject = {
  tp_name: "list_reverseiterator",
  tp_repr: () => "<list_reverseiterator object>",
  tp_iternext: (self) => listreviter_next(self as ListIterObject),
  length_hint: (self) => {
    const it = self as ListIterObject;
    const len = it.it_index + 1;
    return it.it_seq === null || it.it_seq.ob_size < len ? 0 : len;
  },
  tp_dealloc: (self) => release(self as ListIterObject),
};

/** listiterobject and listreviterobject: the list (a reference, dropped at the end) and the next index. */
class ListIterObject extends PyObject {
  constructor(
    type: PyTypeObject,
    public it_seq: PyListObject | null,
    public it_index: number,
  ) {
    super(type);
  }
}

function release(it: ListIterObject): void {
  const seq = it.it_seq;
  it.it_seq = null;
  if (seq) Py_DECREF(seq);
}

// #region listiter
/** CPython 3.11 Objects/listobject.c: list_iter. */
export function listiter(seq: PyListObject): PyObject {
  return new ListIterObject(PyListIter_Type, Py_INCREF(seq), 0);
}

/** CPython 3.11 Objects/listobject.c: listiter_next: the index is checked against the size *now*. */
function listiter_next(it: ListIterObject): PyObject | null {
  const seq = it.it_seq;
  if (seq === null) return null;
  if (it.it_index < seq.ob_size) return Py_INCREF(PyList_GET_ITEM(seq, it.it_index++));
  // Exhausted for good: even if the list grows later, this iterator stays empty.
  release(it);
  return null;
}
// #endregion listiter

/** CPython 3.11 Objects/listobject.c: list___reversed___impl. */
export function listreviter(seq: PyListObject): PyObject {
  return new ListIterObject(PyListRevIter_Type, Py_INCREF(seq), seq.ob_size - 1);
}

/** CPython 3.11 Objects/listobject.c: listreviter_next. */
function listreviter_next(it: ListIterObject): PyObject | null {
  const seq = it.it_seq;
  const index = it.it_index;
  if (seq !== null && index >= 0 && index < seq.ob_size) {
    it.it_index--;
    return Py_INCREF(PyList_GET_ITEM(seq, index));
  }
  it.it_index = -1;
  release(it);
  return null;
}
