// Python exceptions as JS exceptions: a C function that sets an error and returns NULL throws one of these
// instead, with CPython's own type name and message. CPython 3.11 Objects/exceptions.c.

/** BaseException: `name` is the Python type name, `message` what str(e) shows. */
export class PyException extends Error {
  override name = "Exception";
}
export class TypeError extends PyException {
  override name = "TypeError";
}
export class ValueError extends PyException {
  override name = "ValueError";
}
export class IndexError extends PyException {
  override name = "IndexError";
}
export class OverflowError extends PyException {
  override name = "OverflowError";
}
export class MemoryError extends PyException {
  override name = "MemoryError";
}
export class NameError extends PyException {
  override name = "NameError";
}
export class AttributeError extends PyException {
  override name = "AttributeError";
}
export class RecursionError extends PyException {
  override name = "RecursionError";
}
export class StopIteration extends PyException {
  override name = "StopIteration";
}
export class SyntaxError extends PyException {
  override name = "SyntaxError";
}
export class ZeroDivisionError extends PyException {
  override name = "ZeroDivisionError";
}
