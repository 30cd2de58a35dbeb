// CPython 3.11 Objects/listobject.c, object for object: a list is a PyListObject whose ob_item points at
// `allocated` slots, of which the first ob_size hold references to its items.
import { PyObject_GetIter, PyObject_LengthHint, PyObject_Size, PyIter_Next, _PyObject_HasLen, iterateAll } from "./abstract.ts";
import { listiter, listreviter } from "./listiter.ts";
import { PY_SSIZE_T_MAX, PyLong_AsSsize_t, PyLong_Check, PyNumber_AsSsize_t } from "./longobject.ts";
import { CompareOp, PyObject, PyObject_RichCompareBool, PyObject_Repr, Py_ADDR, Py_DECREF, Py_INCREF, Py_NotImplemented, Py_XDECREF, Py_heap, typeName, withReprGuard, type PyTypeObject } from "./object.ts";
import { IndexError, MemoryError, OverflowError, TypeError, ValueError } from "./pyerrors.ts";
import { POINTER_SIZE, PyMem_Free, PyMem_Realloc } from "./pymem.ts";
import { ins1, list_ass_slice, newAllocated, reverse_slice } from "./seams.ts";
import { PyTupleObject, PyTuple_Type, sequenceRichcompare } from "./tupleobject.ts";

/** CPython 3.11 Objects/listobject.c: PyList_Type. */
export const PyList_Type: PyTypeObject = {
  tp_name: "list",
  tp_repr: (self) => list_repr(self as PyListObject),
  tp_richcompare: (v, w, op) => list_richcompare(v, w, op),
  tp_dealloc: (self) => list_dealloc(self as PyListObject),
  sq_length: (self) => (self as PyListObject).ob_size,
  tp_iter: (self) => listiter(self as PyListObject),
};

// #region struct
/** CPython 3.11 Include/cpython/listobject.h: PyListObject. */
export class PyListObject extends PyObject {
  /**
   * The block of `allocated` slots, each the address of an object (see Py_heap) or 0 for NULL;
   * ob_item[0:ob_size] are the items, the rest is room to grow. NULL until the first block.
   */
  ob_item: Int32Array | null = null;
  /** Py_SIZE(list): the number of items. */
  ob_size = 0;
  /** The number of slots the block has room for. */
  allocated = 0;
  constructor() {
    super(PyList_Type);
  }
}
// #endregion struct

/** PyList_GET_ITEM: the object in slot i (a borrowed reference). */
export function PyList_GET_ITEM(op: PyListObject, i: number): PyObject {
  return Py_heap[op.ob_item![i]];
}

/** PyList_SET_ITEM: slot i now points at v (the caller's reference to v moves into the list). */
export function PyList_SET_ITEM(op: PyListObject, i: number, v: PyObject): void {
  op.ob_item![i] = Py_ADDR(v);
}

/** PyList_Check. */
export function PyList_Check(o: PyObject): o is PyListObject {
  return o.ob_type === PyList_Type;
}

/**
 * The most items a block may hold here. CPython asks the allocator and raises MemoryError when it says no;
 * a block of 2^24 slots is where we say no.
 */
export const MAX_ALLOCATED = 2 ** 24;

/** The MemoryError CPython raises when the block cannot be had (str(e) is empty). */
function checkAllocation(slots: number): void {
  if (slots > MAX_ALLOCATED) throw new MemoryError("");
}

/** sys.getsizeof of an empty list: the 40-byte PyListObject plus the 16-byte GC header. */
export const EMPTY_LIST_SIZE = 56;

/** sys.getsizeof(list) on a 64-bit CPython 3.11: list___sizeof__ plus the GC header. */
export function sizeof(self: PyListObject): number {
  return EMPTY_LIST_SIZE + POINTER_SIZE * self.allocated;
}

// #region list-resize
/**
 * CPython 3.11 Objects/listobject.c: list_resize. Keeps the block when it is big enough and at least half
 * used; otherwise reallocates it to the size the growth policy (newAllocated) chooses.
 */
export function list_resize(self: PyListObject, newsize: number): void {
  const allocated = newAllocated(self.ob_size, self.allocated, newsize);
  if (allocated !== self.allocated) {
    checkAllocation(allocated);
    // PyMem_Realloc: a block of the new size (never NULL, even for 0 bytes), keeping what fits.
    PyMem_Realloc(self.allocated * POINTER_SIZE, allocated * POINTER_SIZE);
    const items = new Int32Array(allocated);
    const old = self.ob_item;
    if (old !== null) items.set(old.length > allocated ? old.subarray(0, allocated) : old);
    self.ob_item = items;
    self.allocated = allocated;
  }
  self.ob_size = newsize;
}
// #endregion list-resize

