// Lua 5.4.4 lstrlib.c, the pattern-matching half: match/find/gmatch/gsub over Lua patterns (classes,
// sets, %b, %f, anchors, captures and position captures), with lstrlib.c's errors. Matching steps count
// against the VM's instruction budget, so a pattern with exponential backtracking stops like a loop does.
import { LuaTable } from "./ltable.ts";
import { LClosure } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import type { LuaValue } from "./lvalue.ts";
import { isNumber, luaO_tostring } from "./lvalue.ts";
import { BudgetExceeded, luaD_refillbudget } from "./ldo.ts";
import {
  arg, ret, push, luaL_error, luaL_checkstring, optint, luaL_typeerror, callvalue,
} from "./lauxlib.ts";
import { luaV_finishget } from "./lvm.ts";
import { NOLOC } from "./ldebug.ts";
import { ttypename } from "./ltm.ts";

const L_ESC = 37; // '%'
const SPECIALS = "^$*+?.([%-";
const LUA_MAXCAPTURES = 32;
const CAP_UNFINISHED = -1;
const CAP_POSITION = -2;
const MAXCCALLS = 200;

/** lstrlib.c MatchState. */
class MatchState {
  src = "";
  p = "";
  level = 0;
  matchdepth = MAXCCALLS;
  capture_init: number[] = new Array<number>(LUA_MAXCAPTURES).fill(0);
  capture_len: number[] = new Array<number>(LUA_MAXCAPTURES).fill(0);
  constructor(readonly L: LuaState) {}
}

function check_capture(ms: MatchState, l: number): number {
  l -= 49; // '1'
  if (l < 0 || l >= ms.level || ms.capture_len[l] === CAP_UNFINISHED) {
    return luaL_error(ms.L, `invalid capture index %${l + 1}`);
  }
  return l;
}

function capture_to_close(ms: MatchState): number {
  let level = ms.level;
  for (level--; level >= 0; level--) if (ms.capture_len[level] === CAP_UNFINISHED) return level;
  return luaL_error(ms.L, "invalid pattern capture");
}

function classEnd(ms: MatchState, p: number): number {
  const pat = ms.p;
  if (pat.charCodeAt(p++) === L_ESC) {
    if (p >= pat.length) luaL_error(ms.L, "malformed pattern (ends with '%')");
    return p + 1;
  }
  if (pat[p - 1] === "[") {
    if (pat[p] === "^") p++;
    do {
      if (p >= pat.length) luaL_error(ms.L, "malformed pattern (missing ']')");
      const c = pat.charCodeAt(p++);
      if (c === L_ESC && p < pat.length) p++;
    } while (pat[p] !== "]");
    return p + 1;
  }
  return p;
}

function isalpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isdigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function iscntrl(c: number): boolean {
  return c < 32 || c === 127;
}
function ispunct(c: number): boolean {
  return c > 32 && c < 127 && !isalpha(c) && !isdigit(c);
}
function isspace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** lstrlib.c match_class: c against a class letter (%a, %d, ...; uppercase negates). */
function match_class(c: number, cl: number): boolean {
  let res: boolean;
  switch (cl | 32) {
    case 97: res = isalpha(c); break; // a
    case 99: res = iscntrl(c); break; // c
    case 100: res = isdigit(c); break; // d
    case 103: res = c > 32 && c < 127; break; // g
    case 108: res = c >= 97 && c <= 122; break; // l
    case 112: res = ispunct(c); break; // p
    case 115: res = isspace(c); break; // s
    case 117: res = c >= 65 && c <= 90; break; // u
    case 119: res = isalpha(c) || isdigit(c); break; // w
    case 122: res = c === 0; break; // z (deprecated)
    case 120: res = isdigit(c) || ((c | 32) >= 97 && (c | 32) <= 102); break; // x
    default: return cl === c;
  }
  if (isalpha(cl) && cl >= 65 && cl <= 90) return !res;
  return res;
}

