// Lua 5.4.4 llex.c / llex.h: the lexical analyzer. The source is bytes; names and strings are "binary
// strings" (one JS char per byte).
import {
  lisdigit,
  lislalnum,
  lislalpha,
  lisprint,
  lisspace,
  lisxdigit,
  luaO_hexavalue,
  luaO_str2num,
} from "./lnumber.ts";
import type { KValue } from "./lobject.ts";
import type { Dyndata, FuncState } from "./lparser.ts";

/** A string constant. */
type KString = Extract<KValue, { type: "string" }>;

/** A Lua error raised while loading a chunk (LUA_ERRSYNTAX): the message is Lua's, with its position. */
export class LuaSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LuaSyntaxError";
  }
}

export const FIRST_RESERVED = 256;
export const LUA_ENV = "_ENV";
// ORDER RESERVED
export const TK_AND = 256;
export const TK_BREAK = 257;
export const TK_DO = 258;
export const TK_ELSE = 259;
export const TK_ELSEIF = 260;
export const TK_END = 261;
export const TK_FALSE = 262;
export const TK_FOR = 263;
export const TK_FUNCTION = 264;
export const TK_GOTO = 265;
export const TK_IF = 266;
export const TK_IN = 267;
export const TK_LOCAL = 268;
export const TK_NIL = 269;
export const TK_NOT = 270;
export const TK_OR = 271;
export const TK_REPEAT = 272;
export const TK_RETURN = 273;
export const TK_THEN = 274;
export const TK_TRUE = 275;
export const TK_UNTIL = 276;
export const TK_WHILE = 277;
export const TK_IDIV = 278;
export const TK_CONCAT = 279;
export const TK_DOTS = 280;
export const TK_EQ = 281;
export const TK_GE = 282;
export const TK_LE = 283;
export const TK_NE = 284;
export const TK_SHL = 285;
export const TK_SHR = 286;
export const TK_DBCOLON = 287;
export const TK_EOS = 288;
export const TK_FLT = 289;
export const TK_INT = 290;
export const TK_NAME = 291;
export const TK_STRING = 292;

const luaX_tokens = [
  "and", "break", "do", "else", "elseif",
  "end", "false", "for", "function", "goto", "if",
  "in", "local", "nil", "not", "or", "repeat",
  "return", "then", "true", "until", "while",
  "//", "..", "...", "==", ">=", "<=", "~=",
  "<<", ">>", "::", "<eof>",
  "<number>", "<integer>", "<name>", "<string>",
];
const NUM_RESERVED = TK_WHILE - FIRST_RESERVED + 1;

const EOZ = -1;
/** llimits.h: LUAI_MAXSHORTLEN, the longest string kept in the string table. */
const LUAI_MAXSHORTLEN = 40;
/** llimits.h: MAX_INT, the line counter's limit. */
const MAX_INT = 2147483647;