// #region memmove
/**
 * memmove(&items[to], &items[from], n * sizeof(PyObject *)): moves n slots within a block, overlapping or
 * not. The slots are addresses in an Int32Array, so this is a native memmove, as fast as C's.
 */
export function memmove(items: Int32Array, to: number, from: number, n: number): void {
  items.copyWithin(to, from, from + n);
}
// #endregion memmove

// #region free-list
/** CPython 3.11 Include/internal/pycore_list.h: PyList_MAXFREELIST. */
export const PyList_MAXFREELIST = 80;
/** CPython 3.11 Objects/listobject.c: the free list of dead list objects (their headers, not their blocks). */
export const free_list: PyListObject[] = [];

/** CPython 3.11 Objects/listobject.c: PyList_New: a list of `size` empty slots, from the free list if it can. */
export function PyList_New(size: number): PyListObject {
  if (size < 0) throw new Error("PyList_New: negative size (bad internal call)");
  const op = free_list.pop() ?? new PyListObject();
  op.ob_refcnt = 1; // _Py_NewReference
  if (size <= 0) {
    op.ob_item = null;
  } else {
    PyMem_Realloc(0, size * POINTER_SIZE);
    // calloc: every slot NULL (address 0).
    op.ob_item = new Int32Array(size);
  }
  op.ob_size = size;
  op.allocated = size;
  return op;
}

/** CPython 3.11 Objects/listobject.c: list_dealloc: let go of the items, then keep the header for reuse. */
function list_dealloc(op: PyListObject): void {
  const items = op.ob_item;
  if (items !== null) {
    for (let i = op.ob_size - 1; i >= 0; i--) Py_XDECREF(Py_heap[items[i]]);
    PyMem_Free(op.allocated * POINTER_SIZE);
    op.ob_item = null;
  }
  op.ob_size = 0;
  op.allocated = 0;
  if (free_list.length < PyList_MAXFREELIST) free_list.push(op);
}
// #endregion free-list

/**
 * CPython 3.11 Objects/listobject.c: list_preallocate_exact. An empty list (ob_item NULL) about to receive
 * `size` items gets exactly that many slots, rounded up to an even number: the allocator's granularity is
 * 16 bytes, so an odd slot would be wasted anyway.
 */
export function list_preallocate_exact(self: PyListObject, size: number): void {
  size = (size + 1) & ~1;
  checkAllocation(size);
  PyMem_Realloc(0, size * POINTER_SIZE);
  self.ob_item = new Int32Array(size);
  self.allocated = size;
}

/** CPython 3.11 Objects/listobject.c: list_new_prealloc: a list with room for exactly `size` items, ob_size 0. */
export function list_new_prealloc(size: number): PyListObject {
  checkAllocation(size);
  const op = PyList_New(0);
  PyMem_Realloc(0, size * POINTER_SIZE);
  op.ob_item = new Int32Array(size);
  op.allocated = size;
  return op;
}

// #region list-clear
/**
 * CPython 3.11 Objects/listobject.c: _list_clear. The list is made empty *before* the items are released:
 * a Py_DECREF can run arbitrary code (a __del__) that looks at this very list, and it must find it empty.
 */
export function _list_clear(a: PyListObject): void {
  const item = a.ob_item;
  if (item === null) return;
  let i = a.ob_size;
  const bytes = a.allocated * POINTER_SIZE;
  a.ob_size = 0;
  a.ob_item = null;
  a.allocated = 0;
  while (--i >= 0) Py_XDECREF(Py_heap[item[i]]);
  PyMem_Free(bytes);
}
// #endregion list-clear

// #region app1
/** CPython 3.11 Objects/listobject.c: app1 (and _PyList_AppendTakeRef): append, with the reference taken. */
export function _PyList_AppendTakeRef(self: PyListObject, newitem: PyObject): void {
  const n = self.ob_size;
  if (n < self.allocated) {
    self.ob_item![n] = Py_ADDR(newitem);
    self.ob_size = n + 1;
    return;
  }
  list_resize(self, n + 1);
  self.ob_item![n] = Py_ADDR(newitem);
}
// #endregion app1

/** CPython 3.11 Objects/listobject.c: list_append, the method: a new reference to the item goes in. */
export function list_append(self: PyListObject, v: PyObject): void {
  _PyList_AppendTakeRef(self, Py_INCREF(v));
}

