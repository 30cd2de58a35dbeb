// Lua 5.4.4 lmathlib.c: the math library, with the xoshiro256** generator of 5.4 so a seed gives the
// same numbers as lua5.4.
import { LuaTable } from "./ltable.ts";
import type { CFunction } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import { LFloat, mkflt, mkint, bigOf, isNumber, flttoint, nanOf, MAXINTEGER, MININTEGER, type LuaValue } from "./lvalue.ts";
import { luaV_tointegerns, luaV_tointeger, numlt } from "./larith.ts";
import { luaV_lessthan } from "./lvm.ts";
import {
  arg, ret, lua_gettop, luaL_error, luaL_argerror, luaL_checkany, luaL_checkinteger, luaL_checknumber,
  luaL_optinteger, luaL_typeerror,
} from "./lauxlib.ts";
import { luaV_tonumber_ } from "./larith.ts";

function isint(v: LuaValue): v is number | bigint {
  return typeof v === "number" ? Number.isInteger(v) : typeof v === "bigint";
}

function checknum(L: LuaState, n: number): number | bigint | LFloat {
  const v = arg(L, n);
  if (isNumber(v)) return v;
  const f = luaV_tonumber_(v);
  if (f === undefined) return luaL_typeerror(L, n, "number");
  return luaV_tointegerns(v, "eq") ?? mkflt(f);
}

function math_abs(L: LuaState): number {
  const v = checknum(L, 1);
  if (isint(v)) return ret(L, typeof v === "number" ? Math.abs(v) : mkint(v < 0n ? -v : v));
  return ret(L, mkflt(Math.abs(luaL_checknumber(L, 1))));
}

/** A float function of one float argument. */
function f1(fn: (x: number) => number): CFunction {
  return (L) => ret(L, mkflt(fn(luaL_checknumber(L, 1))));
}

/** lmathlib.c pushnumint: a float result as an integer when it fits (floor, ceil). */
function pushnumint(L: LuaState, d: number): number {
  const i = flttoint(d);
  return ret(L, i !== undefined ? i : mkflt(d));
}

function math_floor(L: LuaState): number {
  const v = checknum(L, 1);
  if (isint(v)) return ret(L, v);
  return pushnumint(L, Math.floor(luaL_checknumber(L, 1)));
}

function math_ceil(L: LuaState): number {
  const v = checknum(L, 1);
  if (isint(v)) return ret(L, v);
  return pushnumint(L, Math.ceil(luaL_checknumber(L, 1)));
}

function math_fmod(L: LuaState): number {
  const a = checknum(L, 1);
  const b = checknum(L, 2);
  if (isint(a) && isint(b)) {
    if (b == 0) luaL_argerror(L, 2, "zero");
    if (b == -1) return ret(L, 0);
    if (typeof a === "number" && typeof b === "number") return ret(L, (a % b) + 0);
    return ret(L, mkint(bigOf(a) % bigOf(b)));
  }
  const x = luaL_checknumber(L, 1);
  const y = luaL_checknumber(L, 2);
  const r = x % y;
  // C's fmod gives x86's default NaN (printed "-nan") for fmod(x, 0) and fmod(inf, y)
  return ret(L, mkflt(r === r ? r : nanOf(x, y)));
}

function math_modf(L: LuaState): number {
  const v = checknum(L, 1);
  if (isint(v)) return ret(L, v, mkflt(0));
  const n = luaL_checknumber(L, 1);
  const ip = n < 0 ? Math.ceil(n) : Math.floor(n);
  return ret(L, mkflt(ip), mkflt(n === ip ? 0 : n - ip));
}

function math_toint(L: LuaState): number {
  const v = arg(L, 1);
  const i = luaV_tointeger(v, "eq");
  if (i !== undefined) return ret(L, i);
  luaL_checkany(L, 1);
  return ret(L, undefined);
}

function math_ult(L: LuaState): number {
  const a = BigInt.asUintN(64, bigOf(luaL_checkinteger(L, 1)));
  const b = BigInt.asUintN(64, bigOf(luaL_checkinteger(L, 2)));
  return ret(L, a < b);
}

function math_log(L: LuaState): number {
  const x = luaL_checknumber(L, 1);
  if (arg(L, 2) === undefined) return ret(L, mkflt(Math.log(x)));
  const base = luaL_checknumber(L, 2);
  if (base === 2) return ret(L, mkflt(Math.log2(x)));
  if (base === 10) return ret(L, mkflt(Math.log10(x)));
  return ret(L, mkflt(Math.log(x) / Math.log(base)));
}

/** lmathlib.c math_min / math_max: any values, compared with lua_compare (so with __lt); the first
 * extreme one is returned as it is. */