/** The binary string (one char per byte) of b[from..to). */
function latin1(b: Uint8Array, from: number, to: number): string {
  let s = "";
  if (to - from <= 64) {
    for (let i = from; i < to; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  for (let i = from; i < to; i += 8192) {
    const part = b.subarray(i, Math.min(to, i + 8192)) as unknown as number[]; // apply takes any array-like
    s += String.fromCharCode.apply(null, part);
  }
  return s;
}

/** lstring.c: the string table (luaS_newlstr for short strings): one string per distinct name, found by
 * the hash of its bytes without making a string first; short string literals are in it too. Reserved
 * words are in it from the start (luaX_init), each with its token; every other string has TK_NAME. */
class StringTable {
  private size = 1024;
  private strs: string[] = new Array<string>(this.size).fill("");
  private hashes = new Int32Array(this.size);
  private tokens = new Int32Array(this.size);
  private nuse = 0;

  constructor() {
    for (let i = 0; i < NUM_RESERVED; i++) {
      const s = luaX_tokens[i]!;
      const b = new Uint8Array(s.length);
      for (let j = 0; j < s.length; j++) b[j] = s.charCodeAt(j);
      this.intern(b, 0, b.length, i + FIRST_RESERVED);
    }
  }

  /** The slot of z[start..end) (its own or the empty one where it goes), given its hash. */
  private find(z: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.size - 1;
    const len = end - start;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const t = this.tokens[i]!;
      if (t === 0) return i;
      if (this.hashes[i] === h) {
        const s = this.strs[i]!;
        if (s.length === len) {
          let j = 0;
          while (j < len && s.charCodeAt(j) === z[start + j]) j++;
          if (j === len) return i;
        }
      }
    }
  }

  /** The name z[start..end) and its token: ls.t.ts gets the one string for these bytes. */
  intern(z: Uint8Array, start: number, end: number, token: number, seminfo?: Token): number {
    let h = end - start;
    for (let j = start; j < end; j++) h = (Math.imul(h, 31) + z[j]!) | 0;
    let i = this.find(z, start, end, h);
    if (this.tokens[i] === 0) {
      const s = latin1(z, start, end);
      if (2 * ++this.nuse > this.size) {
        this.grow();
        i = this.find(z, start, end, h);
      }
      this.strs[i] = s;
      this.hashes[i] = h;
      this.tokens[i] = token;
    }
    if (seminfo) seminfo.ts = this.strs[i]!;
    return this.tokens[i]!;
  }

  private grow(): void {
    const { strs, hashes, tokens } = this;
    this.size *= 2;
    this.strs = new Array<string>(this.size).fill("");
    this.hashes = new Int32Array(this.size);
    this.tokens = new Int32Array(this.size);
    const mask = this.size - 1;
    for (let k = 0; k < strs.length; k++) {
      if (tokens[k] === 0) continue;
      let i = hashes[k]! & mask;
      while (this.tokens[i] !== 0) i = (i + 1) & mask;
      this.strs[i] = strs[k]!;
      this.hashes[i] = hashes[k]!;
      this.tokens[i] = tokens[k]!;
    }
  }
}

/** A key of addk's table (lcode.c's ls->h): a string, an integer, a float without an integer value,
 * a boolean, or null standing for nil. */
export type KKey = string | number | bigint | boolean | null;

const SAFE = 2n ** 53n;

/** ltable.c: the table of addk, one Map per kind of key (a JS Map hashes a string or a number much
 * faster than a bigint): integers within 2^53 share the number Map, where no float key can equal them. */
export class KTable {
  private strs = new Map<string, number>();
  private nums = new Map<number, number>();
  private ints = new Map<bigint, number>();
  /** false, true, nil */
  private others = [-1, -1, -1];

  get(key: KKey): number | undefined {
    switch (typeof key) {
      case "string":
        return this.strs.get(key);
      case "number":
        return this.nums.get(key);
      case "bigint":
        return -SAFE < key && key < SAFE ? this.nums.get(Number(key)) : this.ints.get(key);
      default: {
        const i = this.others[key === null ? 2 : key ? 1 : 0]!;
        return i < 0 ? undefined : i;
      }
    }
  }

  set(key: KKey, v: number): void {
    switch (typeof key) {
      case "string":
        this.strs.set(key, v);
        break;
      case "number":
        this.nums.set(key, v);
        break;
      case "bigint":
        if (-SAFE < key && key < SAFE) this.nums.set(Number(key), v);
        else this.ints.set(key, v);
        break;
      default:
        this.others[key === null ? 2 : key ? 1 : 0] = v;
    }
  }
}

/** llex.h: Token with its SemInfo (r for floats, i for integers, ts for names and strings). */
export interface Token {
  token: number;
  r: number;
  i: bigint;
  ts: string;
}

function newToken(): Token {
  return { token: 0, r: 0, i: 0n, ts: "" };
}

/** lobject.c: luaO_chunkid, the chunk name as messages show it. */
export function luaO_chunkid(source: string): string {
  const LUA_IDSIZE = 60;
  if (source.startsWith("=")) return source.slice(1, LUA_IDSIZE);
  if (source.startsWith("@")) {
    if (source.length <= LUA_IDSIZE) return source.slice(1);
    return "..." + source.slice(source.length - (LUA_IDSIZE - 4));
  }
  const nl = source.indexOf("\n");
  const bufflen = LUA_IDSIZE - 15;
  if (source.length < bufflen && nl < 0) return `[string "${source}"]`;
  let len = nl >= 0 ? nl : source.length;
  if (len > bufflen) len = bufflen;
  return `[string "${source.slice(0, len)}..."]`;
}

/** llex.h: LexState, the lexer plus the parser state shared by all functions. */
export class LexState {
  current = 0;
  linenumber = 1;
  lastline = 1;
  t: Token = newToken();
  lookahead: Token = newToken();
  /** The source bytes and the read position (lzio.h's ZIO). */
  z: Uint8Array;
  zp = 0;
  buff: Uint8Array = new Uint8Array(64);
  bufflen = 0;
  /** For a name the buffer is not filled: its bytes stay in z from here (-1 when the buffer holds them). */
  buffz = -1;
  strt = new StringTable();
  source: string;
  /** The source name as bytes, shared by every Proto of the chunk (one interned TString in C). */
  sourceBytes: Uint8Array;
  envn = LUA_ENV;
  /** The parser's state (lparser.c): current function, dynamic data, the constant cache of addk. */
  fs: FuncState | null = null;
  dyd: Dyndata = { actvar: [], nactvar: 0, gt: [], label: [] };
  /** addk's cache, keyed as the Lua table of lcode.c is: strings, integers (bigint; floats with an
   * integer value too), other floats, booleans, and null standing for nil. */
  h = new KTable();
  /** Instruction and line vectors of closed functions, for the next function opened to grow in (C
   * reallocates each function's own; close_func keeps a copy of the final size). */
  freecode: Uint32Array[] = [];
  freelineinfo: Int8Array[] = [];
  /** Names and string constants, each once as a string constant (C interns short strings): a KValue is
   * never changed, so all the functions of the chunk share it, and its bytes name variables too. */
  strings = new Map<string, KString>();

  kstring(s: string): KString {
    let k = this.strings.get(s);
    if (k === undefined) {
      const v = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) v[i] = s.charCodeAt(i);
      k = { type: "string", v };
      this.strings.set(s, k);
    }
    return k;
  }

  bytes(s: string): Uint8Array {
    return this.kstring(s).v;
  }
  /** luaE_incCstack's counter (L->nCcalls): luac enters the parser one C call deep. */
  nCcalls = 1;

  constructor(z: Uint8Array, source: string, firstchar: number) {
    // a plain view: Node's Buffer makes indexing and subarray slower
    this.z = new Uint8Array(z.buffer, z.byteOffset, z.byteLength);
    this.source = source;
    this.sourceBytes = new Uint8Array(source.length);
    for (let i = 0; i < source.length; i++) this.sourceBytes[i] = source.charCodeAt(i);
    this.current = firstchar;
    this.lookahead.token = TK_EOS;
  }

  next(): void {
    this.current = this.zp < this.z.length ? this.z[this.zp++]! : EOZ;
  }

  save(c: number): void {
    if (this.bufflen >= this.buff.length) {
      const nb = new Uint8Array(this.buff.length * 2);
      nb.set(this.buff);
      this.buff = nb;
    }
    this.buff[this.bufflen++] = c;
  }

  save_and_next(): void {
    this.save(this.current);
    this.next();
  }

  bufferString(from = 0, to = this.bufflen): string {
    return this.buffz < 0 ? latin1(this.buff, from, to) : latin1(this.z, this.buffz + from, this.buffz + to);
  }

  currIsNewline(): boolean {
    return this.current === 10 || this.current === 13;
  }
}

