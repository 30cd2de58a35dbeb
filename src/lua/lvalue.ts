// Lua 5.4.4 lobject.h / lobject.c: the runtime value representation (TValue) and the conversions between
// numbers and strings (luaO_str2num, luaO_tostring, tostringbuff's "%.14g").
//
// THE VALUE REPRESENTATION (what every other module of the VM and the libraries assumes):
//
//   Lua value            JavaScript value
//   nil                  undefined
//   boolean              boolean
//   integer              a JS number for which Number.isSafeInteger holds (|n| < 2^53), never -0;
//                        a bigint (always outside the safe range, inside int64) for the other integers
//   float                a JS number that is NOT an integer (1.5, NaN, ±Infinity);
//                        an LFloat box for a float whose value is integral (1.0, -0.0, 1e300)
//   string               a JS string of bytes: every char code is 0..255 (Latin-1), interned by V8
//   table                LuaTable (ltable.ts)
//   function             LClosure (lfunc.ts) or a JS function (a "C function": lua_CFunction)
//   thread               LuaState (lstate.ts)
//
// So `typeof v === "number"` and `Number.isInteger(v)` means a small integer, the fast common case: the
// arithmetic of small integers is plain JS arithmetic, checked once for leaving the safe range, and only
// then done on 64 bits with BigInt.asIntN (wraparound, as lvm.c's l_castU2S). A float result that
// happens to be integral is boxed, so `3 / 1` is LFloat(3) and prints "3.0", while `3 // 1` is 3.
// The compiler's constants (lobject.ts KValue) are converted to this form once, when a Proto is loaded.

import type { LuaTable } from "./ltable.ts";
import { luaO_str2num as str2num } from "./lnumber.ts";
import type { LClosure, CFunction } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";

/** A full userdata (lobject.h Udata): an opaque object with a metatable, for libraries (io files). */
export class Userdata {
  metatable: LuaTable | null = null;
  constructor(readonly data: unknown) {}
}

/** A light userdata (lobject.h: a bare C pointer): no metatable of its own, equal when the pointer is. */
export class LightUserdata {
  constructor(readonly p: object) {}
}

/** Any Lua value (lobject.h TValue), in the representation described above. */
export type LuaValue =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | LFloat
  | LuaTable
  | LClosure
  | CFunction
  | LuaState
  | Userdata
  | LightUserdata;

/** A float whose value is integral (or -0): boxed so it stays distinct from the integer of equal value. */
export class LFloat {
  constructor(readonly n: number) {}
}

/** lua.h: basic type tags. */
export const LUA_TNIL = 0;
export const LUA_TBOOLEAN = 1;
export const LUA_TLIGHTUSERDATA = 2;
export const LUA_TNUMBER = 3;
export const LUA_TSTRING = 4;
export const LUA_TTABLE = 5;
export const LUA_TFUNCTION = 6;
export const LUA_TUSERDATA = 7;
export const LUA_TTHREAD = 8;

export const MAXINTEGER = 0x7fffffffffffffffn;
export const MININTEGER = -0x8000000000000000n;

// #region numbers
/** A Lua float from a JS number: boxed when its value is integral (so 2.0 stays a float). */
export function mkflt(n: number): number | LFloat {
  return Number.isInteger(n) || n === 0 ? new LFloat(n) : n;
}

/** A Lua integer from a bigint: wrapped to 64 bits (two's complement), unboxed when small. */
export function mkint(b: bigint): number | bigint {
  const w = BigInt.asIntN(64, b);
  return w >= -0x1fffffffffffffn && w <= 0x1fffffffffffffn ? Number(w) : w;
}

/** lobject.h ttisinteger. */
export function isInteger(v: unknown): v is number | bigint {
  return typeof v === "number" ? Number.isInteger(v) : typeof v === "bigint";
}

/** lobject.h ttisfloat. */
export function isFloat(v: unknown): v is number | LFloat {
  return typeof v === "number" ? !Number.isInteger(v) : v instanceof LFloat;
}

/** lobject.h ttisnumber. */
export function isNumber(v: unknown): v is number | bigint | LFloat {
  return typeof v === "number" || typeof v === "bigint" || v instanceof LFloat;
}

/** The float value of a number (lobject.h nvalue: cast an integer to lua_Number). */
export function fltvalue(v: number | bigint | LFloat): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.n;
}

/** The integer of a Lua integer value, as a bigint. */
export function bigOf(v: number | bigint): bigint {
  return typeof v === "bigint" ? v : BigInt(v);
}
// #endregion numbers

/** lvm.c luaV_flttointns with F2Ieq: the integer equal to float f, or undefined when there is none. */
export function flttoint(f: number): number | bigint | undefined {
  if (!Number.isInteger(f)) return undefined;
  if (Number.isSafeInteger(f)) return f + 0; // +0 turns -0 into 0
  if (f >= -9223372036854775808 && f < 9223372036854775808) return BigInt(f);
  return undefined;
}

