// Exercise 05-cpython-list/list-resize: the growth policy of CPython 3.11's list_resize.
// Points: 10. Grade it with: npm run grade -- 05-cpython-list/list-resize
// Hints: exercises/05-cpython-list/list-resize.hints.md. The chapter section: "Why over-allocate".

/**
 * The capacity (`allocated`) a list has after list_resize(self, newsize), given its current `size`
 * (Py_SIZE) and `allocated`. CPython 3.11 Objects/listobject.c: list_resize.
 */
export function newAllocated(size: number, allocated: number, newsize: number): number {
  // Enough room, and not less than half used: keep the block, no realloc.
  if (allocated >= newsize && newsize >= allocated >> 1) return allocated;
  // Over-allocate by about 1/8, plus 6, rounded down to a multiple of 4: 0, 4, 8, 16, 24, 32, 40, 52, ...
  let allocation = (newsize + (newsize >> 3) + 6) & ~3;
  // A jump closer to the over-allocated size than to the old size (a big extend) gets no extra room.
  if (newsize - size > allocation - newsize) allocation = (newsize + 3) & ~3;
  return newsize === 0 ? 0 : allocation;
}