function matchbracketclass(ms: MatchState, c: number, p: number, ec: number): boolean {
  const pat = ms.p;
  let sig = true;
  if (pat[p + 1] === "^") {
    sig = false;
    p++;
  }
  while (++p < ec) {
    const pc = pat.charCodeAt(p);
    if (pc === L_ESC) {
      p++;
      if (match_class(c, pat.charCodeAt(p))) return sig;
    } else if (pat[p + 1] === "-" && p + 2 < ec) {
      p += 2;
      if (pc <= c && c <= pat.charCodeAt(p)) return sig;
    } else if (pc === c) return sig;
  }
  return !sig;
}

function singlematch(ms: MatchState, s: number, p: number, ep: number): boolean {
  if (s >= ms.src.length) return false;
  const c = ms.src.charCodeAt(s);
  const pc = ms.p.charCodeAt(p);
  switch (pc) {
    case 46: return true; // '.'
    case L_ESC: return match_class(c, ms.p.charCodeAt(p + 1));
    case 91: return matchbracketclass(ms, c, p, ep - 1); // '['
    default: return pc === c;
  }
}

function matchbalance(ms: MatchState, s: number, p: number): number {
  if (p + 1 >= ms.p.length) luaL_error(ms.L, "malformed pattern (missing arguments to '%b')");
  const src = ms.src;
  if (s >= src.length || src.charCodeAt(s) !== ms.p.charCodeAt(p)) return -1;
  const b = ms.p.charCodeAt(p);
  const e = ms.p.charCodeAt(p + 1);
  let cont = 1;
  while (++s < src.length) {
    const c = src.charCodeAt(s);
    if (c === e) {
      if (--cont === 0) return s + 1;
    } else if (c === b) cont++;
  }
  return -1;
}

function step(ms: MatchState): void {
  const g = ms.L.g;
  if (--g.budget < 0 && !(g.refill?.(ms.L) || luaD_refillbudget(g))) {
    g.budget = 0;
    throw new BudgetExceeded(ms.L.g.budgetLimit);
  }
}

function max_expand(ms: MatchState, s: number, p: number, ep: number): number {
  let i = 0;
  while (singlematch(ms, s + i, p, ep)) i++;
  while (i >= 0) {
    step(ms);
    const res = do_match(ms, s + i, ep + 1);
    if (res !== -1) return res;
    i--;
  }
  return -1;
}

function min_expand(ms: MatchState, s: number, p: number, ep: number): number {
  for (;;) {
    step(ms);
    const res = do_match(ms, s, ep + 1);
    if (res !== -1) return res;
    if (singlematch(ms, s, p, ep)) s++;
    else return -1;
  }
}

function start_capture(ms: MatchState, s: number, p: number, what: number): number {
  const level = ms.level;
  if (level >= LUA_MAXCAPTURES) luaL_error(ms.L, "too many captures");
  ms.capture_init[level] = s;
  ms.capture_len[level] = what;
  ms.level = level + 1;
  const res = do_match(ms, s, p);
  if (res === -1) ms.level--;
  return res;
}

function end_capture(ms: MatchState, s: number, p: number): number {
  const l = capture_to_close(ms);
  ms.capture_len[l] = s - ms.capture_init[l]!;
  const res = do_match(ms, s, p);
  if (res === -1) ms.capture_len[l] = CAP_UNFINISHED;
  return res;
}

function match_capture(ms: MatchState, s: number, l: number): number {
  l = check_capture(ms, l);
  const len = ms.capture_len[l]!;
  if (len === CAP_POSITION) return -1; // (size_t)CAP_POSITION is longer than any subject
  const cap = ms.src.substr(ms.capture_init[l]!, len);
  if (ms.src.length - s >= len && ms.src.substr(s, len) === cap) return s + len;
  return -1;
}

