// Lua 5.4.4 lobject.c and lvm.c: numerals and number arithmetic as the compiler needs them. Integers are
// 64-bit two's complement, held as bigint; floats are JS numbers.

// lctype.h: the character properties, one bit each.
const ALPHABIT = 0, DIGITBIT = 1, PRINTBIT = 2, SPACEBIT = 3, XDIGITBIT = 4;

/** lctype.c with LUA_UCID off: luai_ctype_, the properties of each byte, indexed by c + 1 so that EOZ (-1)
 * has none. lctype.c spells the 257 entries out; these are the same ones, from the ASCII classes. */
const luai_ctype_ = new Uint8Array(257);
for (let c = 0; c < 128; c++) {
  const alpha = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  const digit = c >= 48 && c <= 57;
  const xdigit = digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
  const space = c === 32 || (c >= 9 && c <= 13);
  const print = c >= 32 && c <= 126;
  luai_ctype_[c + 1] = (+alpha << ALPHABIT) | (+digit << DIGITBIT) | (+print << PRINTBIT) | (+space << SPACEBIT) |
    (+xdigit << XDIGITBIT);
}

function testprop(c: number, p: number): boolean {
  return (luai_ctype_[c + 1]! & p) !== 0;
}
export function lisdigit(c: number): boolean {
  return testprop(c, 1 << DIGITBIT);
}
export function lisxdigit(c: number): boolean {
  return testprop(c, 1 << XDIGITBIT);
}
export function lislalpha(c: number): boolean {
  return testprop(c, 1 << ALPHABIT);
}
export function lislalnum(c: number): boolean {
  return testprop(c, (1 << ALPHABIT) | (1 << DIGITBIT));
}
export function lisspace(c: number): boolean {
  return testprop(c, 1 << SPACEBIT);
}
export function lisprint(c: number): boolean {
  return testprop(c, 1 << PRINTBIT);
}
/** lobject.c: luaO_hexavalue. */
export function luaO_hexavalue(c: number): number {
  return lisdigit(c) ? c - 48 : (c | 0x20) - 97 + 10;
}

/** Wrap a bigint to a Lua integer (64-bit two's complement). */
export function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

const MAXINT = (1n << 63n) - 1n;

/** lobject.c: l_str2int. A decimal numeral that overflows is not an integer; a hex one wraps around. */
function l_str2int(s: string): bigint | null {
  let i = 0;
  while (i < s.length && lisspace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s[i] === "-") {
    neg = true;
    i++;
  } else if (s[i] === "+") i++;
  let a = 0n;
  let empty = true;
  if (s[i] === "0" && (s[i + 1] === "x" || s[i + 1] === "X")) {
    i += 2;
    for (; i < s.length && lisxdigit(s.charCodeAt(i)); i++) {
      a = BigInt.asUintN(64, a * 16n + BigInt(luaO_hexavalue(s.charCodeAt(i))));
      empty = false;
    }
  } else {
    for (; i < s.length && lisdigit(s.charCodeAt(i)); i++) {
      a = a * 10n + BigInt(s.charCodeAt(i) - 48);
      if (a > MAXINT + (neg ? 1n : 0n)) return null;
      empty = false;
    }
  }
  while (i < s.length && lisspace(s.charCodeAt(i))) i++;
  if (empty || i !== s.length) return null;
  return wrap64(neg ? -a : a);
}

const DECIMAL = /^[ \t\n\v\f\r]*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?[ \t\n\v\f\r]*$/;
const HEXFLT = /^[ \t\n\v\f\r]*([-+]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([-+]?[0-9]+))?[ \t\n\v\f\r]*$/;

/** lobject.c: l_str2d with C's strtod (lua_str2number) and its hex form (lua_strx2number). */
function l_str2d(s: string): number | null {
  if (/[nN]/.test(s)) return null; // reject 'inf' and 'nan'
  if (/[xX]/.test(s)) {
    const m = HEXFLT.exec(s);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) return null;
    const digits = m[2]! + (m[3] ?? "");
    let e = (m[4] ? parseInt(m[4], 10) : 0) - 4 * (m[3] ?? "").length;
    let mant = BigInt("0x" + digits);
    // keep 64 significant bits; the rest only decides rounding (sticky)
    const bits = mant.toString(2).length;
    if (bits > 64) {
      const drop = BigInt(bits - 64);
      const sticky = (mant & ((1n << drop) - 1n)) !== 0n ? 1n : 0n;
      mant = (mant >> drop) | sticky;
      e += Number(drop);
    }
    const half = Math.trunc(e / 2);
    const v = Number(mant) * Math.pow(2, half) * Math.pow(2, e - half);
    return m[1] === "-" ? -v : v;
  }
  if (!DECIMAL.test(s)) return null;
  return Number(s.trim());
}

