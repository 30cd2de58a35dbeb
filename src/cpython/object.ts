// The object model our list stands on: every value is a PyObject with a reference count and a type, and
// the type's slots (tp_repr, tp_richcompare, tp_dealloc) say how it behaves.
// CPython 3.11 Include/object.h, Objects/object.c.
import { TypeError } from "./pyerrors.ts";

// #region pyobject
/** CPython 3.11 Include/object.h: PyTypeObject, with the slots this chapter needs. */
export interface PyTypeObject {
  readonly tp_name: string;
  /** The base type (bool's base is int); undefined for object's direct subtypes here. */
  readonly tp_base?: PyTypeObject;
  tp_repr(self: PyObject): string;
  /** The comparison's truth, or NotImplemented (C returns a bool object; a JS boolean spares the refcounts). */
  tp_richcompare?(self: PyObject, other: PyObject, op: CompareOp): boolean | PyObject;
  /** Frees what the object owns when its reference count reaches zero. */
  tp_dealloc?(self: PyObject): void;
  /** len(self), for sized containers (sq_length). */
  sq_length?(self: PyObject): number;
  /** iter(self): a new reference to an iterator. */
  tp_iter?(self: PyObject): PyObject;
  /** next(self): a new reference, or null when the iterator is exhausted. */
  tp_iternext?(self: PyObject): PyObject | null;
  /** self.__length_hint__(), for iterators that know how much is left. */
  length_hint?(self: PyObject): number;
  /** The instances are statically allocated (None, NotImplemented, True, False): their memory is never freed. */
  readonly tp_static?: true;
  /**
   * The freed blocks of this type's size class, for the allocator to hand out again (see PyObject_Free);
   * undefined when a freed object's memory simply goes.
   */
  readonly tp_freeblocks?: PyObject[];
}

/** CPython 3.11 Include/object.h: PyObject, the header every object starts with. */
export class PyObject {
  /** How many references point at this object; at zero it is deallocated. */
  ob_refcnt = 1;
  /** Where the object lives: its index in Py_heap, or 0 (NULL) until a container first stores it. */
  ob_addr = 0;
  constructor(readonly ob_type: PyTypeObject) {}
}

/** CPython 3.11 Include/object.h: Py_INCREF. */
export function Py_INCREF<T extends PyObject>(op: T): T {
  op.ob_refcnt++;
  return op;
}

/** CPython 3.11 Include/object.h: Py_DECREF: the last reference gone, the type's tp_dealloc runs. */
export function Py_DECREF(op: PyObject): void {
  if (--op.ob_refcnt === 0) _Py_Dealloc(op);
}

/** CPython 3.11 Objects/object.c: _Py_Dealloc: the type frees what the object owns, then its memory goes. */
export function _Py_Dealloc(op: PyObject): void {
  const type = op.ob_type;
  type.tp_dealloc?.(op);
  if (type.tp_static !== true) PyObject_Free(op);
}
// #endregion pyobject

// #region address
/**
 * The memory objects live in. A C container holds `PyObject *` pointers; ours hold addresses, indexes into
 * this array, so a block of them is an Int32Array that memmove (copyWithin) moves at native speed. Address 0
 * is NULL, so a zeroed block is a block of NULLs, as calloc gives.
 */
export const Py_heap: PyObject[] = [undefined as unknown as PyObject];
/** Addresses given back by deallocated objects, for the next objects to reuse. */
const freeAddresses: number[] = [];

/** The address of op (the value of a `PyObject *`), giving it one the first time one is needed. */
export function Py_ADDR(op: PyObject): number {
  const addr = op.ob_addr;
  return addr !== 0 ? addr : newAddress(op);
}

function newAddress(op: PyObject): number {
  const addr = freeAddresses.length > 0 ? freeAddresses.pop()! : Py_heap.length;
  Py_heap[addr] = op;
  op.ob_addr = addr;
  return addr;
}

/**
 * CPython 3.11 Objects/obmalloc.c: PyObject_Free. pymalloc puts a freed block on its pool's free list, and
 * the next allocation of that size class takes the most recently freed block: same memory, same address.
 * A type with tp_freeblocks does the same with its dead objects, which keep their addresses; the others
 * give their address back and leave their memory to the garbage collector.
 */
export function PyObject_Free(op: PyObject): void {
  const freeblocks = op.ob_type.tp_freeblocks;
  if (freeblocks !== undefined) {
    freeblocks.push(op);
    return;
  }
  const addr = op.ob_addr;
  if (addr !== 0) {
    Py_heap[addr] = undefined as unknown as PyObject;
    freeAddresses.push(addr);
    op.ob_addr = 0;
  }
}
// #endregion address

/** Py_XDECREF: Py_DECREF of a slot that may be empty (NULL). */
export function Py_XDECREF(op: PyObject | undefined | null): void {
  if (op) Py_DECREF(op);
}