/** lvm.c luaV_flttointns with a rounding mode: "eq" only exact, "floor" or "ceil" round first. */
export function flttointMode(f: number, mode: "eq" | "floor" | "ceil"): number | bigint | undefined {
  return flttoint(mode === "floor" ? Math.floor(f) : mode === "ceil" ? Math.ceil(f) : f);
}

// #region str2num
/** lobject.c luaO_str2num: the number a string denotes (integer first, then float), or undefined. The
 * numeral syntax is the lexer's (lnumber.ts); here the result takes the VM's value form. */
export function luaO_str2num(s: string): number | bigint | LFloat | undefined {
  if (s.indexOf("\0") >= 0) return undefined;
  const n = str2num(s);
  if (n === null) return undefined;
  return typeof n === "bigint" ? mkint(n) : mkflt(n);
}
// #endregion str2num

// #region tostring
/** The digits and exponent of |x| (x finite, not 0) to `prec` significant digits, rounded as C's printf
 * (to nearest, ties to even on the exact binary value; JS rounds exact ties away from zero). */
export function decimalDigits(x: number, prec: number): { digits: string; exp: number } {
  const ax = Math.abs(x);
  let s = ax.toExponential(prec - 1);
  const more = ax.toExponential(Math.min(prec + 25, 100));
  // an exact tie: the digit after the kept ones is 5 followed only by zeros
  const tail = more.slice(prec + 1, more.indexOf("e"));
  if (/^50*$/.test(tail)) {
    const kept = more.slice(0, prec === 1 ? 1 : prec + 1);
    const last = kept.charCodeAt(kept.length - 1) - 48;
    if (last % 2 === 0) s = kept + more.slice(more.indexOf("e"));
  }
  const ei = s.indexOf("e");
  return { digits: s.slice(0, ei).replace(".", ""), exp: parseInt(s.slice(ei + 1), 10) };
}

const nanbuf = new Float64Array(1);
const nanbytes = new Uint8Array(nanbuf.buffer);
/** The sign bit of a NaN, which glibc prints ("-nan" for 0/0 computed on x86, "nan" for -(0/0)). */
export function nanSign(x: number): boolean {
  nanbuf[0] = x;
  return (nanbytes[7]! & 0x80) !== 0;
}

/** The NaN an x86 float operation yields for operands a and b: the first NaN operand, else the default
 * NaN, whose sign bit is set (glibc prints it "-nan"). JavaScript engines do not promise either. */
export function nanOf(a: number, b: number): number {
  if (a !== a) return a;
  if (b !== b) return b;
  nanbytes.fill(0);
  nanbytes[7] = 0xff;
  nanbytes[6] = 0xf8;
  return nanbuf[0]!;
}

/** -x for a NaN: the same NaN with its sign bit flipped. */
export function nanNeg(x: number): number {
  nanbuf[0] = x;
  nanbytes[7] = nanbytes[7]! ^ 0x80;
  return nanbuf[0]!;
}

/** C's "%.<prec>g" for a finite or infinite double, as glibc prints it ("-nan" for NaN, as x86 makes it). */
export function fmtG(x: number, prec: number, alt = false): string {
  if (Number.isNaN(x)) return nanSign(x) ? "-nan" : "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (prec === 0) prec = 1;
  const sign = x < 0 || (x === 0 && 1 / x < 0) ? "-" : "";
  if (x === 0) return sign + (alt ? "0." + "0".repeat(prec - 1) : "0");
  const { digits, exp } = decimalDigits(x, prec);
  const strip = (d: string): string => (alt ? d : d.replace(/0+$/, ""));
  if (exp < -4 || exp >= prec) {
    const frac = strip(digits.slice(1));
    const e = Math.abs(exp);
    return sign + digits[0] + (frac || alt ? "." + frac : "") + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
  }
  if (exp >= 0) {
    const frac = strip(digits.slice(exp + 1));
    return sign + digits.slice(0, exp + 1) + (frac || alt ? "." + frac : "");
  }
  return sign + "0." + "0".repeat(-exp - 1) + strip(digits);
}

/** lobject.c tostringbuff: an integer in decimal, a float as "%.14g" with ".0" added when it looks like
 * an integer. */
export function luaO_tostring(v: number | bigint | LFloat): string {
  if (typeof v === "number" && Number.isInteger(v)) return String(v);
  if (typeof v === "bigint") return v.toString();
  const s = fmtG(typeof v === "number" ? v : v.n, 14);
  return /^[-0-9]*$/.test(s) ? s + ".0" : s;
}
// #endregion tostring
