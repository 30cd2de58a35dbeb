// Lua 5.4.4 ldump.c: save a Proto as a precompiled (binary) chunk, byte for byte as luac5.4 writes it.
import type { KValue, Proto } from "./lobject.ts";
import {
  LUAC_DATA, LUAC_FORMAT, LUAC_INT, LUAC_NUM, LUAC_VERSION, LUAI_MAXSHORTLEN, LUA_SIGNATURE, LUA_VFALSE,
  LUA_VLNGSTR, LUA_VNIL, LUA_VNUMFLT, LUA_VNUMINT, LUA_VSHRSTR, LUA_VTRUE,
} from "./lundump.ts";

class DumpState {
  buf = new Uint8Array(1024);
  n = 0;
  private scratch = new DataView(new ArrayBuffer(8));
  constructor(readonly strip: boolean) {}

  ensure(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const nb = new Uint8Array(size);
    nb.set(this.buf.subarray(0, this.n));
    this.buf = nb;
  }

  dumpBlock(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  dumpLiteral(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.n++] = s.charCodeAt(i);
  }

  dumpByte(y: number): void {
    this.ensure(1);
    this.buf[this.n++] = y & 0xff;
  }

  /** ldump.c: dumpSize, 7 bits per byte, most significant first, the last byte marked by 0x80. */
  dumpSize(x: number): void {
    const bytes: number[] = [];
    do {
      bytes.unshift(x % 128);
      x = Math.floor(x / 128);
    } while (x !== 0);
    bytes[bytes.length - 1]! |= 0x80;
    for (const b of bytes) this.dumpByte(b);
  }

  dumpInt(x: number): void {
    this.dumpSize(x);
  }

  dumpNumber(x: number): void {
    this.scratch.setFloat64(0, x, true);
    this.dumpBlock(new Uint8Array(this.scratch.buffer.slice(0)));
  }

  dumpInteger(x: bigint): void {
    this.scratch.setBigInt64(0, x, true);
    this.dumpBlock(new Uint8Array(this.scratch.buffer.slice(0)));
  }

  dumpString(s: Uint8Array | null): void {
    if (s === null) this.dumpSize(0);
    else {
      this.dumpSize(s.length + 1);
      this.dumpBlock(s);
    }
  }
}

/** lobject.h: ttypetag of a constant. */
function ttypetag(k: KValue): number {
  switch (k.type) {
    case "nil":
      return LUA_VNIL;
    case "boolean":
      return k.v ? LUA_VTRUE : LUA_VFALSE;
    case "int":
      return LUA_VNUMINT;
    case "float":
      return LUA_VNUMFLT;
    case "string":
      return k.v.length <= LUAI_MAXSHORTLEN ? LUA_VSHRSTR : LUA_VLNGSTR;
  }
}

function dumpConstants(D: DumpState, f: Proto): void {
  D.dumpInt(f.k.length);
  for (const o of f.k) {
    D.dumpByte(ttypetag(o));
    if (o.type === "float") D.dumpNumber(o.v);
    else if (o.type === "int") D.dumpInteger(o.v);
    else if (o.type === "string") D.dumpString(o.v);
  }
}

function dumpDebug(D: DumpState, f: Proto): void {
  let n = D.strip ? 0 : f.lineinfo.length;
  D.dumpInt(n);
  for (let i = 0; i < n; i++) D.dumpByte(f.lineinfo[i]!);
  n = D.strip ? 0 : f.abslineinfo.length;
  D.dumpInt(n);
  for (let i = 0; i < n; i++) {
    D.dumpInt(f.abslineinfo[i]!.pc);
    D.dumpInt(f.abslineinfo[i]!.line);
  }
  n = D.strip ? 0 : f.locvars.length;
  D.dumpInt(n);
  for (let i = 0; i < n; i++) {
    D.dumpString(f.locvars[i]!.varname);
    D.dumpInt(f.locvars[i]!.startpc);
    D.dumpInt(f.locvars[i]!.endpc);
  }
  n = D.strip ? 0 : f.upvalues.length;
  D.dumpInt(n);
  for (let i = 0; i < n; i++) D.dumpString(f.upvalues[i]!.name);
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length || a.length > LUAI_MAXSHORTLEN) return false;
  // short strings are interned in Lua: equal contents are the same string
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function dumpFunction(D: DumpState, f: Proto, psource: Uint8Array | null): void {
  if (D.strip || sameBytes(f.source, psource)) D.dumpString(null);
  else D.dumpString(f.source);
  D.dumpInt(f.linedefined);
  D.dumpInt(f.lastlinedefined);
  D.dumpByte(f.numparams);
  D.dumpByte(f.is_vararg ? 1 : 0);
  D.dumpByte(f.maxstacksize);
  D.dumpInt(f.code.length);
  D.ensure(f.code.length * 4);
  const view = new DataView(D.buf.buffer);
  for (const i of f.code) {
    view.setUint32(D.n, i, true);
    D.n += 4;
  }
  dumpConstants(D, f);
  D.dumpInt(f.upvalues.length);
  for (const u of f.upvalues) {
    D.dumpByte(u.instack ? 1 : 0);
    D.dumpByte(u.idx);
    D.dumpByte(u.kind);
  }
  D.dumpInt(f.p.length);
  for (const p of f.p) dumpFunction(D, p, f.source);
  dumpDebug(D, f);
}

/** ldump.c: luaU_dump. The binary chunk of f, stripped of debug information when `strip`. */
export function luaU_dump(f: Proto, strip: boolean): Uint8Array {
  const D = new DumpState(strip);
  D.dumpLiteral(LUA_SIGNATURE);
  D.dumpByte(LUAC_VERSION);
  D.dumpByte(LUAC_FORMAT);
  D.dumpLiteral(LUAC_DATA);
  D.dumpByte(4); // sizeof(Instruction)
  D.dumpByte(8); // sizeof(lua_Integer)
  D.dumpByte(8); // sizeof(lua_Number)
  D.dumpInteger(LUAC_INT);
  D.dumpNumber(LUAC_NUM);
  D.dumpByte(f.upvalues.length);
  dumpFunction(D, f, null);
  return D.buf.slice(0, D.n);
}
