// Lua 5.4.4 lauxlib.c (and the parts of lapi.c the libraries need): argument checks with Lua's
// "bad argument" messages, luaL_tolstring, luaL_error, and the stack discipline of C functions.
// A library function reads its arguments at L.stack[func + 1 .. L.top - 1] and pushes its results.
import { LuaTable } from "./ltable.ts";
import { LFloat, LightUserdata, luaO_tostring, isNumber, type LuaValue } from "./lvalue.ts";
import { LClosure } from "./lfunc.ts";
import { LuaState, LUA_MULTRET } from "./lstate.ts";
import { luaT_objtypename, ttypename, getmetatable } from "./ltm.ts";
import { luaG_errormsg, luaL_where, getfuncname, globalfuncname } from "./ldebug.ts";
import { luaV_tointeger, luaV_tonumber_ } from "./larith.ts";
import { lua_callk } from "./ldo.ts";

/** Number of arguments of the running C function (lua_gettop). */
export function lua_gettop(L: LuaState): number {
  return L.top - (L.ci.func + 1);
}

/** Argument n (1-based) of the running C function; undefined when absent. */
export function arg(L: LuaState, n: number): LuaValue {
  const i = L.ci.func + n;
  return i < L.top ? L.stack[i] : undefined;
}

/** lua_isnone: argument n was not given at all. */
export function isnone(L: LuaState, n: number): boolean {
  return L.ci.func + n >= L.top;
}

/** lua_settop for the running C function. */
export function lua_settop(L: LuaState, n: number): void {
  const newtop = L.ci.func + 1 + n;
  for (let i = L.top; i < newtop; i++) L.stack[i] = undefined;
  L.top = newtop;
}

/** Push a value (lua_pushvalue & co). */
export function push(L: LuaState, v: LuaValue): void {
  L.stack[L.top++] = v;
}

/** Return these values from a C function: push them and give their count. */
export function ret(L: LuaState, ...vs: LuaValue[]): number {
  for (const v of vs) L.stack[L.top++] = v;
  return vs.length;
}

/** lua_error: raise the value on the top of the stack. */
export function lua_error(L: LuaState): never {
  return luaG_errormsg(L);
}

/** lauxlib.c luaL_error: raise msg with the position of the calling Lua code ("chunk:line: "). */
export function luaL_error(L: LuaState, msg: string): never {
  push(L, luaL_where(L, 1) + msg);
  return lua_error(L);
}

// #region argerror
/** lauxlib.c luaL_argerror: "bad argument #arg to 'fname' (extramsg)". */
export function luaL_argerror(L: LuaState, argn: number, extramsg: string): never {
  const ci = L.ci;
  const nm = getfuncname(L, ci);
  if (nm !== null && nm[0] === "method") {
    argn--;
    if (argn === 0) return luaL_error(L, `calling '${nm[1]}' on bad self (${extramsg})`);
  }
  const name = nm !== null ? nm[1] : globalfuncname(L, L.stack[ci.func]) ?? "?";
  return luaL_error(L, `bad argument #${argn} to '${name}' (${extramsg})`);
}

/** lauxlib.c luaL_typeerror: "<tname> expected, got <type>". */
export function luaL_typeerror(L: LuaState, argn: number, tname: string): never {
  const v = arg(L, argn);
  let typearg: string;
  const mt = getmetatable(L, v);
  const name = mt?.getStr("__name");
  if (typeof name === "string") typearg = name;
  else if (v instanceof LightUserdata) typearg = "light userdata";
  else typearg = isnone(L, argn) ? "no value" : ttypename(v);
  return luaL_argerror(L, argn, `${tname} expected, got ${typearg}`);
}
// #endregion argerror

export function luaL_checkany(L: LuaState, n: number): void {
  if (isnone(L, n)) luaL_argerror(L, n, "value expected");
}

export function luaL_checktable(L: LuaState, n: number): LuaTable {
  const v = arg(L, n);
  if (!(v instanceof LuaTable)) return luaL_typeerror(L, n, "table");
  return v;
}

export function isfunction(v: LuaValue): boolean {
  return typeof v === "function" || v instanceof LClosure;
}

export function luaL_checkfunction(L: LuaState, n: number): LuaValue {
  const v = arg(L, n);
  if (!isfunction(v)) return luaL_typeerror(L, n, "function");
  return v;
}

/** lauxlib.c luaL_checkinteger (with lua_tointegerx: numeric strings and integral floats convert). */
export function luaL_checkinteger(L: LuaState, n: number): number | bigint {
  const v = arg(L, n);
  const i = luaV_tointeger(v, "eq");
  if (i === undefined) {
    if (isNumber(v) || (typeof v === "string" && luaV_tonumber_(v) !== undefined)) {
      return luaL_argerror(L, n, "number has no integer representation");
    }
    return luaL_typeerror(L, n, "number");
  }
  return i;
}