/** llex.c: luaX_token2str. */
export function luaX_token2str(token: number): string {
  if (token < FIRST_RESERVED) {
    if (lisprint(token)) return `'${String.fromCharCode(token)}'`;
    return `'<\\${token}>'`;
  }
  const s = luaX_tokens[token - FIRST_RESERVED]!;
  if (token < TK_EOS) return `'${s}'`;
  return s;
}

function txtToken(ls: LexState, token: number): string {
  switch (token) {
    case TK_NAME:
    case TK_STRING:
    case TK_FLT:
    case TK_INT:
      return `'${ls.bufferString()}'`;
    default:
      return luaX_token2str(token);
  }
}

/** ldebug.c: luaG_addinfo, the "chunk:line:" prefix. */
export function luaG_addinfo(msg: string, source: string, line: number): string {
  return `${luaO_chunkid(source)}:${line}: ${msg}`;
}

function lexerror(ls: LexState, msg: string, token: number): never {
  msg = luaG_addinfo(msg, ls.source, ls.linenumber);
  if (token) msg = `${msg} near ${txtToken(ls, token)}`;
  throw new LuaSyntaxError(msg);
}

/** llex.c: luaX_syntaxerror. */
export function luaX_syntaxerror(ls: LexState, msg: string): never {
  lexerror(ls, msg, ls.t.token);
}

