// Lua 5.4.4 lmem.h / lmem.c: luaM_growvector and luaM_shrinkvector for the compiler's two vectors of
// fixed-size elements, the instructions of a function (Uint32Array) and their line deltas (Int8Array),
// and luaM_shrinkvector for its vectors of objects (JS arrays, which grow by themselves).

/** A vector of fixed-size elements, as lmem.c reallocates them. */
export type Vector = Uint32Array | Int8Array;

/** lmem.c: MINSIZEARRAY, the size of a vector's first block. */
const MINSIZEARRAY = 4;

/** lmem.h: luaM_growvector. `v` itself when it has room for element `n`, else a copy twice as big (at
 * least MINSIZEARRAY); the caller stores the result back, as the C macro assigns it. */
export function luaM_growvector<V extends Vector>(v: V, n: number): V {
  if (n < v.length) return v;
  const size = Math.max(v.length * 2, MINSIZEARRAY);
  const nv = (v instanceof Uint32Array ? new Uint32Array(size) : new Int8Array(size)) as V;
  nv.set(v);
  return nv;
}

/** Where luaM_shrinkvector puts vectors: the rest of one block of memory, shared by many (V8 takes a
 * microsecond to allocate a typed array on its own, and a tenth of that to make a view on a block). */
const BLOCKSIZE = 1 << 18;
let block = new ArrayBuffer(BLOCKSIZE);
let blockused = 0;

/** lmem.h: luaM_shrinkvector. A copy of the first `n` elements, exactly that long. */
export function luaM_shrinkvector<V extends Vector>(v: V, n: number): V {
  const bytes = n * v.BYTES_PER_ELEMENT;
  if (bytes > BLOCKSIZE / 8) return v.slice(0, n) as V; // a big vector gets memory of its own
  blockused = (blockused + 3) & ~3; // aligned for 4-byte elements
  if (blockused + bytes > BLOCKSIZE) {
    block = new ArrayBuffer(BLOCKSIZE);
    blockused = 0;
  }
  const nv = (v instanceof Uint32Array ? new Uint32Array(block, blockused, n) : new Int8Array(block, blockused, n)) as V;
  blockused += bytes;
  for (let i = 0; i < n; i++) nv[i] = v[i]!;
  return nv;
}

/** lmem.h: luaM_shrinkvector for a vector of objects, a JS array: cut to `n` elements. An array filled
 * in order is that long already, and is left alone (setting its length is a call into V8). */
export function luaM_shrinkarray(v: unknown[], n: number): void {
  if (v.length !== n) v.length = n;
}
