// Lua 5.4.4 lstrlib.c, section PACK/UNPACK: string.pack, string.unpack and string.packsize. A format is
// read one option at a time (getoption), each with its size and the padding that aligns it (getdetails);
// integers are written byte by byte in the chosen endianness (packint) and read back with sign extension
// (unpackint). The sizes are those of the x86-64 C types lua5.4 was built with.
import { mkflt, mkint, bigOf } from "./lvalue.ts";
import type { LuaState } from "./lstate.ts";
import {
  ret, luaL_error, luaL_argerror, luaL_checkstring, luaL_checkinteger, luaL_checknumber, optint, posrelatI, MAXSTRLEN,
} from "./lauxlib.ts";

/** lstrlib.c: MAXSIZE (INT_MAX: size_t is wider than int here) and MAXINTSIZE. */
const MAXSIZE = 0x7fffffff;
const MAXINTSIZE = 16;
/** lstrlib.c: SZINT, sizeof(lua_Integer); NB, bits in a byte. */
const SZINT = 8;
const NB = 8;
/** lstrlib.c getoption: offsetof(struct cD, u), the native maximum alignment on x86-64. */
const NATIVE_MAXALIGN = 8;

/** lstrlib.c KOption. */
const enum K {
  int, uint, float, number, double, char, string, zstr, padding, paddalign, nop,
}

/** lstrlib.c Header, with the format and the position in it (C passes `const char **fmt`). */
interface Header {
  L: LuaState;
  islittle: boolean;
  maxalign: number;
  fmt: string;
  i: number;
}

function digit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** lstrlib.c getnum: a numeral in the format, or df when there is none (it stops before overflowing). */
function getnum(h: Header, df: number): number {
  if (!digit(h.fmt[h.i])) return df;
  let a = 0;
  do {
    a = a * 10 + (h.fmt.charCodeAt(h.i++) - 48);
  } while (digit(h.fmt[h.i]) && a <= Math.trunc((MAXSIZE - 9) / 10));
  return a;
}

/** lstrlib.c getnumlimit: a size in [1, MAXINTSIZE]. */
function getnumlimit(h: Header, df: number): number {
  const sz = getnum(h, df);
  if (sz > MAXINTSIZE || sz <= 0) return luaL_error(h.L, `integral size (${sz}) out of limits [1,${MAXINTSIZE}]`);
  return sz;
}

/** lstrlib.c initheader: native (little) endianness, no alignment. */
function initheader(L: LuaState, fmt: string): Header {
  return { L, islittle: true, maxalign: 1, fmt, i: 0 };
}

// #region getoption
/** lstrlib.c getoption: the next option and its size. */
function getoption(h: Header): [K, number] {
  const opt = h.fmt[h.i++]!;
  switch (opt) {
    case "b": return [K.int, 1];
    case "B": return [K.uint, 1];
    case "h": return [K.int, 2];
    case "H": return [K.uint, 2];
    case "l": return [K.int, 8];
    case "L": return [K.uint, 8];
    case "j": return [K.int, SZINT];
    case "J": return [K.uint, SZINT];
    case "T": return [K.uint, 8];
    case "f": return [K.float, 4];
    case "n": return [K.number, 8];
    case "d": return [K.double, 8];
    case "i": return [K.int, getnumlimit(h, 4)];
    case "I": return [K.uint, getnumlimit(h, 4)];
    case "s": return [K.string, getnumlimit(h, 8)];
    case "c": {
      const size = getnum(h, -1);
      if (size === -1) luaL_error(h.L, "missing size for format option 'c'");
      return [K.char, size];
    }
    case "z": return [K.zstr, 0];
    case "x": return [K.padding, 1];
    case "X": return [K.paddalign, 0];
    case " ": break;
    case "<": h.islittle = true; break;
    case ">": h.islittle = false; break;
    case "=": h.islittle = true; break;
    case "!": h.maxalign = getnumlimit(h, NATIVE_MAXALIGN); break;
    default: luaL_error(h.L, `invalid format option '${opt}'`);
  }
  return [K.nop, 0];
}

/** lstrlib.c getdetails: the next option, its size, and the padding bytes that align it at totalsize.
 * 'X' takes its alignment from the option after it, which it consumes. */