/** CPython 3.11 Objects/listobject.c: list_insert_impl. */
export function list_insert(self: PyListObject, index: PyObject, object: PyObject): void {
  ins1(self, PyLong_AsSsize_t(index), object);
}

/** CPython 3.11 Objects/abstract.c: PySequence_Fast: a list or tuple as it is, anything else as a new list. */
export function PySequence_Fast(v: PyObject, message: string): PyListObject | PyTupleObject {
  if (PyList_Check(v) || v.ob_type === PyTuple_Type) return Py_INCREF(v as PyListObject | PyTupleObject);
  if (!v.ob_type.tp_iter && !v.ob_type.tp_iternext) throw new TypeError(message);
  const items = iterateAll(v);
  const list = list_new_prealloc(items.length || 1);
  for (let i = 0; i < items.length; i++) PyList_SET_ITEM(list, i, items[i]);
  list.ob_size = items.length;
  return list;
}

/** PySequence_Fast_GET_ITEM: item i of what PySequence_Fast returned (a borrowed reference). */
export function PySequence_Fast_GET_ITEM(seq: PyListObject | PyTupleObject, i: number): PyObject {
  return seq instanceof PyTupleObject ? seq.ob_item[i] : Py_heap[seq.ob_item![i]];
}

/** PySequence_Fast_GET_SIZE. */
export function PySequence_Fast_GET_SIZE(seq: PyListObject | PyTupleObject): number {
  return seq instanceof PyTupleObject ? seq.ob_item.length : seq.ob_size;
}

// #region list-extend
/**
 * CPython 3.11 Objects/listobject.c: list_extend. A list or tuple (or the list itself) is copied in one
 * go; anything else is iterated, after making room for as many items as its length hint promises.
 */
export function list_extend(self: PyListObject, iterable: PyObject): void {
  if (PyList_Check(iterable) || iterable.ob_type === PyTuple_Type) {
    const seq = PySequence_Fast(iterable, "argument must be iterable");
    try {
      const n = PySequence_Fast_GET_SIZE(seq);
      if (n === 0) return;
      const m = self.ob_size;
      if (self.ob_item === null) {
        list_preallocate_exact(self, n);
        self.ob_size = n;
      } else {
        list_resize(self, m + n);
      }
      const dest = self.ob_item!;
      for (let i = 0; i < n; i++) dest[m + i] = Py_ADDR(Py_INCREF(PySequence_Fast_GET_ITEM(seq, i)));
    } finally {
      Py_DECREF(seq);
    }
    return;
  }
  const it = PyObject_GetIter(iterable);
  try {
    // Guess a result list size.
    const n = PyObject_LengthHint(iterable, 8);
    const m = self.ob_size;
    if (m > Number(PY_SSIZE_T_MAX) - n) {
      // m + n overflowed: ignore the hint.
    } else if (self.ob_item === null) {
      if (n) list_preallocate_exact(self, n);
    } else {
      // Make room, then make the list sane again.
      list_resize(self, m + n);
      self.ob_size = m;
    }
    for (let item = PyIter_Next(it); item !== null; item = PyIter_Next(it)) {
      if (self.ob_size < self.allocated) {
        self.ob_item![self.ob_size] = Py_ADDR(item);
        self.ob_size++;
      } else {
        _PyList_AppendTakeRef(self, item);
      }
    }
    // Cut back the block if the guess was too large.
    if (self.ob_size < self.allocated) list_resize(self, self.ob_size);
  } finally {
    Py_DECREF(it);
  }
}
// #endregion list-extend

/** CPython 3.11 Objects/listobject.c: list___init___impl, the body of list(iterable). */
export function list___init__(self: PyListObject, iterable: PyObject | null): void {
  if (self.ob_item !== null) _list_clear(self);
  if (iterable === null) return;
  if (_PyObject_HasLen(iterable)) {
    const iter_len = PyObject_Size(iterable);
    if (iter_len > 0 && self.ob_item === null) list_preallocate_exact(self, iter_len);
  }
  list_extend(self, iterable);
}

/** list(iterable): list_vectorcall allocates a fresh object (not from the free list), then list___init__. */
export function list_new(iterable: PyObject | null): PyListObject {
  const self = new PyListObject();
  try {
    list___init__(self, iterable);
  } catch (e) {
    Py_DECREF(self);
    throw e;
  }
  return self;
}

// #region list-pop
/**
 * CPython 3.11 Objects/listobject.c: list_pop_impl. Returns the item (the list's reference moves to the
 * caller). The last item goes by list_resize alone; any other by list_ass_slice, which slides the tail down
 * (and frees the block when the list becomes empty).
 */
