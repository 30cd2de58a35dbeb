// Lua 5.4.4 lstrlib.c: the string library (len, sub, rep, byte, char, format, ...), the string
// metatable (so ("x"):rep(3) works) and the arithmetic metamethods that convert numeric strings.
import { LuaTable } from "./ltable.ts";
import { LFloat, decimalDigits, fmtG, nanSign, bigOf, isNumber, type LuaValue } from "./lvalue.ts";
import type { CFunction } from "./lfunc.ts";
import { LUA_TSTRING } from "./lvalue.ts";
import type { LuaState } from "./lstate.ts";
import { luaO_rawarith, LUA_OPADD, LUA_OPSUB, LUA_OPMUL, LUA_OPMOD, LUA_OPPOW, LUA_OPDIV,
  LUA_OPIDIV, LUA_OPUNM } from "./larith.ts";
import { getmetatable, ttypename } from "./ltm.ts";
import {
  arg, ret, lua_gettop, lua_settop, luaL_error, luaL_argerror, luaL_checkstring, luaL_checkinteger, optint,
  checkint, luaL_optstring, luaL_tolstring, luaL_checknumber, callvalue, lua_topointer, isfunction, luaL_typeerror,
  posrelatI, MAXSTRLEN,
} from "./lauxlib.ts";
import { LClosure } from "./lfunc.ts";
import { luaU_dump } from "./ldump.ts";
import { binaryString } from "./lobject.ts";
import { str_find, str_match, gmatch, str_gsub } from "./lstrpattern.ts";
import { luaO_str2num } from "./lvalue.ts";
import { str_pack, str_packsize, str_unpack } from "./lstrpack.ts";

/** lstrlib.c getendpos: a relative end position, clipped to [0, len]. */
function getendpos(L: LuaState, n: number, def: number, len: number): number {
  const pos = optint(L, n, def);
  if (pos > len) return len;
  if (pos >= 0) return pos;
  if (pos < -len) return 0;
  return len + pos + 1;
}

function str_len(L: LuaState): number {
  return ret(L, luaL_checkstring(L, 1).length);
}

function str_sub(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const start = posrelatI(checkint(L, 2), s.length);
  const end = getendpos(L, 3, -1, s.length);
  return ret(L, start <= end ? s.slice(start - 1, end) : "");
}

function str_reverse(L: LuaState): number {
  return ret(L, luaL_checkstring(L, 1).split("").reverse().join(""));
}

function str_lower(L: LuaState): number {
  return ret(L, luaL_checkstring(L, 1).replace(/[A-Z]+/g, (m) => m.toLowerCase()));
}

function str_upper(L: LuaState): number {
  return ret(L, luaL_checkstring(L, 1).replace(/[a-z]+/g, (m) => m.toUpperCase()));
}

const MAXSIZE = 0x7fffffff;

function str_rep(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const n = checkint(L, 2);
  const sep = luaL_optstring(L, 3, "");
  if (n <= 0) return ret(L, "");
  if (s.length + sep.length > MAXSIZE / n) return luaL_error(L, "resulting string too large");
  if ((s.length + sep.length) * n > MAXSTRLEN) return luaL_error(L, "not enough memory");
  if (sep === "") return ret(L, s.repeat(n));
  return ret(L, (s + sep).repeat(n - 1) + s);
}

function str_byte(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const pi = optint(L, 2, 1);
  const posi = posrelatI(pi, s.length);
  const pose = getendpos(L, 3, pi, s.length);
  if (posi > pose) return 0;
  if (pose - posi >= 1000000) return luaL_error(L, "string slice too long");
  for (let i = posi; i <= pose; i++) L.stack[L.top++] = s.charCodeAt(i - 1);
  return pose - posi + 1;
}

function str_char(L: LuaState): number {
  const n = lua_gettop(L);
  let out = "";
  for (let i = 1; i <= n; i++) {
    const c = luaL_checkinteger(L, i);
    if (!(c >= 0 && c <= 255)) luaL_argerror(L, i, "value out of range");
    out += String.fromCharCode(Number(c));
  }
  return ret(L, out);
}

/** lstrlib.c str_dump: the binary chunk of a Lua function (ldump.c, as luac writes it). */
function str_dump(L: LuaState): number {
  const f = arg(L, 1);
  const strip = arg(L, 2) !== undefined && arg(L, 2) !== false;
  if (!isfunction(f)) return luaL_typeerror(L, 1, "function");
  if (!(f instanceof LClosure)) return luaL_error(L, "unable to dump given function");
  return ret(L, binaryString(luaU_dump(f.p.f, strip)));
}

