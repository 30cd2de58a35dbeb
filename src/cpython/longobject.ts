// Python's int, of arbitrary precision, and bool, its subtype with two instances.
// CPython 3.11 Objects/longobject.c, Objects/boolobject.c.
import { CompareOp, PyObject, PyType_IsSubtype, Py_INCREF, Py_NotImplemented, richcompareValues, type PyTypeObject } from "./object.ts";
import { IndexError, OverflowError, TypeError } from "./pyerrors.ts";

/** The largest Py_ssize_t on a 64-bit build. */
export const PY_SSIZE_T_MAX = 2n ** 63n - 1n;

/** Freed ints, the most recent last: pymalloc's free blocks of their size class (see PyObject_Free). */
const long_freeblocks: PyLongObject[] = [];

/** CPython 3.11 Objects/longobject.c: PyLong_Type. */
export const PyLong_Type: PyTypeObject = {
  tp_name: "int",
  tp_repr: (self) => String((self as PyLongObject).value),
  tp_richcompare: long_richcompare,
  tp_freeblocks: long_freeblocks,
};

/** CPython 3.11 Objects/boolobject.c: PyBool_Type, a subtype of int. */
export const PyBool_Type: PyTypeObject = {
  tp_name: "bool",
  tp_base: PyLong_Type,
  tp_static: true,
  tp_repr: (self) => ((self as PyLongObject).value ? "True" : "False"),
  // Inherited from int: True < 2 and False == 0.
  tp_richcompare: long_richcompare,
};

/**
 * CPython 3.11 Include/cpython/longintrepr.h: PyLongObject. CPython keeps 30-bit digits; we keep a JS number
 * while the value is a safe integer and a bigint beyond, so small ints stay fast and big ones stay exact.
 */
export class PyLongObject extends PyObject {
  constructor(
    public value: number | bigint,
    type: PyTypeObject = PyLong_Type,
  ) {
    super(type);
  }
}

/**
 * A new int (a new reference), from a JS number or bigint: CPython 3.11 Objects/longobject.c: _PyLong_New
 * asks PyObject_Malloc for a block, which is the most recently freed int when there is one.
 */
export function PyLong_From(v: number | bigint): PyLongObject {
  if (typeof v === "bigint" && v >= -(2n ** 53n) + 1n && v <= 2n ** 53n - 1n) v = Number(v);
  const op = long_freeblocks.pop();
  if (op === undefined) return new PyLongObject(v);
  op.ob_refcnt = 1; // _Py_NewReference
  op.value = v;
  return op;
}

/** CPython 3.11 Objects/boolobject.c: _Py_TrueStruct and _Py_FalseStruct. */
export const Py_True = new PyLongObject(1, PyBool_Type);
export const Py_False = new PyLongObject(0, PyBool_Type);

/** CPython 3.11 Objects/boolobject.c: PyBool_FromLong, a new reference to True or False. */
export function PyBool_FromLong(v: boolean): PyLongObject {
  return Py_INCREF(v ? Py_True : Py_False);
}

/** PyLong_Check: an int or a bool. */
export function PyLong_Check(o: PyObject): o is PyLongObject {
  return o.ob_type === PyLong_Type || o.ob_type === PyBool_Type;
}

/** CPython 3.11 Objects/longobject.c: long_richcompare: ints compare with ints; anything else is not ours. */
function long_richcompare(self: PyObject, other: PyObject, op: CompareOp): boolean | PyObject {
  if (!PyType_IsSubtype(other.ob_type, PyLong_Type)) return Py_NotImplemented;
  return richcompareValues((self as PyLongObject).value, (other as PyLongObject).value, op);
}

/**
 * CPython 3.11 Objects/abstract.c: PyNumber_AsSsize_t. An int that does not fit in a Py_ssize_t raises
 * `exc` ("cannot fit 'int' into an index-sized integer"), or is clipped when exc is null.
 */
export function PyNumber_AsSsize_t(o: PyObject, exc: typeof IndexError | typeof OverflowError | null): number {
  if (!PyLong_Check(o)) throw new TypeError(`'${o.ob_type.tp_name}' object cannot be interpreted as an integer`);
  const v = o.value;
  if (typeof v === "number") return v;
  if (v > PY_SSIZE_T_MAX || v < -PY_SSIZE_T_MAX - 1n) {
    if (exc) throw new exc(`cannot fit 'int' into an index-sized integer`);
    return v > 0n ? Number(PY_SSIZE_T_MAX) : -Number(PY_SSIZE_T_MAX);
  }
  return Number(v);
}

/** CPython 3.11 Objects/longobject.c: PyLong_AsSsize_t, for arguments such as list.insert's index. */
export function PyLong_AsSsize_t(o: PyObject): number {
  if (!PyLong_Check(o)) throw new TypeError(`'${o.ob_type.tp_name}' object cannot be interpreted as an integer`);
  const v = o.value;
  if (typeof v === "bigint" && (v > PY_SSIZE_T_MAX || v < -PY_SSIZE_T_MAX - 1n)) {
    throw new OverflowError("Python int too large to convert to C ssize_t");
  }
  return Number(v);
}