/** An error without "near" (luaK_semerror sets the token to 0 first). */
export function luaX_error(ls: LexState, msg: string): never {
  lexerror(ls, msg, 0);
}

function inclinenumber(ls: LexState): void {
  const old = ls.current;
  ls.next();
  if (ls.currIsNewline() && ls.current !== old) ls.next();
  if (++ls.linenumber >= MAX_INT) lexerror(ls, "chunk has too many lines", 0);
}

function check_next1(ls: LexState, c: number): boolean {
  if (ls.current === c) {
    ls.next();
    return true;
  }
  return false;
}

/** llex.c: check_next2, with the two characters of the set as codes. */
function check_next2(ls: LexState, c1: number, c2: number): boolean {
  if (ls.current === c1 || ls.current === c2) {
    ls.save_and_next();
    return true;
  }
  return false;
}

/** Small integers as bigints, made once: most numerals in programs are small. */
const smallInts: bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

function read_numeral(ls: LexState, seminfo: Token): number {
  let expo = 101; // 'e', or 'p' after "0x"
  const first = ls.current;
  ls.save_and_next();
  if (first === 48 && check_next2(ls, 120, 88)) expo = 112;
  for (;;) {
    if (check_next2(ls, expo, expo - 32)) check_next2(ls, 45, 43);
    else if (lisxdigit(ls.current) || ls.current === 46) ls.save_and_next();
    else break;
  }
  if (lislalpha(ls.current)) ls.save_and_next();
  const v = numeral(ls.buff, ls.bufflen);
  const n = v !== undefined ? v : luaO_str2num(ls.bufferString());
  if (n === null) lexerror(ls, "malformed number", TK_FLT);
  if (typeof n === "bigint") {
    seminfo.i = n;
    return TK_INT;
  }
  seminfo.r = n;
  return TK_FLT;
}

const MAXINTEGER = (1n << 63n) - 1n;

/** The integer of the digits b[from..to) in base 10 or 16 (at most 19 or 16 of them), read as two
 * numbers that are exact (all but the last 9 decimal or 8 hexadecimal digits, then those) and joined. */
function twoparts(b: Uint8Array, from: number, to: number, base: 10 | 16): bigint {
  const mid = to - (base === 10 ? 9 : 8);
  let hi = 0;
  let lo = 0;
  for (let j = from; j < mid; j++) hi = hi * base + luaO_hexavalue(b[j]!);
  for (let j = mid; j < to; j++) lo = lo * base + luaO_hexavalue(b[j]!);
  return BigInt(hi) * (base === 10 ? 1000000000n : 4294967296n) + BigInt(lo);
}

/** luaO_str2num for the common numerals, read from their bytes: decimal and hexadecimal integers and
 * decimal floats. undefined for the rest (hexadecimal floats, malformed numerals), which take the
 * general path. */