function getdetails(h: Header, totalsize: number): [K, number, number] {
  const [opt, size] = getoption(h);
  let align = size;
  if (opt === K.paddalign) {
    if (h.i >= h.fmt.length) luaL_argerror(h.L, 1, "invalid next option for option 'X'");
    else {
      const [next, nsize] = getoption(h);
      align = nsize;
      if (next === K.char || align === 0) luaL_argerror(h.L, 1, "invalid next option for option 'X'");
    }
  }
  let ntoalign = 0;
  if (align > 1 && opt !== K.char) {
    if (align > h.maxalign) align = h.maxalign;
    if ((align & (align - 1)) !== 0) luaL_argerror(h.L, 1, "format asks for alignment not power of 2");
    ntoalign = (align - (totalsize & (align - 1))) & (align - 1);
  }
  return [opt, size, ntoalign];
}
// #endregion getoption

// #region packint
/** lstrlib.c packint: n in `size` bytes; beyond 8 bytes a negative number is sign-extended. */
function packint(n: bigint, islittle: boolean, size: number, neg: boolean): string {
  const buff = new Array<number>(size);
  let u = BigInt.asUintN(64, n);
  for (let i = 0; i < size; i++) {
    buff[islittle ? i : size - 1 - i] = i >= SZINT && neg ? 0xff : Number(u & 0xffn);
    u >>= 8n;
  }
  return String.fromCharCode(...buff);
}

/** lstrlib.c unpackint: the integer in `size` bytes at str[pos]; sign-extended when shorter than a Lua
 * integer, checked to fit when longer. */
function unpackint(L: LuaState, str: string, pos: number, islittle: boolean, size: number,
  issigned: boolean): bigint {
  let res = 0n;
  const limit = size <= SZINT ? size : SZINT;
  for (let i = limit - 1; i >= 0; i--) {
    res = (res << 8n) | BigInt(str.charCodeAt(pos + (islittle ? i : size - 1 - i)));
  }
  if (size < SZINT) {
    if (issigned) res = BigInt.asIntN(size * NB, res);
  } else if (size > SZINT) {
    const mask = !issigned || BigInt.asIntN(64, res) >= 0n ? 0 : 0xff;
    for (let i = limit; i < size; i++) {
      if (str.charCodeAt(pos + (islittle ? i : size - 1 - i)) !== mask) {
        luaL_error(L, `${size}-byte integer does not fit into Lua Integer`);
      }
    }
  }
  return BigInt.asIntN(64, res);
}
// #endregion packint

const scratch = new DataView(new ArrayBuffer(8));

/** lstrlib.c copywithendian, writing: the bytes of a float (4) or double (8). */
function packfloat(x: number, size: number, islittle: boolean): string {
  if (size === 4) scratch.setFloat32(0, x, islittle);
  else scratch.setFloat64(0, x, islittle);
  let s = "";
  for (let i = 0; i < size; i++) s += String.fromCharCode(scratch.getUint8(i));
  return s;
}

/** lstrlib.c copywithendian, reading. */
function unpackfloat(str: string, pos: number, size: number, islittle: boolean): number {
  for (let i = 0; i < size; i++) scratch.setUint8(i, str.charCodeAt(pos + i));
  return size === 4 ? scratch.getFloat32(0, islittle) : scratch.getFloat64(0, islittle);
}

