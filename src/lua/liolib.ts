// Lua 5.4.4 liolib.c, the part the tests and examples use: io.write, io.read and io.lines on stdin, and
// io.stdout/io.stderr with a write method.
import { readFileSync } from "node:fs";
import { LuaTable } from "./ltable.ts";
import type { CFunction } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import { Userdata, LFloat, isNumber, isFloat, fmtG, luaO_tostring, luaO_str2num } from "./lvalue.ts";
import { arg, ret, lua_gettop, luaL_typeerror, luaL_argerror } from "./lauxlib.ts";

let stdinText: string | null = null;
let stdinPos = 0;
function stdin(): string {
  if (stdinText === null) {
    try {
      stdinText = readFileSync(0).toString("latin1");
    } catch {
      stdinText = "";
    }
  }
  return stdinText;
}

function writeTo(L: LuaState, out: (s: string) => void, first: number): void {
  const n = lua_gettop(L);
  for (let i = first; i <= n; i++) {
    const v = arg(L, i);
    if (typeof v === "string") out(v);
    else if (isNumber(v)) out(isFloat(v) ? fmtG(v instanceof LFloat ? v.n : v, 14) : luaO_tostring(v));
    else luaL_typeerror(L, i, "string");
  }
}

function readOne(L: LuaState, fmt: string, n: number): string | number | bigint | undefined | ReturnType<typeof luaO_str2num> {
  const s = stdin();
  const f = fmt.replace(/^\*/, "");
  if (f.startsWith("l") || f.startsWith("L")) {
    if (stdinPos >= s.length) return undefined;
    let e = s.indexOf("\n", stdinPos);
    const keep = f.startsWith("L");
    if (e < 0) e = s.length;
    const line = s.slice(stdinPos, keep && e < s.length ? e + 1 : e);
    stdinPos = e + 1;
    return line;
  }
  if (f.startsWith("a")) {
    const r = s.slice(stdinPos);
    stdinPos = s.length;
    return r;
  }
  if (f.startsWith("n")) {
    const m = /^\s*[-+]?(0[xX][0-9a-fA-F.]+([pP][-+]?\d+)?|\d*\.?\d*([eE][-+]?\d+)?)/.exec(s.slice(stdinPos));
    if (m === null || m[0].trim() === "") return undefined;
    stdinPos += m[0].length;
    return luaO_str2num(m[0]);
  }
  return luaL_argerror(L, n, "invalid format");
}

function io_read(L: LuaState, first: number): number {
  const n = lua_gettop(L);
  if (n < first) return ret(L, readOne(L, "l", first) as string | undefined);
  let count = 0;
  for (let i = first; i <= n; i++) {
    const f = arg(L, i);
    let v;
    if (typeof f === "number") {
      const s = stdin();
      v = stdinPos >= s.length && f > 0 ? undefined : s.slice(stdinPos, stdinPos + f);
      if (v !== undefined) stdinPos += f;
    } else v = readOne(L, String(f), i);
    L.stack[L.top++] = v;
    count++;
    if (v === undefined) break;
  }
  return count;
}

/** liolib.c luaopen_io (stdin/stdout/stderr only). */
export function luaopen_io(L: LuaState): LuaTable {
  const io = new LuaTable();
  const fileMethods = new LuaTable();
  const mt = new LuaTable();
  mt.set("__index", fileMethods);
  mt.set("__name", "FILE*");
  const mkfile = (name: string): Userdata => {
    const u = new Userdata(name);
    u.metatable = mt;
    return u;
  };
  const out = mkfile("stdout");
  const err = mkfile("stderr");
  const inp = mkfile("stdin");
  /** liolib.c tolstream (luaL_checkudata(L, 1, LUA_FILEHANDLE)): argument 1 must be one of our files. */
  const tolstream = (L1: LuaState): Userdata => {
    const f = arg(L1, 1);
    return f instanceof Userdata && f.metatable === mt ? f : luaL_typeerror(L1, 1, "FILE*");
  };
  // liolib.c f_gc: closing a standard file does nothing (io_noclose), and those are the only files here
  const f_gc: CFunction = (L1) => {
    tolstream(L1);
    return 0;
  };
  mt.set("__gc", f_gc);
  mt.set("__close", f_gc);
  const current = { input: inp, output: out };
  /** liolib.c g_iofile: io.input/io.output get or set the default file. Opening a file by name is not
   * part of this library (it reads stdin and writes stdout/stderr only): such a call is a clear error. */
  const g_iofile = (f: "input" | "output"): CFunction => (L1) => {
    const v = arg(L1, 1);
    if (v !== undefined) {
      if (typeof v === "string" || isNumber(v)) luaL_argerror(L1, 1, "opening files by name is not supported");
      current[f] = tolstream(L1);
    }
    return ret(L1, current[f]);
  };
  fileMethods.set("write", ((L1) => {
    const f = arg(L1, 1);
    writeTo(L1, f === err ? L1.g.stderr : L1.g.stdout, 2);
    return ret(L1, f);
  }) as CFunction);
  fileMethods.set("read", ((L1) => io_read(L1, 2)) as CFunction);
  fileMethods.set("lines", ((L1) => ret(L1, ((L2: LuaState) => ret(L2, readOne(L2, "l", 1) as string | undefined)) as CFunction)) as CFunction);
  fileMethods.set("flush", ((L1) => ret(L1, arg(L1, 1))) as CFunction);
  fileMethods.set("close", ((L1) => ret(L1, true)) as CFunction);
  fileMethods.set("setvbuf", ((L1) => ret(L1, true)) as CFunction);
  const funcs: Record<string, CFunction> = {
    write: (L1) => {
      writeTo(L1, L1.g.stdout, 1);
      return ret(L1, out);
    },
    read: (L1) => io_read(L1, 1),
    lines: (L1) => ret(L1, ((L2: LuaState) => ret(L2, readOne(L2, "l", 1) as string | undefined)) as CFunction),
    flush: (L1) => ret(L1, out),
    input: g_iofile("input"),
    output: g_iofile("output"),
  };
  for (const [k, f] of Object.entries(funcs)) io.set(k, f);
  io.set("stdout", out);
  io.set("stderr", err);
  io.set("stdin", inp);
  void L;
  return io;
}