function numeral(b: Uint8Array, n: number): bigint | number | undefined {
  let i = 0;
  let v = 0;
  if (n > 2 && b[0] === 48 && (b[1]! | 0x20) === 120) {
    for (i = 2; i < n && lisxdigit(b[i]!); i++) v = v * 16 + luaO_hexavalue(b[i]!);
    if (i === n) {
      if (n - 2 <= 13) return v < 1024 ? smallInts[v]! : BigInt(v); // 52 bits at most: exact
      if (n - 2 <= 16) return BigInt.asIntN(64, twoparts(b, 2, n, 16)); // l_str2int: hex wraps around
      return BigInt.asIntN(64, BigInt("0x" + latin1(b, 2, n)));
    }
    // a hexadecimal float: digits, '.' and more digits, 'p' and a binary exponent
    let scale = 0;
    if (b[i] === 46) for (i++; i < n && lisxdigit(b[i]!); i++, scale -= 4) v = v * 16 + luaO_hexavalue(b[i]!);
    if (i === 2 || (i === 3 && b[2] === 46) || i === n || (b[i]! | 0x20) !== 112) return undefined;
    const neg = b[++i] === 45;
    if (b[i] === 43 || b[i] === 45) i++;
    const e = i;
    let x = 0;
    for (; i < n && lisdigit(b[i]!); i++) if (x < 1e6) x = x * 10 + (b[i]! - 48);
    if (i === e || i !== n) return undefined;
    scale += neg ? -x : x;
    // exact digits times a power of two that keeps the result a normal double: no rounding at all
    if (v < 2 ** 53 && scale >= -1000 && scale <= 900) return v * 2 ** scale;
    return undefined;
  }
  for (; i < n && lisdigit(b[i]!); i++) v = v * 10 + (b[i]! - 48);
  if (i === n) {
    if (n <= 15) return v < 1024 ? smallInts[v]! : BigInt(v);
    if (n <= 19) {
      const big = twoparts(b, 0, n, 10);
      return big <= MAXINTEGER ? big : Number(big); // l_str2int: a decimal that overflows is a float
    }
    const s = latin1(b, 0, n);
    const big = BigInt(s);
    return big <= MAXINTEGER ? big : Number(s); // l_str2int: a decimal that overflows is a float
  }
  let digits = i;
  let scale = 0; // the power of ten the digits are scaled by
  if (b[i] === 46) {
    for (i++; i < n && lisdigit(b[i]!); i++) {
      v = v * 10 + (b[i]! - 48);
      digits++;
      scale--;
    }
  }
  if (digits === 0) return undefined;
  if (i < n && (b[i]! | 0x20) === 101) {
    i++;
    const neg = b[i] === 45;
    if (b[i] === 43 || b[i] === 45) i++;
    const e = i;
    let x = 0;
    for (; i < n && lisdigit(b[i]!); i++) if (x < 1e6) x = x * 10 + (b[i]! - 48);
    if (i === e) return undefined;
    scale += neg ? -x : x;
  }
  if (i !== n) return undefined;
  // Clinger's fast path: digits and power of ten both exact, so one multiplication or division rounds once
  if (v < 2 ** 53 && scale >= -22 && scale <= 22) return scale < 0 ? v / POW10[-scale]! : v * POW10[scale]!;
  return Number(latin1(b, 0, n));
}