// #region format
/** C's printf for one integer conversion (d i u o x X c) with flags, width and precision. */
function fmtint(flags: string, width: number, prec: number, conv: string, v: bigint): string {
  let digits: string;
  let sign = "";
  if (conv === "d" || conv === "i") {
    if (v < 0n) {
      sign = "-";
      v = -v;
    } else if (flags.includes("+")) sign = "+";
    else if (flags.includes(" ")) sign = " ";
    digits = v.toString();
  } else {
    const u = BigInt.asUintN(64, v);
    digits = conv === "o" ? u.toString(8) : conv === "u" ? u.toString() : u.toString(16);
    if (conv === "X") digits = digits.toUpperCase();
  }
  if (prec >= 0) {
    if (prec === 0 && v === 0n) digits = "";
    digits = digits.padStart(prec, "0");
  }
  let prefix = sign;
  if (flags.includes("#")) {
    if (conv === "o" && !digits.startsWith("0")) digits = "0" + digits;
    if ((conv === "x" || conv === "X") && v !== 0n) prefix += conv === "x" ? "0x" : "0X";
  }
  return pad(flags, width, prefix, digits, prec < 0);
}

function pad(flags: string, width: number, prefix: string, body: string, zeroOk: boolean): string {
  const len = prefix.length + body.length;
  if (len >= width) return prefix + body;
  if (flags.includes("-")) return prefix + body + " ".repeat(width - len);
  if (flags.includes("0") && zeroOk) return prefix + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + prefix + body;
}

/** C's "%e" body for |x| with prec digits. */
function fmt_e(x: number, prec: number, alt: boolean, upper: boolean): string {
  let s: string;
  if (x === 0) s = (prec > 0 || alt ? "0." + "0".repeat(prec) : "0") + "e+00";
  else {
    const { digits, exp } = decimalDigits(x, prec + 1);
    const e = Math.abs(exp);
    s = digits[0]! + (prec > 0 || alt ? "." + digits.slice(1) : "") + "e" + (exp < 0 ? "-" : "+") +
      (e < 10 ? "0" : "") + e;
  }
  return upper ? s.toUpperCase() : s;
}

/** C's "%f" body for |x|. */
function fmt_f(x: number, prec: number, alt: boolean): string {
  let s: string;
  if (x < 1e21) {
    s = x.toFixed(Math.min(prec, 100));
    // toFixed rounds exact ties away from zero; C rounds them to even
    const more = x.toFixed(Math.min(prec + 30, 100));
    const cut = prec === 0 ? more.indexOf(".") : s.length;
    const tail = more.slice(prec === 0 ? cut + 1 : cut);
    if (/^50*$/.test(tail)) {
      const trunc = more.slice(0, cut);
      const last = trunc.charCodeAt(trunc.length - 1);
      if (last !== 46 && (last - 48) % 2 === 0) s = trunc;
    }
  } else s = BigInt(x).toString() + (prec > 0 ? "." + "0".repeat(prec) : "");
  if (alt && prec === 0) s += ".";
  return s;
}

/** C's "%a": hexadecimal float. */
function fmt_a(x: number, prec: number, upper: boolean, alt = false): string {
  let s: string;
  if (x === 0) s = "0x0" + (prec > 0 || alt ? "." + "0".repeat(Math.max(prec, 0)) : "") + "p+0";
  else {
    const buf = new DataView(new ArrayBuffer(8));
    buf.setFloat64(0, x);
    const bits = buf.getBigUint64(0);
    let e = Number((bits >> 52n) & 0x7ffn);
    let mant = bits & 0xfffffffffffffn;
    let lead = 1n;
    if (e === 0) {
      lead = 0n;
      e = -1022;
    } else e -= 1023;
    let hex = mant.toString(16).padStart(13, "0");
    if (prec >= 0 && prec < 13) {
      const shift = BigInt((13 - prec) * 4);
      const full = (lead << 52n) | mant;
      let r = full >> shift;
      const rem = full & ((1n << shift) - 1n);
      const half = 1n << (shift - 1n);
      if (rem > half || (rem === half && (r & 1n) === 1n)) r += 1n;
      lead = r >> BigInt(prec * 4);
      mant = r & ((1n << BigInt(prec * 4)) - 1n);
      hex = prec === 0 ? "" : mant.toString(16).padStart(prec, "0");
    } else {
      hex = hex.replace(/0+$/, "");
      if (prec > 13) hex = hex.padEnd(prec, "0");
    }
    s = "0x" + lead.toString(16) + (hex || alt ? "." + hex : "") + "p" + (e < 0 ? "-" : "+") + Math.abs(e);
  }
  return upper ? s.toUpperCase() : s;
}

