// Lua 5.4.4 lutf8lib.c: the utf8 library (char, charpattern, codepoint, len, offset, codes). Strings are
// bytes; these functions decode and encode UTF-8 in them, strictly (code points up to U+10FFFF, no
// surrogates) or, with the `lax` flag, up to 2^31 - 1 in the original 6-byte UTF-8.
import { LuaTable } from "./ltable.ts";
import type { CFunction } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import { bigOf, type LuaValue } from "./lvalue.ts";
import { luaV_tointeger } from "./larith.ts";
import { luaO_utf8esc } from "./llex.ts";
import {
  arg, ret, lua_gettop, luaL_error, luaL_argerror, luaL_checkstring, luaL_checkinteger, checkint, optint,
} from "./lauxlib.ts";

const MAXUNICODE = 0x10ffff;
const MAXUTF = 0x7fffffff;

/** lutf8lib.c iscont: a continuation byte (10xxxxxx). Past the end is C's terminating '\0'. */
function iscont(s: string, i: number): boolean {
  return (s.charCodeAt(i) & 0xc0) === 0x80;
}

/** lutf8lib.c u_posrelat: a relative position; negative counts back from the end, clipped to 0. */
function u_posrelat(pos: number, len: number): number {
  if (pos >= 0) return pos;
  if (-pos > len) return 0;
  return len + pos + 1;
}

/** lua_toboolean. */
function toboolean(v: LuaValue): boolean {
  return v !== undefined && v !== false;
}

// #region utf8_decode
/** lutf8lib.c utf8_decode limits: the smallest code point of each sequence length (to reject overlong
 * encodings); the first entry rejects a lone byte >= 0x80. */
const limits = [Infinity, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];

/** lutf8lib.c utf8_decode: the code point at s[i] and the index after it, or null for an invalid
 * sequence. */
function utf8_decode(s: string, i: number, strict: boolean): [number, number] | null {
  let c = s.charCodeAt(i) || 0;
  let res = 0;
  let count = 0;
  if (c < 0x80) res = c;
  else {
    for (; c & 0x40; c *= 2) {
      const cc = s.charCodeAt(i + ++count) || 0;
      if ((cc & 0xc0) !== 0x80) return null;
      res = res * 64 + (cc & 0x3f);
    }
    res += (c & 0x7f) * 2 ** (count * 5);
    if (count > 5 || res > MAXUTF || res < limits[count]!) return null;
  }
  if (strict && (res > MAXUNICODE || (res >= 0xd800 && res <= 0xdfff))) return null;
  return [res, i + count + 1];
}
// #endregion utf8_decode

/** lutf8lib.c utflen: the number of characters starting in [i, j], or fail and the position of the
 * first invalid byte. */
function utflen(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const len = s.length;
  let posi = u_posrelat(optint(L, 2, 1), len);
  let posj = u_posrelat(optint(L, 3, -1), len);
  const lax = toboolean(arg(L, 4));
  if (!(1 <= posi && --posi <= len)) luaL_argerror(L, 2, "initial position out of bounds");
  if (!(--posj < len)) luaL_argerror(L, 3, "final position out of bounds");
  let n = 0;
  while (posi <= posj) {
    const d = utf8_decode(s, posi, !lax);
    if (d === null) return ret(L, undefined, posi + 1);
    posi = d[1];
    n++;
  }
  return ret(L, n);
}

/** lutf8lib.c codepoint: the code points of the characters starting in [i, j]. */
function codepoint(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const len = s.length;
  const posi = u_posrelat(optint(L, 2, 1), len);
  const pose = u_posrelat(optint(L, 3, posi), len);
  const lax = toboolean(arg(L, 4));
  if (!(posi >= 1)) luaL_argerror(L, 2, "out of bounds");
  if (!(pose <= len)) luaL_argerror(L, 3, "out of bounds");
  if (posi > pose) return 0;
  if (pose - posi >= 0x7fffffff) return luaL_error(L, "string slice too long");
  let n = 0;
  for (let i = posi - 1; i < pose;) {
    const d = utf8_decode(s, i, !lax);
    if (d === null) return luaL_error(L, "invalid UTF-8 code");
    L.stack[L.top++] = d[0];
    i = d[1];
    n++;
  }
  return n;
}

/** lutf8lib.c pushutfchar: the UTF-8 bytes of argument n (lua_pushfstring's "%U"). */
function utfchar1(L: LuaState, n: number): string {
  const code = BigInt.asUintN(64, bigOf(luaL_checkinteger(L, n)));
  if (!(code <= BigInt(MAXUTF))) luaL_argerror(L, n, "value out of range");
  return String.fromCharCode(...luaO_utf8esc(Number(code)));
}

/** lutf8lib.c utfchar: the characters of the code points, concatenated. */
function utfchar(L: LuaState): number {
  const n = lua_gettop(L);
  let out = "";
  for (let i = 1; i <= n; i++) out += utfchar1(L, i);
  return ret(L, out);
}

/** lutf8lib.c byteoffset: where the n-th character counting from position i starts (n = 0: the start
 * of the character holding byte i), or fail. */
function byteoffset(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const len = s.length;
  let n = checkint(L, 2);
  let posi = u_posrelat(optint(L, 3, n >= 0 ? 1 : len + 1), len);
  if (!(1 <= posi && --posi <= len)) luaL_argerror(L, 3, "position out of bounds");
  if (n === 0) {
    while (posi > 0 && iscont(s, posi)) posi--;
  } else {
    if (iscont(s, posi)) return luaL_error(L, "initial position is a continuation byte");
    if (n < 0) {
      while (n < 0 && posi > 0) {
        do posi--; while (posi > 0 && iscont(s, posi));
        n++;
      }
    } else {
      n--;
      while (n > 0 && posi < len) {
        do posi++; while (iscont(s, posi));
        n--;
      }
    }
  }
  return ret(L, n === 0 ? posi + 1 : undefined);
}

/** lutf8lib.c iter_aux: the step of utf8.codes, from the byte after the previous character. */
function iter_aux(L: LuaState, strict: boolean): number {
  const s = luaL_checkstring(L, 1);
  const len = s.length;
  const i = luaV_tointeger(arg(L, 2), "eq") ?? 0;
  // (lua_Unsigned) of a negative position is past any string
  let n = typeof i === "bigint" || i < 0 ? Infinity : i;
  if (n < len) while (iscont(s, n)) n++;
  if (n >= len) return 0;
  const d = utf8_decode(s, n, strict);
  if (d === null) return luaL_error(L, "invalid UTF-8 code");
  return ret(L, n + 1, d[0]);
}

const iter_auxstrict: CFunction = (L) => iter_aux(L, true);
const iter_auxlax: CFunction = (L) => iter_aux(L, false);

/** lutf8lib.c iter_codes: for p, c in utf8.codes(s) do ... end. */
function iter_codes(L: LuaState): number {
  const lax = toboolean(arg(L, 2));
  const s = luaL_checkstring(L, 1);
  return ret(L, lax ? iter_auxlax : iter_auxstrict, s, 0);
}

/** lutf8lib.c UTF8PATT: the pattern of one UTF-8 character. */
const UTF8PATT = "[\0-\x7F\xC2-\xFD][\x80-\xBF]*";

/** lutf8lib.c luaopen_utf8. */
export function luaopen_utf8(L: LuaState): LuaTable {
  const funcs: Record<string, CFunction> = {
    offset: byteoffset, codepoint, char: utfchar, len: utflen, codes: iter_codes,
  };
  const t = new LuaTable();
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  t.set("charpattern", UTF8PATT);
  void L;
  return t;
}