/** 1e0 .. 1e22, the powers of ten a double holds exactly. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

function skip_sep(ls: LexState): number {
  let count = 0;
  const s = ls.current;
  ls.save_and_next();
  while (ls.current === 61) {
    ls.save_and_next();
    count++;
  }
  return ls.current === s ? count + 2 : count === 0 ? 1 : 0;
}

function read_long_string(ls: LexState, seminfo: Token | null, sep: number): void {
  const line = ls.linenumber;
  ls.save_and_next();
  if (ls.currIsNewline()) inclinenumber(ls);
  for (;;) {
    switch (ls.current) {
      case EOZ: {
        const what = seminfo ? "string" : "comment";
        lexerror(ls, `unfinished long ${what} (starting at line ${line})`, TK_EOS);
        break;
      }
      case 93: // ']'
        if (skip_sep(ls) === sep) {
          ls.save_and_next();
          if (seminfo) seminfo.ts = ls.bufferString(sep, ls.bufflen - sep);
          return;
        }
        break;
      case 10:
      case 13:
        ls.save(10);
        inclinenumber(ls);
        if (!seminfo) ls.bufflen = 0;
        break;
      default:
        if (seminfo) ls.save_and_next();
        else ls.next();
    }
  }
}

function esccheck(ls: LexState, c: boolean, msg: string): void {
  if (!c) {
    if (ls.current !== EOZ) ls.save_and_next();
    lexerror(ls, msg, TK_STRING);
  }
}

function gethexa(ls: LexState): number {
  ls.save_and_next();
  esccheck(ls, lisxdigit(ls.current), "hexadecimal digit expected");
  return luaO_hexavalue(ls.current);
}

function readhexaesc(ls: LexState): number {
  let r = gethexa(ls);
  r = (r << 4) + gethexa(ls);
  ls.bufflen -= 2;
  return r;
}

function readutf8esc(ls: LexState): number {
  let i = 4;
  ls.save_and_next();
  esccheck(ls, ls.current === 123, "missing '{'");
  let r = gethexa(ls);
  for (;;) {
    ls.save_and_next();
    if (!lisxdigit(ls.current)) break;
    i++;
    esccheck(ls, r <= 0x7fffffff >>> 4, "UTF-8 value too large");
    r = r * 16 + luaO_hexavalue(ls.current);
  }
  esccheck(ls, ls.current === 125, "missing '}'");
  ls.next();
  ls.bufflen -= i;
  return r;
}

/** lobject.c: luaO_utf8esc, the (extended, up to 6 bytes) UTF-8 bytes of x. */
export function luaO_utf8esc(x: number): number[] {
  if (x < 0x80) return [x];
  const out: number[] = [];
  let mfb = 0x3f;
  do {
    out.unshift(0x80 | (x & 0x3f));
    x = Math.floor(x / 64);
    mfb >>= 1;
  } while (x > mfb);
  out.unshift(((~mfb << 1) | x) & 0xff);
  return out;
}

function readdecesc(ls: LexState): number {
  let i;
  let r = 0;
  for (i = 0; i < 3 && lisdigit(ls.current); i++) {
    r = 10 * r + ls.current - 48;
    ls.save_and_next();
  }
  esccheck(ls, r <= 255, "decimal escape too large");
  ls.bufflen -= i;
  return r;
}

const simpleEscapes: Record<number, number> = { 97: 7, 98: 8, 102: 12, 110: 10, 114: 13, 116: 9, 118: 11 };

function read_string(ls: LexState, del: number, seminfo: Token): void {
  ls.save_and_next();
  while (ls.current !== del) {
    switch (ls.current) {
      case EOZ:
        lexerror(ls, "unfinished string", TK_EOS);
        break;
      case 10:
      case 13:
        lexerror(ls, "unfinished string", TK_STRING);
        break;
      case 92: {
        ls.save_and_next(); // keep '\\' for error messages
        const cur = ls.current as number;
        let c: number;
        if (simpleEscapes[cur] !== undefined) {
          c = simpleEscapes[cur]!;
          ls.next();
        } else if (cur === 120) {
          c = readhexaesc(ls);
          ls.next();
        } else if (cur === 117) {
          const bytes = luaO_utf8esc(readutf8esc(ls));
          for (const b of bytes) ls.save(b);
          break;
        } else if (cur === 10 || cur === 13) {
          inclinenumber(ls);
          c = 10;
        } else if (cur === 92 || cur === 34 || cur === 39) {
          c = cur;
          ls.next();
        } else if (cur === EOZ) {
          break;
        } else if (cur === 122) {
          ls.bufflen -= 1;
          ls.next();
          while (lisspace(ls.current)) {
            if (ls.currIsNewline()) inclinenumber(ls);
            else ls.next();
          }
          break;
        } else {
          esccheck(ls, lisdigit(cur), "invalid escape sequence");
          c = readdecesc(ls);
        }
        ls.bufflen -= 1; // remove '\\'
        ls.save(c);
        break;
      }
      default:
        ls.save_and_next();
    }
  }
  ls.save_and_next();
  // lstring.c: a short string (LUAI_MAXSHORTLEN bytes at most) is one string in the table
  if (ls.bufflen - 2 <= LUAI_MAXSHORTLEN) ls.strt.intern(ls.buff, 1, ls.bufflen - 1, TK_NAME, seminfo);
  else seminfo.ts = ls.bufferString(1, ls.bufflen - 1);
}