/** C's printf for one float conversion (e E f F g G a A). */
function fmtfloat(flags: string, width: number, prec: number, conv: string, x: number): string {
  const alt = flags.includes("#");
  const upper = conv === conv.toUpperCase();
  let sign = x < 0 || (x === 0 && 1 / x < 0) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  const ax = Math.abs(x);
  let body: string;
  if (!Number.isFinite(x)) {
    body = Number.isNaN(x) ? "nan" : "inf";
    if (Number.isNaN(x)) sign = nanSign(x) ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
    if (upper) body = body.toUpperCase();
    return pad(flags, width, sign, body, false);
  }
  switch (conv.toLowerCase()) {
    case "e":
      body = fmt_e(ax, prec < 0 ? 6 : prec, alt, upper);
      break;
    case "f":
      body = fmt_f(ax, prec < 0 ? 6 : prec, alt);
      break;
    case "g":
      body = fmtG(ax, prec < 0 ? 6 : prec, alt);
      if (upper) body = body.toUpperCase();
      break;
    default:
      body = fmt_a(ax, prec, upper, alt);
      return pad(flags, width, sign + body.slice(0, 2), body.slice(2), true); // zeros go after "0x"
  }
  return pad(flags, width, sign, body, true);
}

/** lstrlib.c addquoted / addliteral: %q. */
function addliteral(L: LuaState, n: number): string {
  const v = arg(L, n);
  if (typeof v === "string") {
    let out = '"';
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 34 || c === 92 || c === 10) out += "\\" + v[i];
      else if (c < 32 || c === 127) {
        const next = v.charCodeAt(i + 1);
        out += next >= 48 && next <= 57 ? "\\" + String(c).padStart(3, "0") : "\\" + c;
      } else out += v[i];
    }
    return out + '"';
  }
  if (isNumber(v)) {
    if (typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v))) {
      return v === -0x8000000000000000n ? "0x8000000000000000" : String(v);
    }
    const x = v instanceof LFloat ? v.n : v;
    if (x === Infinity) return "1e9999";
    if (x === -Infinity) return "-1e9999";
    if (x !== x) return "(0/0)";
    return (x < 0 || Object.is(x, -0) ? "-" : "") + fmt_a(Math.abs(x), -1, false);
  }
  if (v === undefined || typeof v === "boolean") return luaL_tolstring(L, v);
  return luaL_argerror(L, n, "value has no literal form");
}

/** llimits.h LUAI_MAXSHORTLEN: strings up to this length are interned, so equal ones share an address. */
const LUAI_MAXSHORTLEN = 40;
let longStrings = 0;

/** lua_topointer of a string: a short string's address follows from its bytes (FNV-1a), as one interned
 * copy exists in C; each long string is a separate object in C, and a JavaScript string has no identity
 * to tell two equal ones apart, so every long string gets a fresh address. */
function strpointer(s: string): string {
  if (s.length > LUAI_MAXSHORTLEN) return "0x5700" + (longStrings++ * 0x40).toString(16).padStart(8, "0");
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return "0x5600" + (h >>> 0).toString(16).padStart(8, "0");
}

const FMTFLAGS: Record<string, string> = { d: "-+0 ", i: "-+0 ", u: "-0", o: "-#0", x: "-#0", X: "-#0",
  a: "-+#0 ", A: "-+#0 ", e: "-+#0 ", E: "-+#0 ", f: "-+#0 ", g: "-+#0 ", G: "-+#0 ", c: "-",
  p: "-", s: "-" };