/** lstrlib.c do_match: the end of the match of pattern p at s, or -1. */
function do_match(ms: MatchState, s: number, p: number): number {
  if (ms.matchdepth-- === 0) luaL_error(ms.L, "pattern too complex");
  const pat = ms.p;
  const plen = pat.length;
  try {
    for (;;) {
      step(ms);
      if (p >= plen) return s;
      const pc = pat.charCodeAt(p);
      switch (pc) {
        case 40: // '('
          if (pat[p + 1] === ")") return start_capture(ms, s, p + 2, CAP_POSITION);
          return start_capture(ms, s, p + 1, CAP_UNFINISHED);
        case 41: // ')'
          return end_capture(ms, s, p + 1);
        case 36: // '$'
          if (p + 1 === plen) return s === ms.src.length ? s : -1;
          break;
        case L_ESC: {
          const nc = pat.charCodeAt(p + 1);
          if (nc === 98) { // 'b'
            s = matchbalance(ms, s, p + 2);
            if (s !== -1) {
              p += 4;
              continue;
            }
            return -1;
          }
          if (nc === 102) { // 'f'
            p += 2;
            if (pat[p] !== "[") luaL_error(ms.L, "missing '[' after '%f' in pattern");
            const ep = classEnd(ms, p);
            const prev = s === 0 ? 0 : ms.src.charCodeAt(s - 1);
            const cur = s < ms.src.length ? ms.src.charCodeAt(s) : 0;
            if (!matchbracketclass(ms, prev, p, ep - 1) && matchbracketclass(ms, cur, p, ep - 1)) {
              p = ep;
              continue;
            }
            return -1;
          }
          if (isdigit(nc)) {
            s = match_capture(ms, s, nc);
            if (s !== -1) {
              p += 2;
              continue;
            }
            return -1;
          }
          break;
        }
      }
      // default: a single char class with an optional suffix
      const ep = classEnd(ms, p);
      const epc = pat[ep];
      if (!singlematch(ms, s, p, ep)) {
        if (epc === "*" || epc === "?" || epc === "-") {
          p = ep + 1;
          continue;
        }
        return -1;
      }
      switch (epc) {
        case "?": {
          const res = do_match(ms, s + 1, ep + 1);
          if (res !== -1) return res;
          p = ep + 1;
          continue;
        }
        case "+":
          return max_expand(ms, s + 1, p, ep);
        case "*":
          return max_expand(ms, s, p, ep);
        case "-":
          return min_expand(ms, s, p, ep);
        default:
          s++;
          p = ep;
      }
    }
  } finally {
    ms.matchdepth++;
  }
}

/** lstrlib.c get_onecapture: capture i as a value (a string, or a position for "()"). */
function get_onecapture(ms: MatchState, i: number, s: number, e: number): LuaValue {
  if (i >= ms.level) {
    if (i !== 0) luaL_error(ms.L, `invalid capture index %${i + 1}`);
    return ms.src.slice(s, e);
  }
  const l = ms.capture_len[i]!;
  if (l === CAP_UNFINISHED) luaL_error(ms.L, "unfinished capture");
  if (l === CAP_POSITION) return ms.capture_init[i]! + 1;
  return ms.src.substr(ms.capture_init[i]!, l);
}

function push_captures(ms: MatchState, s: number, e: number, wholeIfNone: boolean): number {
  const nlevels = ms.level === 0 && wholeIfNone ? 1 : ms.level;
  for (let i = 0; i < nlevels; i++) push(ms.L, get_onecapture(ms, i, s, e));
  return nlevels;
}

function nospecials(p: string): boolean {
  for (let i = 0; i < p.length; i++) if (SPECIALS.includes(p[i]!)) return false;
  return true;
}

/** lstrlib.c posrelat for init: a 0-based start position. */
function posrelatI(pos: number, len: number): number {
  if (pos > 0) return pos;
  if (pos === 0) return 1;
  if (pos < -len) return 1;
  return len + pos + 1;
}

function prepstate(ms: MatchState, s: string, p: string): void {
  ms.src = s;
  ms.p = p;
  ms.level = 0;
  ms.matchdepth = MAXCCALLS;
}

/** lstrlib.c str_find_aux: string.find (find = true) and string.match. */
function str_find_aux(L: LuaState, find: boolean): number {
  const s = luaL_checkstring(L, 1);
  const p = luaL_checkstring(L, 2);
  const init = posrelatI(optint(L, 3, 1), s.length) - 1;
  if (init > s.length) return ret(L, undefined);
  if (find && (arg(L, 4) !== undefined && arg(L, 4) !== false || nospecials(p))) {
    const idx = s.indexOf(p, init);
    if (idx >= 0) return ret(L, idx + 1, idx + p.length);
    return ret(L, undefined);
  }
  const ms = new MatchState(L);
  const anchor = p[0] === "^";
  const pstart = anchor ? 1 : 0;
  let s1 = init;
  do {
    prepstate(ms, s, p);
    const e = do_match(ms, s1, pstart);
    if (e !== -1) {
      if (find) {
        push(L, s1 + 1);
        push(L, e);
        return push_captures(ms, -1, -1, false) + 2;
      }
      return push_captures(ms, s1, e, true);
    }
  } while (s1++ < s.length && !anchor);
  return ret(L, undefined);
}

