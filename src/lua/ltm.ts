// Lua 5.4.4 ltm.c / ltm.h: tag methods (metamethods): finding them, calling them for binary and order
// events, and the vararg frame adjustment.
import { LuaTable } from "./ltable.ts";
import { LFloat, Userdata, LightUserdata, LUA_TLIGHTUSERDATA, isNumber, LUA_TNIL, LUA_TBOOLEAN, LUA_TNUMBER, LUA_TSTRING, LUA_TTABLE,
  LUA_TFUNCTION, LUA_TUSERDATA, LUA_TTHREAD, type LuaValue } from "./lvalue.ts";
import { LClosure } from "./lfunc.ts";
import { LuaState, type CallInfo } from "./lstate.ts";
import { luaD_call, luaD_callnoyield, luaD_checkstack } from "./ldo.ts";
import { luaG_opinterror, luaG_ordererror, luaG_tointerror, type Loc } from "./ldebug.ts";

// #region tms
/** ltm.h: enum TMS (ORDER TM). MMBIN's C operand is one of these. */
export const TM_INDEX = 0;
export const TM_NEWINDEX = 1;
export const TM_GC = 2;
export const TM_MODE = 3;
export const TM_LEN = 4;
export const TM_EQ = 5;
export const TM_ADD = 6;
export const TM_SUB = 7;
export const TM_MUL = 8;
export const TM_MOD = 9;
export const TM_POW = 10;
export const TM_DIV = 11;
export const TM_IDIV = 12;
export const TM_BAND = 13;
export const TM_BOR = 14;
export const TM_BXOR = 15;
export const TM_SHL = 16;
export const TM_SHR = 17;
export const TM_UNM = 18;
export const TM_BNOT = 19;
export const TM_LT = 20;
export const TM_LE = 21;
export const TM_CONCAT = 22;
export const TM_CALL = 23;
export const TM_CLOSE = 24;

/** ltm.c luaT_init: the event names. */
export const luaT_eventname: readonly string[] = [
  "__index", "__newindex", "__gc", "__mode", "__len", "__eq", "__add", "__sub", "__mul", "__mod",
  "__pow", "__div", "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr", "__unm", "__bnot",
  "__lt", "__le", "__concat", "__call", "__close",
];
// #endregion tms

/** ltm.c luaT_typenames_. */
export const luaT_typenames: readonly string[] = [
  "no value", "nil", "boolean", "userdata", "number", "string", "table", "function", "userdata", "thread",
  "upvalue", "proto",
];

/** lapi.c lua_type: the basic type of a value. */
export function ttype(v: LuaValue): number {
  switch (typeof v) {
    case "undefined":
      return LUA_TNIL;
    case "boolean":
      return LUA_TBOOLEAN;
    case "number":
    case "bigint":
      return LUA_TNUMBER;
    case "string":
      return LUA_TSTRING;
    case "function":
      return LUA_TFUNCTION;
    default:
      if (v instanceof LuaTable) return LUA_TTABLE;
      if (v instanceof LClosure) return LUA_TFUNCTION;
      if (v instanceof LFloat) return LUA_TNUMBER;
      if (v instanceof LuaState) return LUA_TTHREAD;
      if (v instanceof LightUserdata) return LUA_TLIGHTUSERDATA;
      return LUA_TUSERDATA;
  }
}

/** ltm.h ttypename: "nil", "number", ... */
export function ttypename(v: LuaValue): string {
  return luaT_typenames[ttype(v) + 1]!;
}

/** The metatable of any value (lapi.c lua_getmetatable without the push). */
export function getmetatable(L: LuaState, v: LuaValue): LuaTable | null {
  if (v instanceof LuaTable || v instanceof Userdata) return v.metatable;
  return L.g.mt[ttype(v)]!;
}

/** ltm.c luaT_gettm with ltm.h fasttm: a metamethod of a metatable for the events that cache their
 * absence in flags (__index to __eq). */
export function fasttm(mt: LuaTable | null, event: number): LuaValue {
  if (mt === null || (mt.flags & (1 << event)) !== 0) return undefined;
  const tm = mt.getStr(luaT_eventname[event]!);
  if (tm === undefined) mt.flags |= 1 << event;
  return tm;
}

/** ltm.c luaT_gettmbyobj. */
export function luaT_gettmbyobj(L: LuaState, o: LuaValue, event: number): LuaValue {
  const mt = getmetatable(L, o);
  return mt === null ? undefined : mt.getStr(luaT_eventname[event]!);
}

/** ltm.c luaT_objtypename: the type name, or the metatable's __name when it is a string. */
export function luaT_objtypename(L: LuaState, o: LuaValue): string {
  if (o instanceof LuaTable || o instanceof Userdata) {
    const mt = o.metatable;
    if (mt !== null) {
      const name = mt.getStr("__name");
      if (typeof name === "string") return name;
    }
  }
  return ttypename(o);
}

// #region calltm
/** ltm.c luaT_callTM: call f(p1, p2, p3) with no results (for __newindex). */
export function luaT_callTM(L: LuaState, f: LuaValue, p1: LuaValue, p2: LuaValue, p3: LuaValue): void {
  const func = L.top;
  luaD_checkstack(L, 4);
  const s = L.stack;
  s[func] = f;
  s[func + 1] = p1;
  s[func + 2] = p2;
  s[func + 3] = p3;
  L.top = func + 4;
  if (isLuacode(L.ci)) luaD_call(L, func, 0);
  else luaD_callnoyield(L, func, 0);
}

