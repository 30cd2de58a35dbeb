// Lua 5.4.4 lbaselib.c: the base library (print, type, tostring, tonumber, pairs, pcall, load, ...).
import { LuaTable } from "./ltable.ts";
import { mkflt, mkint, isNumber, luaO_str2num as luaO_str2numValue, type LuaValue } from "./lvalue.ts";
import { LClosure, LProto, closedUpval, type CFunction } from "./lfunc.ts";
import { LuaState, LUA_OK, LUA_YIELD, LUA_MULTRET } from "./lstate.ts";
import { ttypename, getmetatable } from "./ltm.ts";
import { luaV_rawequalobj, luaV_finishget, rawsetchecked } from "./lvm.ts";
import { lua_pcallk, lua_callk, luaD_pcall } from "./ldo.ts";
import { luaL_where, NOLOC } from "./ldebug.ts";
import { luaD_protectedparser, luaL_loadfile } from "./lload.ts";
import { readFileSync } from "node:fs";
import { LuaSyntaxError } from "./llex.ts";
import { bytesOf } from "./lobject.ts";
import {
  arg, isnone, push, ret, lua_gettop, lua_settop, lua_error, luaL_error, luaL_argerror, luaL_typeerror,
  luaL_checkany, luaL_checktable, luaL_checkinteger, luaL_optinteger, luaL_checkoption, luaL_tolstring,
  luaL_checkstring, luaL_optstring, isfunction, callvalue, lua_tolstring,
} from "./lauxlib.ts";

function luaB_print(L: LuaState): number {
  const n = lua_gettop(L);
  let out = "";
  for (let i = 1; i <= n; i++) {
    if (i > 1) out += "\t";
    out += luaL_tolstring(L, arg(L, i));
  }
  L.g.stdout(out + "\n");
  return 0;
}

function luaB_type(L: LuaState): number {
  luaL_checkany(L, 1);
  return ret(L, ttypename(arg(L, 1)));
}

function luaB_tostring(L: LuaState): number {
  luaL_checkany(L, 1);
  return ret(L, luaL_tolstring(L, arg(L, 1)));
}

// #region tonumber
/** lbaselib.c l_str2int: an integer numeral in base 2..36, or undefined. */
function l_str2int(s: string, base: number): number | bigint | undefined {
  const m = /^[ \f\n\r\t\v]*([-+]?)([0-9a-zA-Z]+)[ \f\n\r\t\v]*$/.exec(s);
  if (m === null) return undefined;
  let n = 0n;
  const b = BigInt(base);
  for (const ch of m[2]!) {
    const c = ch.charCodeAt(0);
    const digit = c <= 57 ? c - 48 : (c | 32) - 87;
    if (digit >= base) return undefined;
    n = BigInt.asUintN(64, n * b + BigInt(digit));
  }
  return mkint(m[1] === "-" ? -n : n);
}

function luaB_tonumber(L: LuaState): number {
  if (arg(L, 2) === undefined) {
    const v = arg(L, 1);
    if (isNumber(v)) return ret(L, v);
    if (typeof v === "string") {
      const n = luaO_str2numValue(v);
      if (n !== undefined) return ret(L, n);
    }
    luaL_checkany(L, 1);
  } else {
    const base = luaL_checkinteger(L, 2);
    if (typeof arg(L, 1) !== "string") luaL_typeerror(L, 1, "string");
    const s = arg(L, 1) as string;
    if (!(2 <= base && base <= 36)) luaL_argerror(L, 2, "base out of range");
    const n = l_str2int(s, Number(base));
    if (n !== undefined) return ret(L, n);
  }
  return ret(L, undefined);
}
// #endregion tonumber

// #region pairs
function ipairsaux(L: LuaState): number {
  const i = luaL_checkinteger(L, 2);
  const n = typeof i === "number" && i < Number.MAX_SAFE_INTEGER ? i + 1 : mkint(BigInt(i) + 1n);
  const t = arg(L, 1);
  let v: LuaValue;
  if (t instanceof LuaTable) {
    v = typeof n === "number" ? t.getInt(n) : t.get(n);
    if (v === undefined) v = luaV_finishget(L, t, n, NOLOC);
  } else v = luaV_finishget(L, t, n, NOLOC);
  return v === undefined ? ret(L, undefined) : ret(L, n, v);
}

function luaB_ipairs(L: LuaState): number {
  luaL_checkany(L, 1);
  return ret(L, ipairsaux, arg(L, 1), 0);
}

function luaB_next(L: LuaState): number {
  const t = luaL_checktable(L, 1);
  const e = nextof(L, t, arg(L, 2));
  return e === null ? ret(L, undefined) : ret(L, e[0], e[1]);
}

function nextof(L: LuaState, t: LuaTable, k: LuaValue): [LuaValue, LuaValue] | null {
  try {
    return t.next(k);
  } catch (e) {
    if (e instanceof Error) throw e;
    return luaL_error(L, "invalid key to 'next'");
  }
}