const SIMPLE_INT = /^[0-9]{1,18}$/;
const SIMPLE_FLOAT = /^[0-9]+\.[0-9]+$/;

/** lobject.c: luaO_str2num. An integer (bigint) or a float (number), or null for a malformed numeral. */
export function luaO_str2num(s: string): bigint | number | null {
  if (SIMPLE_INT.test(s)) return BigInt(s);
  if (SIMPLE_FLOAT.test(s)) return Number(s);
  const i = l_str2int(s);
  if (i !== null) return i;
  return l_str2d(s);
}

/** C's printf("%.14g"), as LUAI_NUMFFORMAT formats floats. */
export function fmtG14(x: number): string {
  if (Number.isNaN(x)) return Object.is(x, NaN) ? "-nan" : "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0" : "0";
  const ex = x.toExponential(13);
  const ei = ex.indexOf("e");
  const e = parseInt(ex.slice(ei + 1), 10);
  if (e < -4 || e >= 14) {
    let mant = ex.slice(0, ei);
    if (mant.includes(".")) mant = mant.replace(/0+$/, "").replace(/\.$/, "");
    const sign = e < 0 ? "-" : "+";
    const ae = Math.abs(e);
    return `${mant}e${sign}${ae < 10 ? "0" : ""}${ae}`;
  }
  let f = x.toFixed(13 - e);
  if (f.includes(".")) f = f.replace(/0+$/, "").replace(/\.$/, "");
  return f;
}

/** lobject.c: tostringbuff for floats: "%.14g", plus ".0" when it looks like an integer. */
export function luaO_fmtfloat(x: number): string {
  const s = fmtG14(x);
  return /^[-0-9]*$/.test(s) ? s + ".0" : s;
}

// ltm.h / lua.h: the arithmetic operators, ORDER as LUA_OPADD..LUA_OPBNOT.
export const LUA_OPADD = 0;
export const LUA_OPSUB = 1;
export const LUA_OPMUL = 2;
export const LUA_OPMOD = 3;
export const LUA_OPPOW = 4;
export const LUA_OPDIV = 5;
export const LUA_OPIDIV = 6;
export const LUA_OPBAND = 7;
export const LUA_OPBOR = 8;
export const LUA_OPBXOR = 9;
export const LUA_OPSHL = 10;
export const LUA_OPSHR = 11;
export const LUA_OPUNM = 12;
export const LUA_OPBNOT = 13;

/** lvm.c: luaV_shiftl. */
export function luaV_shiftl(x: bigint, y: bigint): bigint {
  if (y < 0n) {
    if (y <= -64n) return 0n;
    return wrap64(BigInt.asUintN(64, x) >> -y);
  }
  if (y >= 64n) return 0n;
  return wrap64(x << y);
}

/** lvm.c: luaV_modf with llimits.h's luai_nummod: fmod, then the sign of the divisor. */
export function luaV_modf(m: number, n: number): number {
  let r = m % n;
  if (r > 0 ? n < 0 : r < 0 && n > 0) r += n;
  return r;
}

/** A number constant: integer (bigint) or float (number). */
export type LuaNumber = bigint | number;

function tonumber(v: LuaNumber): number {
  return typeof v === "bigint" ? Number(v) : v;
}

/** lvm.c: luaV_tointegerns in mode F2Ieq: a float with an exact integer value converts. */
export function tointegerns(v: LuaNumber): bigint | null {
  if (typeof v === "bigint") return v;
  if (Number.isInteger(v) && v >= -9223372036854775808 && v < 9223372036854775808) return BigInt(v);
  return null;
}

/** lobject.c: luaO_rawarith, without metamethods. null when the operation cannot be done on these values
 * (a float without an integer value in a bitwise operation, integer division or modulo by zero). */
