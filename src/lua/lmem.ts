// Lua 5.4.4 lmem.h / lmem.c: luaM_growvector and luaM_shrinkvector for the compiler's two vectors of
// fixed-size elements, the instructions of a function (Uint32Array) and their line deltas (Int8Array).

/** A vector of fixed-size elements, as lmem.c reallocates them. */
export type Vector = Uint32Array | Int8Array;

/** lmem.c: MINSIZEARRAY, the size of a vector's first block. */
const MINSIZEARRAY = 4;

/** A new vector of the same kind as `v` (a constructor V8 can see is faster than v.constructor). */
function newvector<V extends Vector>(v: V, size: number): V {
  return (v instanceof Uint32Array ? new Uint32Array(size) : new Int8Array(size)) as V;
}

/** lmem.h: luaM_growvector. `v` itself when it has room for element `n`, else a copy twice as big (at
 * least MINSIZEARRAY); the caller stores the result back, as the C macro assigns it. */
export function luaM_growvector<V extends Vector>(v: V, n: number): V {
  if (n < v.length) return v;
  const nv = newvector(v, Math.max(v.length * 2, MINSIZEARRAY));
  nv.set(v);
  return nv;
}

/** lmem.h: luaM_shrinkvector. A copy of the first `n` elements, exactly that long. */
export function luaM_shrinkvector<V extends Vector>(v: V, n: number): V {
  const nv = newvector(v, n);
  for (let i = 0; i < n; i++) nv[i] = v[i]!;
  return nv;
}
