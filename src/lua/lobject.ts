// Lua 5.4.4 lobject.h: the function prototype (Proto) the compiler produces and the VM runs, with its
// constants, upvalue descriptors, nested prototypes and debug information.
//
// Constants. A Proto's `k` holds compile-time values in a tagged form that says exactly what lobject.h's
// TValue says: nil, boolean, integer (64-bit, as a bigint), float (a JS number) or string (bytes). The VM
// owns its runtime value representation and converts `k` once when it loads a Proto.

// #region constants
/** lobject.h: the constant kinds a Proto can hold (LUA_VNIL, LUA_VFALSE/LUA_VTRUE, LUA_VNUMINT,
 * LUA_VNUMFLT, LUA_VSHRSTR/LUA_VLNGSTR). */
export type KValue =
  | { type: "nil" }
  | { type: "boolean"; v: boolean }
  | { type: "int"; v: bigint }
  | { type: "float"; v: number }
  | { type: "string"; v: Uint8Array };
// #endregion constants

/** lobject.h: Upvaldesc, how a closure finds one upvalue when it is created. */
export interface Upvaldesc {
  /** Upvalue name (debug information); null when stripped. */
  name: Uint8Array | null;
  /** Whether it is in the enclosing function's stack (a register) or in its upvalue list. */
  instack: boolean;
  /** Index of the register or of the enclosing function's upvalue. */
  idx: number;
  /** Kind of the variable: VDKREG, RDKCONST, RDKTOCLOSE, RDKCTC (lparser.h). */
  kind: number;
}

/** lobject.h: LocVar, a local variable's name and the pcs where it is active. */
export interface LocVar {
  varname: Uint8Array;
  /** First point where the variable is active. */
  startpc: number;
  /** First point where the variable is dead. */
  endpc: number;
}

/** lobject.h: AbsLineInfo, an absolute line for a pc, saved every so often. */
export interface AbsLineInfo {
  pc: number;
  line: number;
}

/** The empty vectors of a new Proto (NULL with size 0 in C): nothing can be stored in them, so all
 * share one; the compiler grows a function's own (lmem.ts). */
const NOCODE = new Uint32Array(0);
const NOLINEINFO = new Int8Array(0);

// #region proto
/** lobject.h: Proto. */
export class Proto {
  /** Number of fixed (named) parameters. */
  numparams = 0;
  is_vararg = false;
  /** Number of registers needed by this function. */
  maxstacksize = 0;
  /** Instructions, each an unsigned 32-bit word (see lopcodes.ts). */
  code: Uint32Array = NOCODE;
  /** Constants used by the function. */
  k: KValue[] = [];
  /** Functions defined inside the function. */
  p: Proto[] = [];
  upvalues: Upvaldesc[] = [];
  /** Line deltas per instruction (signed bytes; -128 = ABSLINEINFO marks an entry in abslineinfo). */
  lineinfo: Int8Array = NOLINEINFO;
  abslineinfo: AbsLineInfo[] = [];
  locvars: LocVar[] = [];
  /** Chunk name, for example "@x.lua" or "=stdin"; null when stripped. */
  source: Uint8Array | null = null;
  linedefined = 0;
  lastlinedefined = 0;
}
// #endregion proto

/** ldebug.h: marks an instruction whose line is in abslineinfo. */
export const ABSLINEINFO = -0x80;
/** lcode.h/ldebug.c: the largest line delta kept in lineinfo. */
export const LIMLINEDIFF = 0x80;
/** ldebug.h: at most this many instructions between entries of abslineinfo. */
export const MAXIWTHABS = 128;

/** ldebug.c: getbaseline and luaG_getfuncline: the source line of instruction pc, or -1 without line
 * information. */
export function luaG_getfuncline(f: Proto, pc: number): number {
  if (f.lineinfo.length === 0) return -1;
  let basepc: number;
  let baseline: number;
  const abs = f.abslineinfo;
  if (abs.length === 0 || pc < abs[0]!.pc) {
    basepc = -1;
    baseline = f.linedefined;
  } else {
    let i = Math.floor(pc / MAXIWTHABS) - 1;
    if (i >= abs.length) i = abs.length - 1;
    if (i < 0) i = 0;
    while (i + 1 < abs.length && pc >= abs[i + 1]!.pc) i++;
    basepc = abs[i]!.pc;
    baseline = abs[i]!.line;
  }
  while (basepc++ < pc) baseline += f.lineinfo[basepc]!;
  return baseline;
}

/** Bytes of a JS string whose characters are all below 256 (a "binary string", one char per byte). */
export function bytesOf(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** The binary string of some bytes (inverse of bytesOf). */
export function binaryString(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
  return s;
}
