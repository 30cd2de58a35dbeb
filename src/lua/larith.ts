// Lua 5.4.4 lvm.c / lobject.c: arithmetic on integers and floats (luaO_rawarith, luaV_idiv, luaV_mod,
// luaV_modf, luaV_shiftl), conversions to integer (luaV_tointegerns) and numeric comparisons.
//
// Integers wrap around on 64 bits. Small integers (unboxed JS numbers) take the fast path: a JS operation
// whose result is checked once with Number.isSafeInteger; anything else goes through BigInt.asIntN(64).
import {
  LFloat, mkflt, mkint, bigOf, flttoint, luaO_str2num, nanOf, nanNeg, type LuaValue,
} from "./lvalue.ts";
import type { LuaState } from "./lstate.ts";
import { luai_numpow } from "./lnumber.ts";
import { luaG_runerror } from "./ldebug.ts";

// lua.h: the arithmetic operators (LUA_OPADD...), the order of lua_arith and of the TM_ADD.. events.
import {
  LUA_OPADD, LUA_OPSUB, LUA_OPMUL, LUA_OPMOD, LUA_OPPOW, LUA_OPDIV, LUA_OPIDIV,
  LUA_OPBAND, LUA_OPBOR, LUA_OPBXOR, LUA_OPSHL, LUA_OPSHR, LUA_OPUNM, LUA_OPBNOT,
} from "./lnumber.ts";
export {
  LUA_OPADD, LUA_OPSUB, LUA_OPMUL, LUA_OPMOD, LUA_OPPOW, LUA_OPDIV, LUA_OPIDIV,
  LUA_OPBAND, LUA_OPBOR, LUA_OPBXOR, LUA_OPSHL, LUA_OPSHR, LUA_OPUNM, LUA_OPBNOT,
};

// #region tointeger
/** lvm.c luaV_tointegerns: the integer of a number (floats must be integral in mode "eq"; "floor" and
 * "ceil" round), without string coercion; undefined when not possible. */
export function luaV_tointegerns(v: LuaValue, mode: "eq" | "floor" | "ceil"): number | bigint | undefined {
  if (typeof v === "number") {
    if (Number.isInteger(v)) return v;
    return flttoint(mode === "floor" ? Math.floor(v) : mode === "ceil" ? Math.ceil(v) : v);
  }
  if (typeof v === "bigint") return v;
  if (v instanceof LFloat) return flttoint(v.n);
  return undefined;
}

/** lvm.c luaV_tointeger: as luaV_tointegerns, but numeric strings are converted first. */
export function luaV_tointeger(v: LuaValue, mode: "eq" | "floor" | "ceil"): number | bigint | undefined {
  if (typeof v === "string") {
    const n = luaO_str2num(v);
    if (n === undefined) return undefined;
    v = n;
  }
  return luaV_tointegerns(v, mode);
}

/** lvm.c luaV_tonumber_: the float value of a number or numeric string, or undefined. */
export function luaV_tonumber_(v: LuaValue): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof LFloat) return v.n;
  if (typeof v === "string") {
    const n = luaO_str2num(v);
    if (n === undefined) return undefined;
    return typeof n === "number" ? n : typeof n === "bigint" ? Number(n) : n.n;
  }
  return undefined;
}

/** lvm.h tonumber for arithmetic (no strings): the float value of a number, or undefined. */
export function tonumberns(v: LuaValue): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (v instanceof LFloat) return v.n;
  return undefined;
}
// #endregion tointeger

// #region intops
/** lvm.c luaV_idiv: integer floor division; "attempt to divide by zero". */
export function luaV_idiv(L: LuaState, m: number | bigint, n: number | bigint): number | bigint {
  if (typeof m === "number" && typeof n === "number" && (m | 0) === m && (n | 0) === n) {
    if (n === 0) luaG_runerror(L, "attempt to divide by zero");
    return Math.floor(m / n) + 0;
  }
  const bm = bigOf(m);
  const bn = bigOf(n);
  if (bn === 0n) luaG_runerror(L, "attempt to divide by zero");
  if (bn === -1n) return mkint(-bm);
  let q = bm / bn; // truncates
  if ((bm % bn !== 0n) && ((bm ^ bn) < 0n)) q -= 1n;
  return mkint(q);
}

/** lvm.c luaV_mod: integer modulo with the sign of the divisor; "attempt to perform 'n%0'". */
export function luaV_mod(L: LuaState, m: number | bigint, n: number | bigint): number | bigint {
  if (typeof m === "number" && typeof n === "number") {
    if (n === 0) luaG_runerror(L, "attempt to perform 'n%0'");
    const r = m % n;
    if (r !== 0 && (r < 0) !== (n < 0)) return r + n;
    return r + 0;
  }
  const bm = bigOf(m);
  const bn = bigOf(n);
  if (bn === 0n) luaG_runerror(L, "attempt to perform 'n%0'");
  if (bn === -1n) return 0;
  let r = bm % bn;
  if (r !== 0n && (r ^ bn) < 0n) r += bn;
  return mkint(r);
}

/** lvm.c luaV_modf: float modulo (fmod corrected to the sign of the divisor). */
export function luaV_modf(a: number, b: number): number {
  let m = a % b;
  if (m > 0 ? b < 0 : m < 0 && b > 0) m += b;
  return m;
}