export function luaO_rawarith(op: number, p1: LuaNumber, p2: LuaNumber): LuaNumber | null {
  switch (op) {
    case LUA_OPBAND:
    case LUA_OPBOR:
    case LUA_OPBXOR:
    case LUA_OPSHL:
    case LUA_OPSHR:
    case LUA_OPBNOT: {
      const i1 = tointegerns(p1);
      const i2 = tointegerns(p2);
      if (i1 === null || i2 === null) return null;
      switch (op) {
        case LUA_OPBAND:
          return i1 & i2;
        case LUA_OPBOR:
          return i1 | i2;
        case LUA_OPBXOR:
          return i1 ^ i2;
        case LUA_OPSHL:
          return luaV_shiftl(i1, i2);
        case LUA_OPSHR:
          return luaV_shiftl(i1, -i2);
        default:
          return ~i1;
      }
    }
    case LUA_OPDIV:
    case LUA_OPPOW:
      return numarith(op, tonumber(p1), tonumber(p2));
    default:
      if (typeof p1 === "bigint" && typeof p2 === "bigint") return intarith(op, p1, p2);
      return numarith(op, tonumber(p1), tonumber(p2));
  }
}

function intarith(op: number, v1: bigint, v2: bigint): bigint | null {
  switch (op) {
    case LUA_OPADD:
      return wrap64(v1 + v2);
    case LUA_OPSUB:
      return wrap64(v1 - v2);
    case LUA_OPMUL:
      return wrap64(v1 * v2);
    case LUA_OPMOD: {
      if (v2 === 0n) return null; // luaV_mod raises "attempt to perform 'n%%0'"
      const r = v1 % v2;
      return r !== 0n && (r ^ v2) < 0n ? r + v2 : r;
    }
    case LUA_OPIDIV: {
      if (v2 === 0n) return null; // luaV_idiv raises "attempt to perform 'n//0'"
      let q = v1 / v2;
      if ((v1 % v2 !== 0n) && ((v1 ^ v2) < 0n)) q -= 1n;
      return wrap64(q);
    }
    default: // LUA_OPUNM
      return wrap64(-v1);
  }
}

function numarith(op: number, v1: number, v2: number): number {
  switch (op) {
    case LUA_OPADD:
      return v1 + v2;
    case LUA_OPSUB:
      return v1 - v2;
    case LUA_OPMUL:
      return v1 * v2;
    case LUA_OPDIV:
      return v1 / v2;
    case LUA_OPPOW:
      return luai_numpow(v1, v2);
    case LUA_OPIDIV:
      return Math.floor(v1 / v2);
    case LUA_OPUNM:
      return -v1;
    default: // LUA_OPMOD
      return luaV_modf(v1, v2);
  }
}

/** m and e with x = m * 2^e, m an integer (x finite, nonzero). */
function decompose(x: number): [bigint, number] {
  let e = 0;
  while (!Number.isInteger(x)) {
    x *= 2;
    e--;
  }
  return [BigInt(x), e];
}

function bitlen(v: bigint): number {
  return v.toString(2).length;
}

/** The double nearest to q * 2^e (q > 0): keep 64 bits of q with a sticky bit, then scale exactly. */
function scaled(q: bigint, e: number, inexact: boolean): number {
  const extra = bitlen(q) - 64;
  if (extra > 0) {
    const sticky = inexact || (q & ((1n << BigInt(extra)) - 1n)) !== 0n;
    q = (q >> BigInt(extra)) | (sticky ? 1n : 0n);
    e += extra;
  } else if (inexact) {
    q = (q << 2n) | 1n;
    e -= 2;
  }
  const half = Math.trunc(e / 2);
  return Number(q) * Math.pow(2, half) * Math.pow(2, e - half);
}

/** llimits.h: luai_numpow, C's pow. For an integer exponent the result is computed exactly and rounded
 * once, as glibc's pow rounds it; other cases use Math.pow. */
export function luai_numpow(a: number, b: number): number {
  if (b === 2) return a * a;
  if (!Number.isInteger(b) || !Number.isFinite(a) || a === 0 || Math.abs(b) > 4096) return Math.pow(a, b);
  const [m0, e0] = decompose(Math.abs(a));
  const n = Math.abs(b);
  if (bitlen(m0) * n > 1 << 17) return Math.pow(a, b);
  const mn = m0 ** BigInt(n);
  const sign = a < 0 && n % 2 === 1 ? -1 : 1;
  if (b > 0) return sign * scaled(mn, e0 * n, false);
  const K = bitlen(mn) + 66;
  const num = 1n << BigInt(K);
  return sign * scaled(num / mn, -K - e0 * n, num % mn !== 0n);
}