export function list_pop(self: PyListObject, index = -1): PyObject {
  if (self.ob_size === 0) throw new IndexError("pop from empty list");
  if (index < 0) index += self.ob_size;
  if (index < 0 || index >= self.ob_size) throw new IndexError("pop index out of range");
  const v = PyList_GET_ITEM(self, index);
  if (index === self.ob_size - 1) {
    list_resize(self, self.ob_size - 1);
    return v;
  }
  Py_INCREF(v);
  list_ass_slice(self, index, index + 1, null);
  return v;
}
// #endregion list-pop

/** list.pop(index) with a Python int (or nothing). */
export function list_pop_impl(self: PyListObject, index: PyObject | null): PyObject {
  return list_pop(self, index === null ? -1 : PyLong_AsSsize_t(index));
}

/** CPython 3.11 Objects/listobject.c: list_remove: the first item equal to value goes, via list_ass_slice. */
export function list_remove(self: PyListObject, value: PyObject): void {
  for (let i = 0; i < self.ob_size; i++) {
    const obj = Py_INCREF(PyList_GET_ITEM(self, i));
    let cmp: boolean;
    try {
      cmp = PyObject_RichCompareBool(obj, value, CompareOp.Py_EQ);
    } finally {
      Py_DECREF(obj);
    }
    if (cmp) {
      list_ass_slice(self, i, i + 1, null);
      return;
    }
  }
  throw new ValueError("list.remove(x): x not in list");
}

/** CPython 3.11 Python/ceval.c: _PyEval_SliceIndexNotNone, for index()'s start and stop. */
function sliceIndexNotNone(v: PyObject): number {
  if (!PyLong_Check(v)) throw new TypeError("slice indices must be integers or have an __index__ method");
  return PyNumber_AsSsize_t(v, null);
}

/** CPython 3.11 Objects/listobject.c: list_index_impl: the first i in [start, stop) with self[i] == value. */
export function list_index(self: PyListObject, value: PyObject, start: PyObject | null = null, stop: PyObject | null = null): number {
  let lo = start === null ? 0 : sliceIndexNotNone(start);
  let hi = stop === null ? Number(PY_SSIZE_T_MAX) : sliceIndexNotNone(stop);
  if (lo < 0) {
    lo += self.ob_size;
    if (lo < 0) lo = 0;
  }
  if (hi < 0) {
    hi += self.ob_size;
    if (hi < 0) hi = 0;
  }
  for (let i = lo; i < hi && i < self.ob_size; i++) {
    const obj = Py_INCREF(PyList_GET_ITEM(self, i));
    try {
      if (PyObject_RichCompareBool(obj, value, CompareOp.Py_EQ)) return i;
    } finally {
      Py_DECREF(obj);
    }
  }
  throw new ValueError(`${PyObject_Repr(value)} is not in list`);
}

/** CPython 3.11 Objects/listobject.c: list_count: identical items count without a comparison. */
export function list_count(self: PyListObject, value: PyObject): number {
  let count = 0;
  for (let i = 0; i < self.ob_size; i++) {
    const obj = PyList_GET_ITEM(self, i);
    if (obj === value) {
      count++;
      continue;
    }
    Py_INCREF(obj);
    try {
      if (PyObject_RichCompareBool(obj, value, CompareOp.Py_EQ)) count++;
    } finally {
      Py_DECREF(obj);
    }
  }
  return count;
}

/** CPython 3.11 Objects/listobject.c: list_contains (the `in` operator). */
export function list_contains(a: PyListObject, el: PyObject): boolean {
  for (let i = 0; i < a.ob_size; i++) {
    const item = Py_INCREF(PyList_GET_ITEM(a, i));
    try {
      if (PyObject_RichCompareBool(item, el, CompareOp.Py_EQ)) return true;
    } finally {
      Py_DECREF(item);
    }
  }
  return false;
}

/** CPython 3.11 Objects/listobject.c: list_reverse_impl. */
export function list_reverse(self: PyListObject): void {
  if (self.ob_size > 1) reverse_slice(self.ob_item!, 0, self.ob_size);
}

/** CPython 3.11 Objects/listobject.c: list_item: a new reference to self[i], i already made non-negative. */
export function list_item(a: PyListObject, i: number): PyObject {
  if (i < 0 || i >= a.ob_size) throw new IndexError("list index out of range");
  return Py_INCREF(PyList_GET_ITEM(a, i));
}