function math_minmax(ismax: boolean): CFunction {
  return (L) => {
    const n = lua_gettop(L);
    if (n < 1) luaL_argerror(L, 1, "value expected");
    let best = arg(L, 1);
    for (let i = 2; i <= n; i++) {
      const v = arg(L, i);
      if (ismax ? luaV_lessthan(L, best, v) : luaV_lessthan(L, v, best)) best = v;
    }
    return ret(L, best);
  };
}

function math_type(L: LuaState): number {
  const v = arg(L, 1);
  luaL_checkany(L, 1);
  if (!isNumber(v)) return ret(L, undefined);
  return ret(L, isint(v) ? "integer" : "float");
}

// #region xoshiro
const M64 = (1n << 64n) - 1n;
function rotl(x: bigint, n: bigint): bigint {
  return ((x << n) | (x >> (64n - n))) & M64;
}

/** lmathlib.c RanState and nextrand: xoshiro256**. */
class RanState {
  s: bigint[] = [0n, 0n, 0n, 0n];
  next(): bigint {
    const s = this.s;
    const state0 = s[0]!;
    const state1 = s[1]!;
    const state2 = s[2]! ^ state0;
    const state3 = s[3]! ^ state1;
    const res = (rotl((state1 * 5n) & M64, 7n) * 9n) & M64;
    s[0] = state0 ^ state3;
    s[1] = state1 ^ state2;
    s[2] = state2 ^ ((state1 << 17n) & M64);
    s[3] = rotl(state3, 45n);
    return res;
  }
  setseed(n1: bigint, n2: bigint): void {
    this.s = [BigInt.asUintN(64, n1), 0xffn, BigInt.asUintN(64, n2), 0n];
    for (let i = 0; i < 16; i++) this.next();
  }
}

/** lmathlib.c project: a random value in [0, n] without bias. */
function project(ran: bigint, n: bigint, state: RanState): bigint {
  if ((n & (n + 1n)) === 0n) return ran & n;
  let lim = n;
  lim |= lim >> 1n;
  lim |= lim >> 2n;
  lim |= lim >> 4n;
  lim |= lim >> 8n;
  lim |= lim >> 16n;
  lim |= lim >> 32n;
  while ((ran &= lim) > n) ran = state.next();
  return ran;
}
// #endregion xoshiro

/** lmathlib.c luaopen_math. */
export function luaopen_math(L: LuaState): LuaTable {
  const state = new RanState();
  state.setseed(BigInt(Date.now()), BigInt(Math.floor(Math.random() * 2 ** 31)));
  const random: CFunction = (L1) => {
    const rv = state.next();
    let low: bigint;
    let up: bigint;
    switch (lua_gettop(L1)) {
      case 0:
        return ret(L1, mkflt(Number(rv >> 11n) * 2 ** -53));
      case 1:
        low = 1n;
        up = bigOf(luaL_checkinteger(L1, 1));
        if (up === 0n) return ret(L1, mkint(rv));
        break;
      case 2:
        low = bigOf(luaL_checkinteger(L1, 1));
        up = bigOf(luaL_checkinteger(L1, 2));
        break;
      default:
        return luaL_error(L1, "wrong number of arguments");
    }
    if (!(low <= up)) luaL_argerror(L1, 1, "interval is empty");
    const p = project(rv, BigInt.asUintN(64, up - low), state);
    return ret(L1, mkint(p + low));
  };
  const randomseed: CFunction = (L1) => {
    if (arg(L1, 1) === undefined && lua_gettop(L1) === 0) {
      const n1 = BigInt(Date.now());
      const n2 = BigInt(Math.floor(Math.random() * 2 ** 31));
      state.setseed(n1, n2);
      return ret(L1, mkint(n1), mkint(n2));
    }
    const n1 = bigOf(luaL_checkinteger(L1, 1));
    const n2 = bigOf(luaL_optinteger(L1, 2, 0));
    state.setseed(n1, n2);
    return ret(L1, mkint(n1), mkint(n2));
  };
  const funcs: Record<string, CFunction> = {
    abs: math_abs, ceil: math_ceil, floor: math_floor, fmod: math_fmod, modf: math_modf, tointeger: math_toint,
    ult: math_ult, log: math_log, max: math_minmax(true), min: math_minmax(false), type: math_type,
    sqrt: f1(Math.sqrt), sin: f1(Math.sin), cos: f1(Math.cos), tan: f1(Math.tan), asin: f1(Math.asin),
    acos: f1(Math.acos), exp: f1(Math.exp), deg: f1((x) => x * (180 / Math.PI)), rad: f1((x) => x * (Math.PI / 180)),
    atan: (L1) => ret(L1, mkflt(Math.atan2(luaL_checknumber(L1, 1), arg(L1, 2) === undefined ? 1 : luaL_checknumber(L1, 2)))),
    random, randomseed,
  };
  const t = new LuaTable();
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  t.set("pi", mkflt(Math.PI));
  t.set("huge", Infinity);
  t.set("maxinteger", mkint(MAXINTEGER));
  t.set("mininteger", mkint(MININTEGER));
  void L;
  return t;
}