/** lstrlib.c str_format. */
function str_format(L: LuaState): number {
  const top = lua_gettop(L);
  let argn = 1;
  const fmt = luaL_checkstring(L, 1);
  let out = "";
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i++]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    if (fmt[i] === "%") {
      out += "%";
      i++;
      continue;
    }
    if (++argn > top) return luaL_argerror(L, argn, "no value");
    // getformat: flags, digits and '.' (at most MAX_FORMAT - 10 chars), then the conversion
    let j = i;
    while (j < fmt.length && "-+#0 123456789.".includes(fmt[j]!)) j++;
    const len = j - i + 1;
    if (len >= 22) return luaL_error(L, "invalid format (too long)");
    const spec = fmt.slice(i, j);
    const conv = fmt[j] ?? "";
    const form = "%" + spec + conv;
    i = j + 1;
    // checkformat
    const check = (flagset: string, precision: boolean): [string, number, number] => {
      const m = /^([-+#0 ]*)/.exec(spec)!;
      let flags = "";
      for (const ch of m[1]!) if (flagset.includes(ch)) flags += ch; else break;
      let rest = spec.slice(flags.length);
      let width = -1;
      let prec = -1;
      if (!rest.startsWith("0")) {
        const w = /^[0-9]{0,2}/.exec(rest)![0];
        if (w) width = parseInt(w, 10);
        rest = rest.slice(w.length);
        if (rest.startsWith(".") && precision) {
          const pm = /^[0-9]{0,2}/.exec(rest.slice(1))![0];
          prec = pm ? parseInt(pm, 10) : 0;
          rest = rest.slice(1 + pm.length);
        }
      }
      if (rest !== "") luaL_error(L, `invalid conversion specification: '${form}'`);
      return [flags, width, prec];
    };
    switch (conv) {
      case "c": {
        const [flags, width] = check(FMTFLAGS.c!, false);
        const n = luaL_checkinteger(L, argn);
        out += pad(flags, width, "", String.fromCharCode(Number(BigInt.asUintN(8, bigOf(n)))), false);
        break;
      }
      case "d": case "i": case "u": case "o": case "x": case "X": {
        const n = luaL_checkinteger(L, argn);
        const [flags, width, prec] = check(FMTFLAGS[conv]!, true);
        out += fmtint(flags, width, prec, conv, bigOf(n));
        break;
      }
      case "a": case "A": {
        const [flags, width, prec] = check(FMTFLAGS[conv]!, true);
        out += fmtfloat(flags, width, prec, conv, luaL_checknumber(L, argn));
        break;
      }
      case "e": case "E": case "f": case "g": case "G": {
        const x = luaL_checknumber(L, argn);
        const [flags, width, prec] = check(FMTFLAGS[conv]!, true);
        out += fmtfloat(flags, width, prec, conv, x);
        break;
      }
      case "p": {
        const [flags, width] = check(FMTFLAGS.p!, false);
        const v = arg(L, argn);
        const p = v !== null && typeof v === "object" || typeof v === "function" ? lua_topointer(v as object)
          : typeof v === "string" ? strpointer(v) : "(null)";
        out += pad(flags, width, "", p, false);
        break;
      }
      case "q":
        if (spec !== "") return luaL_error(L, "specifier '%q' cannot have modifiers");
        out += addliteral(L, argn);
        break;
      case "s": {
        const s = luaL_tolstring(L, arg(L, argn));
        if (spec === "") out += s;
        else {
          if (s.includes("\0")) luaL_argerror(L, argn, "string contains zeros");
          const [flags, width, prec] = check(FMTFLAGS.s!, true);
          if (!spec.includes(".") && s.length >= 100) out += s;
          else out += pad(flags, width, "", prec >= 0 ? s.slice(0, prec) : s, false);
        }
        break;
      }
      default:
        return luaL_error(L, `invalid conversion '${form}' to 'format'`);
    }
  }
  return ret(L, out);
}
// #endregion format

// #region stringmetamethods
/** lstrlib.c tonum: a number, or a numeric string converted. */
function tonum(v: LuaValue): LuaValue {
  if (isNumber(v)) return v;
  if (typeof v === "string") return luaO_str2num(v);
  return undefined;
}

/** lstrlib.c arith / trymt: the string metamethods for arithmetic ("10" + 1 is 11). */
function arith(op: number, mtname: string): CFunction {
  return (L: LuaState): number => {
    const a = tonum(arg(L, 1));
    const b = tonum(arg(L, 2));
    if (a !== undefined && b !== undefined) {
      const r = luaO_rawarith(L, op, a, b);
      if (r !== undefined) return ret(L, r);
    }
    lua_settop(L, 2);
    const p2 = arg(L, 2);
    const tm = typeof p2 === "string" ? undefined : getmetatable(L, p2)?.getStr(mtname);
    if (tm === undefined) {
      return luaL_error(L, `attempt to ${mtname.slice(2)} a '${ttypename(arg(L, 1))}' with a '${ttypename(p2)}'`);
    }
    return ret(L, ...callvalue(L, tm, [arg(L, 1), p2], 1));
  };
}
// #endregion stringmetamethods

/** lstrlib.c strlib. */
const strlib: Record<string, CFunction> = {
  byte: str_byte,
  char: str_char,
  dump: str_dump,
  find: str_find,
  format: str_format,
  gmatch: gmatch,
  gsub: str_gsub,
  len: str_len,
  lower: str_lower,
  match: str_match,
  pack: str_pack,
  packsize: str_packsize,
  rep: str_rep,
  reverse: str_reverse,
  sub: str_sub,
  unpack: str_unpack,
  upper: str_upper,
};

/** lstrlib.c luaopen_string: the library table and the string metatable. */
export function luaopen_string(L: LuaState): LuaTable {
  const lib = new LuaTable();
  for (const [k, f] of Object.entries(strlib)) lib.set(k, f);
  const mt = new LuaTable();
  const mms: [string, number][] = [["__add", LUA_OPADD], ["__sub", LUA_OPSUB], ["__mul", LUA_OPMUL],
    ["__mod", LUA_OPMOD], ["__pow", LUA_OPPOW], ["__div", LUA_OPDIV], ["__idiv", LUA_OPIDIV], ["__unm", LUA_OPUNM]];
  for (const [name, op] of mms) mt.set(name, arith(op, name));
  mt.set("__index", lib);
  L.g.mt[LUA_TSTRING] = mt;
  return lib;
}