export function str_find(L: LuaState): number {
  return str_find_aux(L, true);
}

export function str_match(L: LuaState): number {
  return str_find_aux(L, false);
}

/** lstrlib.c gmatch: an iterator over the matches of a pattern. */
export function gmatch(L: LuaState): number {
  const s = luaL_checkstring(L, 1);
  const p = luaL_checkstring(L, 2);
  const init = posrelatI(optint(L, 3, 1), s.length) - 1;
  let src = init > s.length ? s.length + 1 : init;
  let lastmatch = -1;
  const iter = (L1: LuaState): number => {
    const ms = new MatchState(L1);
    for (; src <= s.length; src++) {
      prepstate(ms, s, p);
      const e = do_match(ms, src, 0);
      if (e !== -1 && e !== lastmatch) {
        const start = src;
        src = lastmatch = e;
        return push_captures(ms, start, e, true);
      }
    }
    return 0;
  };
  return ret(L, iter);
}

/** lstrlib.c add_s / add_value: the replacement of one match in gsub. */
function add_value(ms: MatchState, s: number, e: number, repl: LuaValue): string {
  const L = ms.L;
  let v: LuaValue;
  if (typeof repl === "string") {
    let out = "";
    for (let i = 0; i < repl.length; i++) {
      const c = repl[i]!;
      if (c !== "%") out += c;
      else {
        i++;
        const d = repl[i];
        if (d === "%") out += "%";
        else if (d !== undefined && isdigit(d.charCodeAt(0))) {
          const cap = d === "0" ? ms.src.slice(s, e) : get_onecapture(ms, d.charCodeAt(0) - 49, s, e);
          out += typeof cap === "string" ? cap : luaO_tostring(cap as number);
        } else luaL_error(L, "invalid use of '%' in replacement string");
      }
    }
    return out;
  }
  const cap = get_onecapture(ms, 0, s, e);
  if (repl instanceof LuaTable) {
    v = repl.get(cap);
    if (v === undefined) v = luaV_finishget(L, repl, cap, NOLOC);
  } else {
    const top = L.top;
    const n = push_captures(ms, s, e, true);
    const args = L.stack.slice(top, top + n);
    L.top = top;
    v = callvalue(L, repl, args, 1)[0];
  }
  if (v === undefined || v === false) return ms.src.slice(s, e);
  if (typeof v === "string") return v;
  if (isNumber(v)) return luaO_tostring(v);
  return luaL_error(L, `invalid replacement value (a ${ttypename(v)})`);
}

export function str_gsub(L: LuaState): number {
  const src = luaL_checkstring(L, 1);
  let p = luaL_checkstring(L, 2);
  const repl = arg(L, 3);
  const max_s = arg(L, 4) === undefined ? src.length + 1 : optint(L, 4, 0);
  if (!(typeof repl === "string" || isNumber(repl) || repl instanceof LuaTable || typeof repl === "function" ||
    repl instanceof LClosure)) {
    luaL_typeerror(L, 3, "string/function/table");
  }
  const replv = isNumber(repl) ? luaO_tostring(repl) : repl;
  const anchor = p[0] === "^";
  if (anchor) p = p.slice(1);
  const ms = new MatchState(L);
  let s = 0;
  let out = "";
  let n = 0;
  let lastmatch = -1;
  while (n < max_s) {
    prepstate(ms, src, p);
    const e = do_match(ms, s, 0);
    if (e !== -1 && e !== lastmatch) {
      n++;
      out += add_value(ms, s, e, replv);
      s = lastmatch = e;
    } else if (s < src.length) out += src[s++];
    else break;
    if (anchor) break;
  }
  out += src.slice(s);
  return ret(L, out, n);
}