function luaB_pairs(L: LuaState): number {
  luaL_checkany(L, 1);
  const t = arg(L, 1);
  const tm = getmetatable(L, t)?.getStr("__pairs");
  if (tm === undefined) return ret(L, luaB_next, t, undefined);
  push(L, tm);
  push(L, t);
  lua_callk(L, 1, 3, 0, pairscont); // the metamethod may yield: pairscont then returns its 3 results
  return 3;
}

function pairscont(): number {
  return 3;
}
// #endregion pairs

function luaB_select(L: LuaState): number {
  const n = lua_gettop(L);
  if (arg(L, 1) === "#") return ret(L, n - 1);
  let i = luaL_checkinteger(L, 1);
  if (i < 0) i = BigInt(n) + BigInt(i) < 0n ? -1 : n + Number(i);
  else if (i > n) i = n;
  if (!(1 <= i)) luaL_argerror(L, 1, "index out of range");
  return n - Number(i);
}

function luaB_rawget(L: LuaState): number {
  const t = luaL_checktable(L, 1);
  luaL_checkany(L, 2);
  return ret(L, t.get(arg(L, 2)));
}

function luaB_rawset(L: LuaState): number {
  const t = luaL_checktable(L, 1);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  rawsetchecked(L, t, arg(L, 2), arg(L, 3));
  return ret(L, t);
}

function luaB_rawequal(L: LuaState): number {
  luaL_checkany(L, 1);
  luaL_checkany(L, 2);
  return ret(L, luaV_rawequalobj(arg(L, 1), arg(L, 2)));
}

function luaB_rawlen(L: LuaState): number {
  const v = arg(L, 1);
  if (v instanceof LuaTable) return ret(L, v.getn());
  if (typeof v === "string") return ret(L, v.length);
  return luaL_argerror(L, 1, "table or string expected");
}

function luaB_setmetatable(L: LuaState): number {
  const mt = arg(L, 2);
  const t = luaL_checktable(L, 1);
  if (!(mt === undefined || mt instanceof LuaTable)) luaL_typeerror(L, 2, "nil or table");
  if (t.metatable !== null && t.metatable.getStr("__metatable") !== undefined) {
    luaL_error(L, "cannot change a protected metatable");
  }
  t.metatable = (mt as LuaTable | undefined) ?? null;
  return ret(L, t);
}

function luaB_getmetatable(L: LuaState): number {
  luaL_checkany(L, 1);
  const mt = getmetatable(L, arg(L, 1));
  if (mt === null) return ret(L, undefined);
  const protectedmt = mt.getStr("__metatable");
  return ret(L, protectedmt !== undefined ? protectedmt : mt);
}

// #region errors
function luaB_error(L: LuaState): number {
  const level = luaL_optinteger(L, 2, 1);
  lua_settop(L, 1);
  const msg = arg(L, 1);
  if (typeof msg === "string" && level > 0) {
    L.stack[L.top - 1] = luaL_where(L, Number(level)) + msg;
  }
  return lua_error(L);
}

function luaB_assert(L: LuaState): number {
  if (arg(L, 1) !== undefined && arg(L, 1) !== false) return lua_gettop(L);
  luaL_checkany(L, 1);
  const msg = isnone(L, 2) ? "assertion failed!" : arg(L, 2);
  lua_settop(L, 0);
  push(L, msg);
  return luaB_error(L);
}

/** lbaselib.c finishpcall: the continuation of pcall and xpcall. */
function finishpcall(L: LuaState, status: number, extra: number): number {
  if (status !== LUA_OK && status !== LUA_YIELD) {
    const msg = L.stack[L.top - 1];
    return ret(L, false, msg);
  }
  return lua_gettop(L) - extra;
}

function luaB_pcall(L: LuaState): number {
  luaL_checkany(L, 1);
  // push true and insert it below the function
  const s = L.stack;
  const f = L.ci.func;
  for (let p = L.top; p > f + 1; p--) s[p] = s[p - 1];
  s[f + 1] = true;
  L.top++;
  const status = lua_pcallk(L, lua_gettop(L) - 2, LUA_MULTRET, 0, 0, finishpcall);
  return finishpcall(L, status, 0);
}

function luaB_xpcall(L: LuaState): number {
  const n = lua_gettop(L);
  if (!isfunction(arg(L, 2))) luaL_typeerror(L, 2, "function");
  // f, msgh, args... -> f, msgh, true, f, args... (lua_rotate(L, 3, 2))
  const s = L.stack;
  const f = L.ci.func;
  for (let p = L.top + 1; p >= f + 5; p--) s[p] = s[p - 2];
  s[f + 3] = true;
  s[f + 4] = s[f + 1];
  L.top += 2;
  const status = lua_pcallk(L, n - 2, LUA_MULTRET, f + 2, 2, finishpcall);
  return finishpcall(L, status, 2);
}
// #endregion errors

