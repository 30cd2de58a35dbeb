// Python's float: an IEEE double, compared exactly with ints, shown by the shortest repr that round-trips.
// CPython 3.11 Objects/floatobject.c.
import { CompareOp, PyObject, PyType_IsSubtype, Py_NotImplemented, richcompareValues, type PyTypeObject } from "./object.ts";
import { PyLong_Type, type PyLongObject } from "./longobject.ts";

/** CPython 3.11 Objects/floatobject.c: PyFloat_Type. */
export const PyFloat_Type: PyTypeObject = {
  tp_name: "float",
  tp_repr: (self) => float_repr((self as PyFloatObject).ob_fval),
  tp_richcompare: float_richcompare,
};

/** CPython 3.11 Include/cpython/floatobject.h: PyFloatObject. */
export class PyFloatObject extends PyObject {
  constructor(readonly ob_fval: number) {
    super(PyFloat_Type);
  }
}

/** CPython 3.11 Objects/floatobject.c: float_richcompare: a float compares with a float or an int, exactly. */
function float_richcompare(self: PyObject, other: PyObject, op: CompareOp): boolean | PyObject {
  const v = (self as PyFloatObject).ob_fval;
  if (other.ob_type === PyFloat_Type) return richcompareValues(v, (other as PyFloatObject).ob_fval, op);
  if (PyType_IsSubtype(other.ob_type, PyLong_Type)) return richcompareValues(v, (other as PyLongObject).value, op);
  return Py_NotImplemented;
}

/**
 * CPython 3.11 Python/pystrtod.c: format_float_short with 'r': the shortest digits that round-trip, in
 * positional notation unless the exponent is below -4 or at least 16 ('1e-05', '1e+16').
 */
export function float_repr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exp] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const decpt = Number(exp) + 1;
  const sign = x < 0 ? "-" : "";
  if (decpt <= -4 || decpt > 16) {
    const e = decpt - 1;
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
