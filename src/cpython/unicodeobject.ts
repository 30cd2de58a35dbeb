// Python's str, as much as a list of strings needs: comparison and repr. CPython 3.11 Objects/unicodeobject.c.
import { SeqIterObject, striterator } from "./iterobject.ts";
import { CompareOp, PyObject, Py_NotImplemented, richcompareValues, type PyTypeObject } from "./object.ts";

/** CPython 3.11 Objects/unicodeobject.c: PyUnicode_Type. */
export const PyUnicode_Type: PyTypeObject = {
  tp_name: "str",
  tp_repr: (self) => unicode_repr((self as PyUnicodeObject).value),
  tp_richcompare: (self, other, op) =>
    other.ob_type === PyUnicode_Type ? richcompareValues((self as PyUnicodeObject).value, (other as PyUnicodeObject).value, op) : Py_NotImplemented,
  sq_length: (self) => (self as PyUnicodeObject).value.length,
  tp_iter: (self) => new SeqIterObject(striterator, self, (self as PyUnicodeObject).value.length, (i) => new PyUnicodeObject((self as PyUnicodeObject).value[i])),
};

/** A str; CPython stores 1, 2 or 4 bytes per code point, we store a JS string. */
export class PyUnicodeObject extends PyObject {
  constructor(readonly value: string) {
    super(PyUnicode_Type);
  }
}

/** CPython 3.11 Objects/unicodeobject.c: unicode_repr: single quotes unless the text has ' and no ". */
export function unicode_repr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || (c >= 0x7f && c <= 0xa0)) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}
