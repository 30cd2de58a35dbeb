// Lua 5.4.4 lundump.c / lundump.h: load a precompiled (binary) chunk into a Proto, with the header checks
// and the error messages of lundump.c.
import { LuaSyntaxError } from "./llex.ts";
import { Proto, type KValue } from "./lobject.ts";

/** lua.h: LUA_SIGNATURE, the first bytes of a binary chunk. */
export const LUA_SIGNATURE = "\x1bLua";
/** lundump.h: the header fields after the signature. */
export const LUAC_VERSION = 5 * 16 + 4;
export const LUAC_FORMAT = 0;
export const LUAC_DATA = "\x19\x93\r\n\x1a\n";
export const LUAC_INT = 0x5678n;
export const LUAC_NUM = 370.5;
/** lobject.h: the type tags a dumped constant starts with. */
export const LUA_VNIL = 0x00;
export const LUA_VFALSE = 0x01;
export const LUA_VTRUE = 0x11;
export const LUA_VNUMINT = 0x03;
export const LUA_VNUMFLT = 0x13;
export const LUA_VSHRSTR = 0x04;
export const LUA_VLNGSTR = 0x14;
/** llimits.h: LUAI_MAXSHORTLEN, the longest short (interned) string. */
export const LUAI_MAXSHORTLEN = 40;

const INT_MAX = 0x7fffffff;

class LoadState {
  pos = 0;
  view: DataView;
  constructor(
    readonly z: Uint8Array,
    readonly name: string,
  ) {
    this.view = new DataView(z.buffer, z.byteOffset, z.byteLength);
  }

  error(why: string): never {
    throw new LuaSyntaxError(`${this.name}: bad binary format (${why})`);
  }

  need(n: number): void {
    if (this.pos + n > this.z.length) this.error("truncated chunk");
  }

  loadByte(): number {
    this.need(1);
    return this.z[this.pos++]!;
  }