// #region load
/** Load a chunk: a closure of its main function with _ENV as its first upvalue, or an error message.
 * The first upvalue is the global table unless `env` gives another value (nil included). */
export function luaL_loadbufferx(L: LuaState, chunk: Uint8Array, chunkname: string, mode: string,
  env: { value: LuaValue } | null = null): LClosure | string {
  let p;
  try {
    p = luaD_protectedparser(chunk, chunkname, mode);
  } catch (e) {
    if (e instanceof LuaSyntaxError) return e.message;
    throw e;
  }
  const cl = new LClosure(new LProto(p), p.upvalues.length);
  for (let i = 0; i < p.upvalues.length; i++) cl.upvals[i] = closedUpval(undefined);
  if (p.upvalues.length >= 1) cl.upvals[0] = closedUpval(env === null ? L.g.l_G : env.value);
  return cl;
}

function luaB_load(L: LuaState): number {
  const chunk = arg(L, 1);
  const mode = luaL_optstring(L, 3, "bt");
  const env = isnone(L, 4) ? null : { value: arg(L, 4) };
  let text: string;
  let chunkname: string;
  const str = lua_tolstring(L, 1);
  if (str !== undefined) {
    text = str;
    chunkname = luaL_optstring(L, 2, str);
  } else {
    chunkname = luaL_optstring(L, 2, "=(load)");
    if (!isfunction(chunk)) luaL_typeerror(L, 1, "function");
    text = "";
    // lbaselib.c generic_reader runs inside lua_load's protected parser: an error in the reader makes
    // load return nil and the error object
    const oldtop = L.top;
    const status = luaD_pcall(L, () => {
      for (;;) {
        const piece = callvalue(L, chunk, [], 1)[0];
        if (piece === undefined) break;
        if (typeof piece !== "string") luaL_error(L, "reader function must return a string");
        if (piece === "") break;
        text += piece;
      }
    }, oldtop, L.errfunc); // the message handler in effect applies, as in ldo.c luaD_protectedparser
    if (status !== LUA_OK) return ret(L, undefined, L.stack[--L.top]);
  }
  const r = luaL_loadbufferx(L, bytesOf(text), chunkname, mode, env);
  if (typeof r === "string") return ret(L, undefined, r);
  return ret(L, r);
}

function luaB_dofile(L: LuaState): number {
  const fname = arg(L, 1) === undefined ? null : luaL_checkstring(L, 1);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(fname ?? 0);
  } catch {
    return luaL_error(L, `cannot open ${fname ?? "stdin"}`);
  }
  let cl: LClosure | string;
  try {
    cl = new LClosure(new LProto(luaL_loadfile(bytes, fname)), 1);
    cl.upvals[0] = closedUpval(L.g.l_G);
  } catch (e) {
    if (e instanceof LuaSyntaxError) cl = e.message;
    else throw e;
  }
  if (typeof cl === "string") {
    push(L, cl);
    return lua_error(L);
  }
  lua_settop(L, 0);
  const n = callvalue(L, cl, [], LUA_MULTRET);
  return ret(L, ...n);
}
// #endregion load

function luaB_collectgarbage(L: LuaState): number {
  const opts = ["stop", "restart", "collect", "count", "step", "setpause", "setstepmul", "isrunning",
    "generational", "incremental"] as const;
  const o = opts[luaL_checkoption(L, 1, "collect", opts)]!;
  switch (o) {
    case "count": {
      const kb = process.memoryUsage().heapUsed / 1024;
      return ret(L, mkflt(kb));
    }
    case "step":
      return ret(L, false);
    case "isrunning":
      return ret(L, true);
    case "generational":
    case "incremental":
      return ret(L, "incremental");
    default:
      return ret(L, 0);
  }
}

/** lbaselib.c base_funcs. */
export const base_funcs: Record<string, CFunction> = {
  assert: luaB_assert,
  collectgarbage: luaB_collectgarbage,
  dofile: luaB_dofile,
  error: luaB_error,
  getmetatable: luaB_getmetatable,
  ipairs: luaB_ipairs,
  load: luaB_load,
  next: luaB_next,
  pairs: luaB_pairs,
  pcall: luaB_pcall,
  print: luaB_print,
  rawequal: luaB_rawequal,
  rawlen: luaB_rawlen,
  rawget: luaB_rawget,
  rawset: luaB_rawset,
  select: luaB_select,
  setmetatable: luaB_setmetatable,
  tonumber: luaB_tonumber,
  tostring: luaB_tostring,
  type: luaB_type,
  xpcall: luaB_xpcall,
};

/** lbaselib.c luaopen_base. */
export function luaopen_base(L: LuaState): LuaTable {
  const G = L.g.l_G;
  G.set("_G", G);
  for (const [name, f] of Object.entries(base_funcs)) G.set(name, f);
  G.set("_VERSION", "Lua 5.4");
  return G;
}