/** lvm.c luaV_shiftl: shift left (right when y < 0), logical, 0 beyond 63 bits. */
export function luaV_shiftl(x: number | bigint, y: number | bigint): number | bigint {
  const by = bigOf(y);
  if (by < 0n) {
    if (by <= -64n) return 0;
    return mkint(BigInt.asUintN(64, bigOf(x)) >> -by);
  }
  if (by >= 64n) return 0;
  return mkint(bigOf(x) << by);
}

function band(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b) return a & b;
  return mkint(bigOf(a) & bigOf(b));
}
function bor(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b) return a | b;
  return mkint(bigOf(a) | bigOf(b));
}
function bxor(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number" && (a | 0) === a && (b | 0) === b) return a ^ b;
  return mkint(bigOf(a) ^ bigOf(b));
}
// #endregion intops

// #region rawarith
/** lobject.c intarith: an operator on two integers. */
function intarith(L: LuaState, op: number, a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case LUA_OPADD: {
        const r = a + b;
        if (Number.isSafeInteger(r)) return r;
        break;
      }
      case LUA_OPSUB: {
        const r = a - b;
        if (Number.isSafeInteger(r)) return r;
        break;
      }
      case LUA_OPMUL: {
        const r = a * b;
        if (Number.isSafeInteger(r)) return r + 0;
        break;
      }
      case LUA_OPUNM:
        return 0 - a;
    }
  }
  switch (op) {
    case LUA_OPADD: return mkint(bigOf(a) + bigOf(b));
    case LUA_OPSUB: return mkint(bigOf(a) - bigOf(b));
    case LUA_OPMUL: return mkint(bigOf(a) * bigOf(b));
    case LUA_OPMOD: return luaV_mod(L, a, b);
    case LUA_OPIDIV: return luaV_idiv(L, a, b);
    case LUA_OPBAND: return band(a, b);
    case LUA_OPBOR: return bor(a, b);
    case LUA_OPBXOR: return bxor(a, b);
    case LUA_OPSHL: return luaV_shiftl(a, b);
    case LUA_OPSHR: return luaV_shiftl(a, -bigOf(b));
    case LUA_OPUNM: return mkint(-bigOf(a));
    case LUA_OPBNOT: return typeof a === "number" && (a | 0) === a ? ~a : mkint(~bigOf(a));
  }
  throw new Error("bad integer operator");
}

/** lobject.c numarith: an operator on two floats. */
function numarith(op: number, a: number, b: number): number {
  const r = numarith1(op, a, b);
  if (r !== r) return op === LUA_OPUNM ? (a !== a ? nanNeg(a) : nanOf(a, a)) : nanOf(a, b);
  return r;
}

function numarith1(op: number, a: number, b: number): number {
  switch (op) {
    case LUA_OPADD: return a + b;
    case LUA_OPSUB: return a - b;
    case LUA_OPMUL: return a * b;
    case LUA_OPDIV: return a / b;
    case LUA_OPPOW: return b === 2 ? a * a : luai_numpow(a, b);
    case LUA_OPIDIV: return Math.floor(a / b);
    case LUA_OPUNM: return -a;
    case LUA_OPMOD: return luaV_modf(a, b);
  }
  throw new Error("bad float operator");
}

function isint(v: LuaValue): v is number | bigint {
  return typeof v === "number" ? Number.isInteger(v) : typeof v === "bigint";
}

/** lobject.c luaO_rawarith: the result of op on two numbers, or undefined when an operand is not a number
 * (or, for bitwise operators, not convertible to an integer): then a metamethod is needed. */
export function luaO_rawarith(L: LuaState, op: number, p1: LuaValue, p2: LuaValue): LuaValue {
  switch (op) {
    case LUA_OPBAND: case LUA_OPBOR: case LUA_OPBXOR:
    case LUA_OPSHL: case LUA_OPSHR: case LUA_OPBNOT: {
      const i1 = luaV_tointegerns(p1, "eq");
      const i2 = luaV_tointegerns(p2, "eq");
      if (i1 !== undefined && i2 !== undefined) return intarith(L, op, i1, i2);
      return undefined;
    }
    case LUA_OPDIV: case LUA_OPPOW: {
      const n1 = tonumberns(p1);
      const n2 = tonumberns(p2);
      if (n1 !== undefined && n2 !== undefined) return mkflt(numarith(op, n1, n2));
      return undefined;
    }
    default: {
      if (isint(p1) && isint(p2)) return intarith(L, op, p1, p2);
      const n1 = tonumberns(p1);
      const n2 = tonumberns(p2);
      if (n1 !== undefined && n2 !== undefined) return mkflt(numarith(op, n1, n2));
      return undefined;
    }
  }
}
// #endregion rawarith

// #region compare
/** The number to compare: bigint and number compare exactly in JavaScript (as LTnum does by hand). */
function cmpval(v: number | bigint | LFloat): number | bigint {
  return v instanceof LFloat ? v.n : v;
}

/** lvm.c LTnum / LEnum and the equality of numbers: exact between integers and floats. */
export function numlt(a: number | bigint | LFloat, b: number | bigint | LFloat): boolean {
  return cmpval(a) < cmpval(b);
}
export function numle(a: number | bigint | LFloat, b: number | bigint | LFloat): boolean {
  return cmpval(a) <= cmpval(b);
}
export function numeq(a: number | bigint | LFloat, b: number | bigint | LFloat): boolean {
  // eslint-disable-next-line eqeqeq
  return cmpval(a) == cmpval(b);
}
// #endregion compare