/** Py_LT, Py_LE, Py_EQ, Py_NE, Py_GT, Py_GE in CPython's order. */
export const enum CompareOp {
  Py_LT = 0,
  Py_LE = 1,
  Py_EQ = 2,
  Py_NE = 3,
  Py_GT = 4,
  Py_GE = 5,
}

/** CPython 3.11 Objects/object.c: _Py_SwappedOp. */
const SWAPPED_OP = [CompareOp.Py_GT, CompareOp.Py_GE, CompareOp.Py_EQ, CompareOp.Py_NE, CompareOp.Py_LT, CompareOp.Py_LE] as const;
/** CPython 3.11 Objects/object.c: opstrings. */
const OPSTRINGS = ["<", "<=", "==", "!=", ">", ">="] as const;

/** The result of a comparison of two C values, as op asks: CPython's Py_RETURN_RICHCOMPARE. */
export function richcompareValues(a: number | bigint | string, b: number | bigint | string, op: CompareOp): boolean {
  // JS compares a bigint with a number exactly, as CPython compares an int with a float.
  switch (op) {
    case CompareOp.Py_LT: return a < b;
    case CompareOp.Py_LE: return a <= b;
    case CompareOp.Py_EQ: return a == b;
    case CompareOp.Py_NE: return a != b;
    case CompareOp.Py_GT: return a > b;
    case CompareOp.Py_GE: return a >= b;
  }
}

const noneType: PyTypeObject = { tp_name: "NoneType", tp_repr: () => "None", tp_static: true };
const notImplementedType: PyTypeObject = { tp_name: "NotImplementedType", tp_repr: () => "NotImplemented", tp_static: true };

/** CPython 3.11 Objects/object.c: _Py_NoneStruct. */
export const Py_None = new PyObject(noneType);
/** CPython 3.11 Objects/object.c: _Py_NotImplementedStruct. */
export const Py_NotImplemented = new PyObject(notImplementedType);

/** CPython 3.11 Objects/typeobject.c: PyType_IsSubtype, along tp_base. */
export function PyType_IsSubtype(a: PyTypeObject, b: PyTypeObject): boolean {
  for (let t: PyTypeObject | undefined = a; t; t = t.tp_base) if (t === b) return true;
  return false;
}

/** CPython 3.11 Objects/object.c: do_richcompare: the reflected operand first when it is a subtype. */
function do_richcompare(v: PyObject, w: PyObject, op: CompareOp): boolean {
  let checkedReverseOp = false;
  const vt = v.ob_type;
  const wt = w.ob_type;
  if (vt !== wt && PyType_IsSubtype(wt, vt) && wt.tp_richcompare) {
    checkedReverseOp = true;
    const res = wt.tp_richcompare(w, v, SWAPPED_OP[op]);
    if (res !== Py_NotImplemented) return res as boolean;
  }
  if (vt.tp_richcompare) {
    const res = vt.tp_richcompare(v, w, op);
    if (res !== Py_NotImplemented) return res as boolean;
  }
  if (!checkedReverseOp && wt.tp_richcompare) {
    const res = wt.tp_richcompare(w, v, SWAPPED_OP[op]);
    if (res !== Py_NotImplemented) return res as boolean;
  }
  // Neither side knows: == and != fall back on identity, the others are a TypeError.
  if (op === CompareOp.Py_EQ) return v === w;
  if (op === CompareOp.Py_NE) return v !== w;
  throw new TypeError(`'${OPSTRINGS[op]}' not supported between instances of '${vt.tp_name}' and '${wt.tp_name}'`);
}

// #region richcompare
/** CPython 3.11 Objects/object.c: PyObject_RichCompare, giving the truth of its result rather than a bool object. */
export const PyObject_RichCompare = do_richcompare;

/**
 * CPython 3.11 Objects/object.c: PyObject_RichCompareBool. Identity implies equality, so `x in [x]` is
 * True even for a NaN, and == on the same object never calls the type at all.
 */
export function PyObject_RichCompareBool(v: PyObject, w: PyObject, op: CompareOp): boolean {
  if (v === w) {
    if (op === CompareOp.Py_EQ) return true;
    if (op === CompareOp.Py_NE) return false;
  }
  return do_richcompare(v, w, op);
}
// #endregion richcompare

/** CPython 3.11 Objects/object.c: PyObject_Repr (the recursion guard lives in the containers). */
export function PyObject_Repr(v: PyObject): string {
  return v.ob_type.tp_repr(v);
}

/** type(v).__name__. */
export function typeName(v: PyObject): string {
  return v.ob_type.tp_name;
}

/** CPython 3.11 Objects/object.c: Py_ReprEnter/Py_ReprLeave: the containers being repr'd right now. */
const reprStack = new Set<PyObject>();

/** Runs `body` for a container's repr, or returns `recursive` when the container is already being shown. */
export function withReprGuard(self: PyObject, recursive: string, body: () => string): string {
  if (reprStack.has(self)) return recursive;
  reprStack.add(self);
  try {
    return body();
  } finally {
    reprStack.delete(self);
  }
}