  loadBlock(n: number): Uint8Array {
    this.need(n);
    const b = this.z.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** lundump.c: loadUnsigned, 7 bits per byte, most significant first, the last byte marked by 0x80. */
  loadUnsigned(limit: number): number {
    let x = 0;
    let b: number;
    limit = Math.floor(limit / 128);
    do {
      b = this.loadByte();
      if (x >= limit) this.error("integer overflow");
      x = x * 128 + (b & 0x7f);
    } while ((b & 0x80) === 0);
    return x;
  }

  loadSize(): number {
    return this.loadUnsigned(Number.MAX_SAFE_INTEGER);
  }

  loadInt(): number {
    return this.loadUnsigned(INT_MAX);
  }

  loadNumber(): number {
    this.need(8);
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }

  loadInteger(): bigint {
    this.need(8);
    const x = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return x;
  }

  loadStringN(): Uint8Array | null {
    const size = this.loadSize();
    if (size === 0) return null;
    return this.loadBlock(size - 1);
  }

  loadString(): Uint8Array {
    const s = this.loadStringN();
    if (s === null) this.error("bad format for constant string");
    return s;
  }
}

function loadConstants(S: LoadState, f: Proto): void {
  const n = S.loadInt();
  for (let i = 0; i < n; i++) {
    const t = S.loadByte();
    let k: KValue;
    switch (t) {
      case LUA_VNIL:
        k = { type: "nil" };
        break;
      case LUA_VFALSE:
        k = { type: "boolean", v: false };
        break;
      case LUA_VTRUE:
        k = { type: "boolean", v: true };
        break;
      case LUA_VNUMFLT:
        k = { type: "float", v: S.loadNumber() };
        break;
      case LUA_VNUMINT:
        k = { type: "int", v: S.loadInteger() };
        break;
      case LUA_VSHRSTR:
      case LUA_VLNGSTR:
        k = { type: "string", v: S.loadString() };
        break;
      default:
        // lundump.c asserts here; a corrupted chunk must not load as something else
        S.error("bad constant type");
    }
    f.k.push(k);
  }
}

function loadFunction(S: LoadState, f: Proto, psource: Uint8Array | null): void {
  f.source = S.loadStringN() ?? psource;
  f.linedefined = S.loadInt();
  f.lastlinedefined = S.loadInt();
  f.numparams = S.loadByte();
  f.is_vararg = S.loadByte() !== 0;
  f.maxstacksize = S.loadByte();
  const ncode = S.loadInt();
  S.need(ncode * 4);
  f.code = new Uint32Array(ncode);
  for (let i = 0; i < ncode; i++) f.code[i] = S.view.getUint32(S.pos + 4 * i, true);
  S.pos += ncode * 4;
  loadConstants(S, f);
  const nup = S.loadInt();
  for (let i = 0; i < nup; i++) {
    const instack = S.loadByte() !== 0;
    const idx = S.loadByte();
    const kind = S.loadByte();
    f.upvalues.push({ name: null, instack, idx, kind });
  }
  const np = S.loadInt();
  for (let i = 0; i < np; i++) {
    const p = new Proto();
    f.p.push(p);
    loadFunction(S, p, f.source);
  }
  // loadDebug
  const nline = S.loadInt();
  const li = S.loadBlock(nline);
  f.lineinfo = Int8Array.from(li); // the bytes as signed deltas
  const nabs = S.loadInt();
  for (let i = 0; i < nabs; i++) f.abslineinfo.push({ pc: S.loadInt(), line: S.loadInt() });
  const nloc = S.loadInt();
  for (let i = 0; i < nloc; i++) {
    const varname = S.loadStringN() ?? new Uint8Array(0);
    f.locvars.push({ varname, startpc: S.loadInt(), endpc: S.loadInt() });
  }
  const nupn = S.loadInt();
  for (let i = 0; i < nupn; i++) {
    const name = S.loadStringN();
    if (i < f.upvalues.length) f.upvalues[i]!.name = name;
    else S.error("bad upvalue name count");
  }
}

function checkliteral(S: LoadState, s: string, msg: string): void {
  const b = S.loadBlock(s.length);
  for (let i = 0; i < s.length; i++) if (b[i] !== s.charCodeAt(i)) S.error(msg);
}

function checkHeader(S: LoadState): void {
  checkliteral(S, LUA_SIGNATURE.slice(1), "not a binary chunk");
  if (S.loadByte() !== LUAC_VERSION) S.error("version mismatch");
  if (S.loadByte() !== LUAC_FORMAT) S.error("format mismatch");
  checkliteral(S, LUAC_DATA, "corrupted chunk");
  if (S.loadByte() !== 4) S.error("Instruction size mismatch");
  if (S.loadByte() !== 8) S.error("lua_Integer size mismatch");
  if (S.loadByte() !== 8) S.error("lua_Number size mismatch");
  if (S.loadInteger() !== LUAC_INT) S.error("integer format mismatch");
  if (S.loadNumber() !== LUAC_NUM) S.error("float format mismatch");
}

/**
 * lundump.c: luaU_undump. `z` holds the whole chunk, signature included (lua_load reads its first byte to
 * decide it is binary). Returns the main Proto and the number of upvalues of its closure; throws
 * LuaSyntaxError with lundump.c's message for a malformed chunk.
 */
export function luaU_undump(z: Uint8Array, name: string): Proto {
  let sname: string;
  if (name.startsWith("@") || name.startsWith("=")) sname = name.slice(1);
  else if (name.startsWith(LUA_SIGNATURE[0]!)) sname = "binary string";
  else sname = name;
  const S = new LoadState(z, sname);
  S.pos = 1;
  checkHeader(S);
  const nupvalues = S.loadByte();
  const f = new Proto();
  loadFunction(S, f, null);
  if (nupvalues !== f.upvalues.length) S.error("bad upvalue count");
  return f;
}