/** CPython 3.11 Objects/listobject.c: list_slice: a new list of exactly ihigh - ilow slots. */
export function list_slice(a: PyListObject, ilow: number, ihigh: number): PyListObject {
  const len = ihigh - ilow;
  if (len <= 0) return PyList_New(0);
  const np = list_new_prealloc(len);
  const src = a.ob_item!;
  const dest = np.ob_item!;
  for (let i = 0; i < len; i++) {
    const addr = src[ilow + i];
    Py_heap[addr].ob_refcnt++; // Py_INCREF
    dest[i] = addr;
  }
  np.ob_size = len;
  return np;
}

/** CPython 3.11 Objects/listobject.c: list_copy_impl. */
export function list_copy(self: PyListObject): PyListObject {
  return list_slice(self, 0, self.ob_size);
}

/** CPython 3.11 Objects/listobject.c: list_concat (a + b): exactly len(a) + len(b) slots. */
export function list_concat(a: PyListObject, bb: PyObject): PyListObject {
  if (!PyList_Check(bb)) throw new TypeError(`can only concatenate list (not "${typeName(bb)}") to list`);
  const size = a.ob_size + bb.ob_size;
  if (size === 0) return PyList_New(0);
  const np = list_new_prealloc(size);
  const dest = np.ob_item!;
  for (let i = 0; i < a.ob_size; i++) dest[i] = Py_ADDR(Py_INCREF(PyList_GET_ITEM(a, i)));
  for (let i = 0; i < bb.ob_size; i++) dest[a.ob_size + i] = Py_ADDR(Py_INCREF(PyList_GET_ITEM(bb, i)));
  np.ob_size = size;
  return np;
}

/** The count of a repetition: an int (a negative one means zero), else CPython's TypeError. */
export function repeatCount(n: PyObject): number {
  if (!PyLong_Check(n)) throw new TypeError(`can't multiply sequence by non-int of type '${typeName(n)}'`);
  return PyNumber_AsSsize_t(n, OverflowError);
}

/** CPython 3.11 Objects/listobject.c: list_repeat (a * n): exactly len(a) * n slots. */
export function list_repeat(a: PyListObject, n: number): PyListObject {
  const input_size = a.ob_size;
  if (input_size === 0 || n <= 0) return PyList_New(0);
  const size = input_size * n;
  const np = list_new_prealloc(size);
  const dest = np.ob_item!;
  for (let i = 0, p = 0; i < n; i++) for (let j = 0; j < input_size; j++) dest[p++] = Py_ADDR(Py_INCREF(PyList_GET_ITEM(a, j)));
  np.ob_size = size;
  return np;
}

/** CPython 3.11 Objects/listobject.c: list_inplace_concat (a += iterable): list_extend. */
export function list_inplace_concat(self: PyListObject, other: PyObject): void {
  list_extend(self, other);
}

/** CPython 3.11 Objects/listobject.c: list_inplace_repeat (a *= n): grow in place, or clear for n < 1. */
export function list_inplace_repeat(self: PyListObject, n: number): void {
  const size = self.ob_size;
  if (size === 0 || n === 1) return;
  if (n < 1) {
    _list_clear(self);
    return;
  }
  checkAllocation(size * n);
  list_resize(self, size * n);
  const items = self.ob_item!;
  let p = size;
  for (let i = 1; i < n; i++) for (let j = 0; j < size; j++) items[p++] = Py_ADDR(Py_INCREF(Py_heap[items[j]]));
}

/** CPython 3.11 Objects/listobject.c: list_clear_impl (list.clear()). */
export function list_clear(self: PyListObject): void {
  _list_clear(self);
}

/** CPython 3.11 Objects/listobject.c: list_richcompare. */
function list_richcompare(v: PyObject, w: PyObject, op: CompareOp): boolean | PyObject {
  if (!PyList_Check(v) || !PyList_Check(w)) return Py_NotImplemented;
  return sequenceRichcompare((i) => PyList_GET_ITEM(v, i), v.ob_size, (i) => PyList_GET_ITEM(w, i), w.ob_size, op, true);
}

// #region list-repr
/** CPython 3.11 Objects/listobject.c: list_repr, with Py_ReprEnter's guard: a list inside itself is [...]. */
export function list_repr(v: PyListObject): string {
  if (v.ob_size === 0) return "[]";
  return withReprGuard(v, "[...]", () => {
    const parts: string[] = [];
    // The list may change while its items are repr'd, so ob_size is read afresh each time.
    for (let i = 0; i < v.ob_size; i++) parts.push(PyObject_Repr(PyList_GET_ITEM(v, i)));
    return `[${parts.join(", ")}]`;
  });
}
// #endregion list-repr

/** reversed(list). */
export function list___reversed__(self: PyListObject): PyObject {
  return listreviter(self);
}