/** ltm.c luaT_callTMres: call f(p1, p2) and return its one result. */
export function luaT_callTMres(L: LuaState, f: LuaValue, p1: LuaValue, p2: LuaValue): LuaValue {
  const func = L.top;
  luaD_checkstack(L, 3);
  const s = L.stack;
  s[func] = f;
  s[func + 1] = p1;
  s[func + 2] = p2;
  L.top = func + 3;
  if (isLuacode(L.ci)) luaD_call(L, func, 1);
  else luaD_callnoyield(L, func, 1);
  return s[--L.top];
}
// #endregion calltm

function isLuacode(ci: CallInfo): boolean {
  return ci.cl !== null;
}

/** ltm.c callbinTM: the result of the metamethod of p1 (else p2) for event, or NOTM when neither has one. */
export const NOTM: unique symbol = Symbol("no metamethod");
function callbinTM(L: LuaState, p1: LuaValue, p2: LuaValue, event: number): LuaValue | typeof NOTM {
  let tm = luaT_gettmbyobj(L, p1, event);
  if (tm === undefined) tm = luaT_gettmbyobj(L, p2, event);
  if (tm === undefined) return NOTM;
  return luaT_callTMres(L, tm, p1, p2);
}

// #region trybin
/** ltm.c luaT_trybinTM: arithmetic and bitwise events (MMBIN); raises Lua's error without a metamethod.
 * loc1/loc2 say where the operands live, for the variable names in the message. */
export function luaT_trybinTM(L: LuaState, p1: LuaValue, p2: LuaValue, event: number, loc1: Loc, loc2: Loc): LuaValue {
  const r = callbinTM(L, p1, p2, event);
  if (r !== NOTM) return r;
  switch (event) {
    case TM_BAND: case TM_BOR: case TM_BXOR: case TM_SHL: case TM_SHR: case TM_BNOT:
      if (isNumber(p1) && isNumber(p2)) luaG_tointerror(L, p1, p2, loc1, loc2);
      else luaG_opinterror(L, p1, p2, "perform bitwise operation on", loc1, loc2);
    // falls through (never reached: both raise)
    default:
      return luaG_opinterror(L, p1, p2, "perform arithmetic on", loc1, loc2);
  }
}

/** ltm.c luaT_trybinassocTM: MMBINI/MMBINK, where `flip` says the constant was the first operand. */
export function luaT_trybinassocTM(L: LuaState, p1: LuaValue, p2: LuaValue, flip: boolean, event: number,
  loc1: Loc): LuaValue {
  if (flip) return luaT_trybinTM(L, p2, p1, event, -1, loc1);
  return luaT_trybinTM(L, p1, p2, event, loc1, -1);
}
// #endregion trybin

/** ltm.c luaT_callorderTM: __lt/__le; raises "attempt to compare" without one. */
export function luaT_callorderTM(L: LuaState, p1: LuaValue, p2: LuaValue, event: number): boolean {
  const r = callbinTM(L, p1, p2, event);
  if (r !== NOTM) return r !== undefined && r !== false;
  return luaG_ordererror(L, p1, p2);
}

/** ltm.c luaT_callorderiTM: order with an immediate operand (LTI, LEI, GTI, GEI). */
export function luaT_callorderiTM(L: LuaState, p1: LuaValue, v2: number, flip: boolean, isfloat: boolean,
  event: number): boolean {
  const aux: LuaValue = isfloat ? new LFloat(v2) : v2;
  return flip ? luaT_callorderTM(L, aux, p1, event) : luaT_callorderTM(L, p1, aux, event);
}

// #region varargs
/** ltm.c luaT_adjustvarargs (OP_VARARGPREP): move the function and its fixed parameters above the extra
 * arguments, so the frame starts after them and they stay below func. */
export function luaT_adjustvarargs(L: LuaState, nfixparams: number, ci: CallInfo, maxstacksize: number): void {
  const actual = L.top - ci.func - 1;
  const nextra = actual - nfixparams;
  ci.nextraargs = nextra;
  luaD_checkstack(L, maxstacksize + 1);
  const s = L.stack;
  s[L.top++] = s[ci.func];
  for (let i = 1; i <= nfixparams; i++) {
    s[L.top++] = s[ci.func + i];
    s[ci.func + i] = undefined;
  }
  ci.func += actual + 1;
  ci.top += actual + 1;
}

/** ltm.c luaT_getvarargs (OP_VARARG): copy `wanted` extra arguments (all when < 0) to `where`. */
export function luaT_getvarargs(L: LuaState, ci: CallInfo, where: number, wanted: number): void {
  const nextra = ci.nextraargs;
  if (wanted < 0) {
    wanted = nextra;
    luaD_checkstack(L, nextra);
    L.top = where + nextra;
  }
  const s = L.stack;
  let i = 0;
  for (; i < wanted && i < nextra; i++) s[where + i] = s[ci.func - nextra + i];
  for (; i < wanted; i++) s[where + i] = undefined;
}
// #endregion varargs