function llex(ls: LexState, seminfo: Token): number {
  ls.bufflen = 0;
  ls.buffz = -1;
  for (;;) {
    const c = ls.current;
    switch (c) {
      case 10:
      case 13:
        inclinenumber(ls);
        break;
      case 32:
      case 12:
      case 9:
      case 11:
        ls.next();
        break;
      case 45: {
        // '-'
        ls.next();
        if (ls.current !== 45) return 45;
        ls.next();
        if ((ls.current as number) === 91) {
          const sep = skip_sep(ls);
          ls.bufflen = 0;
          if (sep >= 2) {
            read_long_string(ls, null, sep);
            ls.bufflen = 0;
            break;
          }
        }
        while (!ls.currIsNewline() && (ls.current as number) !== EOZ) ls.next();
        break;
      }
      case 91: {
        // '['
        const sep = skip_sep(ls);
        if (sep >= 2) {
          read_long_string(ls, seminfo, sep);
          return TK_STRING;
        } else if (sep === 0) lexerror(ls, "invalid long string delimiter", TK_STRING);
        return 91;
      }
      case 61:
        ls.next();
        return check_next1(ls, 61) ? TK_EQ : 61;
      case 60:
        ls.next();
        if (check_next1(ls, 61)) return TK_LE;
        if (check_next1(ls, 60)) return TK_SHL;
        return 60;
      case 62:
        ls.next();
        if (check_next1(ls, 61)) return TK_GE;
        if (check_next1(ls, 62)) return TK_SHR;
        return 62;
      case 47:
        ls.next();
        return check_next1(ls, 47) ? TK_IDIV : 47;
      case 126:
        ls.next();
        return check_next1(ls, 61) ? TK_NE : 126;
      case 58:
        ls.next();
        return check_next1(ls, 58) ? TK_DBCOLON : 58;
      case 34:
      case 39:
        read_string(ls, c, seminfo);
        return TK_STRING;
      case 46:
        ls.save_and_next();
        if (check_next1(ls, 46)) {
          if (check_next1(ls, 46)) return TK_DOTS;
          return TK_CONCAT;
        }
        if (!lisdigit(ls.current)) return 46;
        return read_numeral(ls, seminfo);
      case EOZ:
        return TK_EOS;
      default:
        if (lisdigit(c)) return read_numeral(ls, seminfo);
        if (lislalpha(c)) {
          // the name is read in place: the table finds its string from the bytes
          const z = ls.z;
          const start = ls.zp - 1;
          let p = ls.zp;
          while (p < z.length && lislalnum(z[p]!)) p++;
          ls.zp = p;
          ls.next();
          ls.buffz = start;
          ls.bufflen = p - start;
          return ls.strt.intern(z, start, p, TK_NAME, seminfo);
        }
        ls.next();
        return c;
    }
  }
}

/** llex.c: luaX_next. */
export function luaX_next(ls: LexState): void {
  ls.lastline = ls.linenumber;
  if (ls.lookahead.token !== TK_EOS) {
    const t = ls.t;
    ls.t = ls.lookahead;
    ls.lookahead = t;
    ls.lookahead.token = TK_EOS;
  } else ls.t.token = llex(ls, ls.t);
}

/** llex.c: luaX_lookahead. */
export function luaX_lookahead(ls: LexState): number {
  ls.lookahead.token = llex(ls, ls.lookahead);
  return ls.lookahead.token;
}