// #region str_pack
/** lstrlib.c str_pack. */
export function str_pack(L: LuaState): number {
  const h = initheader(L, luaL_checkstring(L, 1));
  const out: string[] = [];
  let argn = 1;
  let totalsize = 0;
  while (h.i < h.fmt.length) {
    const [opt, size, ntoalign] = getdetails(h, totalsize);
    totalsize += ntoalign + size;
    if (totalsize > MAXSTRLEN) luaL_error(L, "not enough memory");
    if (ntoalign > 0) out.push("\0".repeat(ntoalign));
    argn++;
    switch (opt) {
      case K.int: {
        const n = bigOf(luaL_checkinteger(L, argn));
        if (size < SZINT) {
          const lim = 1n << BigInt(size * NB - 1);
          if (!(-lim <= n && n < lim)) luaL_argerror(L, argn, "integer overflow");
        }
        out.push(packint(n, h.islittle, size, n < 0n));
        break;
      }
      case K.uint: {
        const n = bigOf(luaL_checkinteger(L, argn));
        if (size < SZINT && !(BigInt.asUintN(64, n) < 1n << BigInt(size * NB))) {
          luaL_argerror(L, argn, "unsigned overflow");
        }
        out.push(packint(n, h.islittle, size, false));
        break;
      }
      case K.float:
        out.push(packfloat(Math.fround(luaL_checknumber(L, argn)), 4, h.islittle));
        break;
      case K.number:
      case K.double:
        out.push(packfloat(luaL_checknumber(L, argn), 8, h.islittle));
        break;
      case K.char: {
        const s = luaL_checkstring(L, argn);
        if (!(s.length <= size)) luaL_argerror(L, argn, "string longer than given size");
        out.push(s, "\0".repeat(size - s.length));
        break;
      }
      case K.string: {
        const s = luaL_checkstring(L, argn);
        if (!(size >= 8 || s.length < 2 ** (size * NB))) {
          luaL_argerror(L, argn, "string length does not fit in given size");
        }
        out.push(packint(BigInt(s.length), h.islittle, size, false), s);
        totalsize += s.length;
        break;
      }
      case K.zstr: {
        const s = luaL_checkstring(L, argn);
        if (s.includes("\0")) luaL_argerror(L, argn, "string contains zeros");
        out.push(s, "\0");
        totalsize += s.length + 1;
        break;
      }
      case K.padding:
        out.push("\0");
        argn--;
        break;
      default:
        argn--;
    }
  }
  return ret(L, out.join(""));
}
// #endregion str_pack

/** lstrlib.c str_packsize: the size of a fixed-size format. */
export function str_packsize(L: LuaState): number {
  const h = initheader(L, luaL_checkstring(L, 1));
  let totalsize = 0;
  while (h.i < h.fmt.length) {
    const [opt, size, ntoalign] = getdetails(h, totalsize);
    if (opt === K.string || opt === K.zstr) luaL_argerror(L, 1, "variable-length format");
    const total = size + ntoalign;
    if (!(totalsize <= MAXSIZE - total)) luaL_argerror(L, 1, "format result too large");
    totalsize += total;
  }
  return ret(L, totalsize);
}

// #region str_unpack
/** lstrlib.c str_unpack: the values, then the position after the last byte read. */
export function str_unpack(L: LuaState): number {
  const h = initheader(L, luaL_checkstring(L, 1));
  const data = luaL_checkstring(L, 2);
  const ld = data.length;
  let pos = posrelatI(optint(L, 3, 1), ld) - 1;
  if (!(pos <= ld)) luaL_argerror(L, 3, "initial position out of string");
  let n = 0;
  while (h.i < h.fmt.length) {
    const [opt, size, ntoalign] = getdetails(h, pos);
    if (!(ntoalign + size <= ld - pos)) luaL_argerror(L, 2, "data string too short");
    pos += ntoalign;
    switch (opt) {
      case K.int:
      case K.uint:
        L.stack[L.top++] = mkint(unpackint(L, data, pos, h.islittle, size, opt === K.int));
        n++;
        break;
      case K.float:
      case K.number:
      case K.double:
        L.stack[L.top++] = mkflt(unpackfloat(data, pos, size, h.islittle));
        n++;
        break;
      case K.char:
        L.stack[L.top++] = data.slice(pos, pos + size);
        n++;
        break;
      case K.string: {
        const len = unpackint(L, data, pos, h.islittle, size, false);
        if (!(BigInt.asUintN(64, len) <= BigInt(ld - pos - size))) luaL_argerror(L, 2, "data string too short");
        L.stack[L.top++] = data.slice(pos + size, pos + size + Number(len));
        n++;
        pos += Number(len);
        break;
      }
      case K.zstr: {
        let len = data.indexOf("\0", pos);
        len = (len < 0 ? ld : len) - pos;
        if (!(pos + len < ld)) luaL_argerror(L, 2, "unfinished string for format 'z'");
        L.stack[L.top++] = data.slice(pos, pos + len);
        n++;
        pos += len + 1;
        break;
      }
      default:
        break;
    }
    pos += size;
  }
  L.stack[L.top++] = pos + 1;
  return n + 1;
}
// #endregion str_unpack