export function luaL_optinteger(L: LuaState, n: number, def: number | bigint): number | bigint {
  const v = arg(L, n);
  return v === undefined ? def : luaL_checkinteger(L, n);
}

/** luaL_checkinteger clamped to a JS number (for sizes and positions, where Lua's limits are far below 2^53). */
export function checkint(L: LuaState, n: number): number {
  const i = luaL_checkinteger(L, n);
  return typeof i === "bigint" ? (i < 0n ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER) : i;
}

export function optint(L: LuaState, n: number, def: number): number {
  return arg(L, n) === undefined ? def : checkint(L, n);
}

/** The longest string V8 holds (2^29 - 24 chars): a longer Lua string is, for us, "not enough memory". */
export const MAXSTRLEN = 0x1fffffe8;

/** lstrlib.c posrelatI: a relative initial position, clipped to [1, inf). */
export function posrelatI(pos: number, len: number): number {
  if (pos > 0) return pos;
  if (pos === 0) return 1;
  if (pos < -len) return 1;
  return len + pos + 1;
}

/** lauxlib.c luaL_checknumber: the value as a Lua number (floats and integers stay what they are). */
export function luaL_checknumber(L: LuaState, n: number): number {
  const v = arg(L, n);
  const f = luaV_tonumber_(v);
  if (f === undefined) return luaL_typeerror(L, n, "number");
  return f;
}

export function luaL_optnumber(L: LuaState, n: number, def: number): number {
  return arg(L, n) === undefined ? def : luaL_checknumber(L, n);
}

/** lua_tolstring: strings, and numbers converted (in place, as lua_tolstring does); else undefined. */
export function lua_tolstring(L: LuaState, n: number): string | undefined {
  const v = arg(L, n);
  if (typeof v === "string") return v;
  if (isNumber(v)) {
    const s = luaO_tostring(v);
    L.stack[L.ci.func + n] = s;
    return s;
  }
  return undefined;
}

export function luaL_checkstring(L: LuaState, n: number): string {
  const s = lua_tolstring(L, n);
  if (s === undefined) return luaL_typeerror(L, n, "string");
  return s;
}

export function luaL_optstring(L: LuaState, n: number, def: string): string {
  return arg(L, n) === undefined ? def : luaL_checkstring(L, n);
}

/** lauxlib.c luaL_checkoption. */
export function luaL_checkoption(L: LuaState, n: number, def: string | null, lst: readonly string[]): number {
  const name = def !== null && arg(L, n) === undefined ? def : luaL_checkstring(L, n);
  const i = lst.indexOf(name);
  if (i >= 0) return i;
  return luaL_argerror(L, n, `invalid option '${name}'`);
}

// #region tolstring
const addresses = new WeakMap<object, number>();
let nextAddress = 0x55d0c0de0000;

/** A stable, unique "address" for an object, as "%p" prints one. */
export function lua_topointer(v: object): string {
  let a = addresses.get(v);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x40;
    addresses.set(v, a);
  }
  return "0x" + a.toString(16).padStart(12, "0");
}

/** lauxlib.c luaL_tolstring: __tostring, __name, or the default "type: address" text. */
export function luaL_tolstring(L: LuaState, v: LuaValue): string {
  const mt = getmetatable(L, v);
  if (mt !== null) {
    const tm = mt.getStr("__tostring");
    if (tm !== undefined) {
      const r = callvalue(L, tm, [v], 1)[0];
      if (typeof r !== "string") return luaL_error(L, "'__tostring' must return a string");
      return r;
    }
  }
  switch (typeof v) {
    case "undefined":
      return "nil";
    case "boolean":
      return v ? "true" : "false";
    case "number":
    case "bigint":
      return luaO_tostring(v);
    case "string":
      return v;
    default: {
      if (v instanceof LFloat) return luaO_tostring(v);
      const name = mt?.getStr("__name");
      const kind = typeof name === "string" ? name : luaT_objtypename(L, v);
      return `${kind}: ${lua_topointer(v as object)}`;
    }
  }
}
// #endregion tolstring

/** Call f(...args) from a C function and return nresults results (LUA_MULTRET: all). */
export function callvalue(L: LuaState, f: LuaValue, args: LuaValue[], nresults: number): LuaValue[] {
  const func = L.top;
  push(L, f);
  for (const a of args) push(L, a);
  lua_callk(L, args.length, nresults, 0, null);
  const out = L.stack.slice(func, L.top);
  L.top = func;
  return nresults === LUA_MULTRET ? out : out.slice(0, nresults);
}

