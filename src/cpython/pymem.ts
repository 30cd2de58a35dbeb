// Memory accounting: the bytes the lists' item blocks hold, counted where CPython calls PyMem_Realloc and
// PyMem_Free, so the chapter can show bytes, not only slots. CPython 3.11 Objects/obmalloc.c.

/** sizeof(PyObject *) on a 64-bit build. */
export const POINTER_SIZE = 8;

/** The bytes in use by item blocks and how many reallocations made them. */
export const pymem = { bytesInUse: 0, reallocs: 0, frees: 0 };

/** CPython 3.11 Objects/obmalloc.c: PyMem_Realloc (and PyMem_Malloc, from 0 bytes): the block is now `newBytes`. */
export function PyMem_Realloc(oldBytes: number, newBytes: number): void {
  pymem.bytesInUse += newBytes - oldBytes;
  pymem.reallocs++;
}

/** CPython 3.11 Objects/obmalloc.c: PyMem_Free. */
export function PyMem_Free(bytes: number): void {
  pymem.bytesInUse -= bytes;
  pymem.frees++;
}
