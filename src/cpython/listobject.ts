// CPython 3.11 Objects/listobject.c, object for object: a list is a PyListObject whose ob_item points at
// `allocated` slots, of which the first ob_size hold items.
import { newAllocated } from "./seams.ts";

// #region struct
/** CPython 3.11 Include/cpython/listobject.h: PyListObject. */
export class PyListObject<T = unknown> {
  /** ob_item[0:ob_size] are the items; the rest of the block is room to grow. NULL until the first block. */
  ob_item: (T | undefined)[] | null = null;
  /** Py_SIZE(list): the number of items. */
  ob_size = 0;
  /** The number of slots the block has room for. */
  allocated = 0;
}
// #endregion struct

/** sizeof(PyObject *) on 64-bit builds. */
export const POINTER_SIZE = 8;
/** sys.getsizeof of an empty list: the 40-byte PyListObject plus the 16-byte GC header. */
export const EMPTY_LIST_SIZE = 56;

// #region list-resize
/** CPython 3.11 Objects/listobject.c: list_resize. */
export function list_resize<T>(self: PyListObject<T>, newsize: number): void {
  const allocated = newAllocated(self.ob_size, self.allocated, newsize);
  if (allocated !== self.allocated) {
    // PyMem_Realloc: a block of the new size (never NULL, even for 0 bytes); slots past newsize are gone.
    self.ob_item ??= [];
    self.ob_item.length = Math.min(self.ob_item.length, newsize);
    self.allocated = allocated;
  }
  self.ob_size = newsize;
}
// #endregion list-resize

/** CPython 3.11 Objects/listobject.c: app1, the body of list.append. */
export function app1<T>(self: PyListObject<T>, v: T): void {
  const n = self.ob_size;
  list_resize(self, n + 1);
  self.ob_item![n] = v;
}

/** sys.getsizeof(list) on a 64-bit CPython 3.11. */
export function sizeof(self: PyListObject<unknown>): number {
  return EMPTY_LIST_SIZE + POINTER_SIZE * self.allocated;
}

/** CPython 3.11 Objects/listobject.c: list_pop_impl, for the last item (the index -1 default). */
export function list_pop<T>(self: PyListObject<T>): T {
  if (self.ob_size === 0) throw new IndexError("pop from empty list");
  const v = self.ob_item![self.ob_size - 1] as T;
  list_resize(self, self.ob_size - 1);
  return v;
}

/**
 * CPython 3.11 Objects/listobject.c: list_preallocate_exact. An empty list that is extended by n items
 * gets exactly n slots, rounded up to an even number.
 */
export function list_preallocate_exact<T>(self: PyListObject<T>, size: number): void {
  self.allocated = (size + 1) & ~1;
  self.ob_item = [];
}

/** CPython 3.11 Objects/listobject.c: list_extend, for a list or tuple (a sized sequence). */
export function list_extend<T>(self: PyListObject<T>, items: readonly T[]): void {
  const n = items.length;
  if (n === 0) return;
  const m = self.ob_size;
  if (self.ob_item === null) {
    list_preallocate_exact(self, n);
    self.ob_size = n;
  } else {
    list_resize(self, m + n);
  }
  for (let i = 0; i < n; i++) self.ob_item![m + i] = items[i];
}

/** Python's IndexError, raised with CPython's own message. */
export class IndexError extends Error {
  override name = "IndexError";
}
