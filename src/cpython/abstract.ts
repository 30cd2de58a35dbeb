// The abstract object protocols the list uses on what it is given: iteration, length, and the "fast
// sequence" view of an iterable. CPython 3.11 Objects/abstract.c.
import { PyObject, Py_DECREF, Py_INCREF, typeName } from "./object.ts";
import { TypeError } from "./pyerrors.ts";

/** CPython 3.11 Objects/abstract.c: PyObject_GetIter. A new reference. */
export function PyObject_GetIter(o: PyObject): PyObject {
  const t = o.ob_type;
  if (t.tp_iter) return t.tp_iter(o);
  if (t.tp_iternext) return Py_INCREF(o);
  throw new TypeError(`'${typeName(o)}' object is not iterable`);
}

/** CPython 3.11 Objects/abstract.c: PyIter_Next: a new reference, or null at the end. */
export function PyIter_Next(it: PyObject): PyObject | null {
  return it.ob_type.tp_iternext!(it);
}

/** CPython 3.11 Objects/abstract.c: _PyObject_HasLen. */
export function _PyObject_HasLen(o: PyObject): boolean {
  return o.ob_type.sq_length !== undefined;
}

/** CPython 3.11 Objects/abstract.c: PyObject_Size. */
export function PyObject_Size(o: PyObject): number {
  if (!o.ob_type.sq_length) throw new TypeError(`object of type '${typeName(o)}' has no len()`);
  return o.ob_type.sq_length(o);
}

/** CPython 3.11 Objects/abstract.c: PyObject_LengthHint: len(), else __length_hint__(), else the default. */
export function PyObject_LengthHint(o: PyObject, defaultvalue: number): number {
  if (o.ob_type.sq_length) return o.ob_type.sq_length(o);
  if (o.ob_type.length_hint) return o.ob_type.length_hint(o);
  return defaultvalue;
}

/** Every item an iterable yields, as new references (the body of PySequence_List for what is not a list). */
export function iterateAll(o: PyObject): PyObject[] {
  const it = PyObject_GetIter(o);
  const items: PyObject[] = [];
  try {
    for (let item = PyIter_Next(it); item !== null; item = PyIter_Next(it)) items.push(item);
  } catch (e) {
    for (const item of items) Py_DECREF(item);
    throw e;
  } finally {
    Py_DECREF(it);
  }
  return items;
}
