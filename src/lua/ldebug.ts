// Lua 5.4.4 ldebug.c: error messages with variable names (symbolic execution of the bytecode to find
// where a value came from), source positions, and the stack traceback of lauxlib.c.
import { luaG_getfuncline, binaryString } from "./lobject.ts";
import * as OP from "./lopcodes.ts";
import { LClosure, type LProto } from "./lfunc.ts";
import { LuaState, LUA_ERRRUN, CIST_TAIL, CIST_FIN, type CallInfo } from "./lstate.ts";
import { luaT_objtypename, luaT_eventname } from "./ltm.ts";
import { isNumber, type LuaValue } from "./lvalue.ts";
import { luaD_callnoyield, luaD_throw } from "./ldo.ts";
import { luaV_tointegerns } from "./larith.ts";
import type { LuaTable } from "./ltable.ts";

/** Where an operand of a failing instruction lives, standing in for the pointer comparisons of
 * ldebug.c varinfo: a register index (>= 0), an upvalue (-2 - index), or nowhere we can name (-1). */
export type Loc = number;
export const NOLOC = -1;
export function upvalLoc(idx: number): Loc {
  return -2 - idx;
}

/** A raised Lua error or yield: the status; the error object is on the stack top, as in ldo.c. */
export class LuaThrow {
  constructor(readonly status: number) {}
}

/** ldebug.c currentpc. */
export function currentpc(ci: CallInfo): number {
  return ci.savedpc - 1;
}

/** ldebug.c getcurrentline. */
export function getcurrentline(ci: CallInfo): number {
  return luaG_getfuncline(ci.cl!.p.f, currentpc(ci));
}

/** lobject.c luaO_chunkid: the printable name of a chunk ("x.lua", "[string \"...\"]"). */
export function luaO_chunkid(source: string): string {
  const LUA_IDSIZE = 60;
  if (source.startsWith("=")) return source.length <= LUA_IDSIZE ? source.slice(1) : source.slice(1, LUA_IDSIZE);
  if (source.startsWith("@")) {
    return source.length <= LUA_IDSIZE ? source.slice(1) : "..." + source.slice(source.length - (LUA_IDSIZE - 4));
  }
  const bufflen = LUA_IDSIZE - 15;
  const nl = source.indexOf("\n");
  if (source.length < bufflen && nl < 0) return `[string "${source}"]`;
  let len = nl >= 0 ? nl : source.length;
  if (len > bufflen) len = bufflen;
  return `[string "${source.slice(0, len)}..."]`;
}

// #region getobjname
function upvalname(p: LProto, uv: number): string {
  const n = p.f.upvalues[uv]?.name;
  return n ? binaryString(n) : "?";
}

/** lfunc.c luaF_getlocalname: the name of the n-th local active at pc. */
export function luaF_getlocalname(p: LProto, local_number: number, pc: number): string | null {
  for (const v of p.f.locvars) {
    if (v.startpc > pc) break;
    if (pc < v.endpc) {
      local_number--;
      if (local_number === 0) return binaryString(v.varname);
    }
  }
  return null;
}

function kname(p: LProto, c: number): string {
  const v = p.k[c];
  return typeof v === "string" ? v : "?";
}

function rname(p: LProto, pc: number, c: number): string {
  const r = getobjname(p, pc, c);
  return r !== null && r[0] === "constant" ? r[1] : "?";
}

function findsetreg(p: LProto, lastpc: number, reg: number): number {
  const code = p.code;
  let setreg = -1;
  let jmptarget = 0;
  if (OP.testMMMode(OP.GET_OPCODE(code[lastpc]!))) lastpc--;
  for (let pc = 0; pc < lastpc; pc++) {
    const i = code[pc]!;
    const op = OP.GET_OPCODE(i);
    const a = OP.GETARG_A(i);
    let change = false;
    switch (op) {
      case OP.OP_LOADNIL:
        change = a <= reg && reg <= a + OP.GETARG_B(i);
        break;
      case OP.OP_TFORCALL:
        change = reg >= a + 2;
        break;
      case OP.OP_CALL:
      case OP.OP_TAILCALL:
        change = reg >= a;
        break;
      case OP.OP_JMP: {
        const dest = pc + 1 + OP.GETARG_sJ(i);
        if (dest <= lastpc && dest > jmptarget) jmptarget = dest;
        break;
      }
      default:
        change = OP.testAMode(op) && reg === a;
    }
    if (change) setreg = pc < jmptarget ? -1 : pc;
  }
  return setreg;
}

function gxf(p: LProto, pc: number, i: number, isup: boolean): string {
  const t = OP.GETARG_B(i);
  const name = isup ? upvalname(p, t) : getobjname(p, pc, t)?.[1];
  return name === "_ENV" ? "global" : "field";
}

/** ldebug.c getobjname: what register `reg` holds at lastpc: [kind, name] or null. */
export function getobjname(p: LProto, lastpc: number, reg: number): [string, string] | null {
  const local = luaF_getlocalname(p, reg + 1, lastpc);
  if (local !== null) return ["local", local];
  const pc = findsetreg(p, lastpc, reg);
  if (pc === -1) return null;
  const i = p.code[pc]!;
  switch (OP.GET_OPCODE(i)) {
    case OP.OP_MOVE: {
      const b = OP.GETARG_B(i);
      if (b < OP.GETARG_A(i)) return getobjname(p, pc, b);
      break;
    }
    case OP.OP_GETTABUP:
      return [gxf(p, pc, i, true), kname(p, OP.GETARG_C(i))];
    case OP.OP_GETTABLE:
      return [gxf(p, pc, i, false), rname(p, pc, OP.GETARG_C(i))];
    case OP.OP_GETI:
      return ["field", "integer index"];
    case OP.OP_GETFIELD:
      return [gxf(p, pc, i, false), kname(p, OP.GETARG_C(i))];
    case OP.OP_GETUPVAL:
      return ["upvalue", upvalname(p, OP.GETARG_B(i))];
    case OP.OP_LOADK:
    case OP.OP_LOADKX: {
      const b = OP.GET_OPCODE(i) === OP.OP_LOADK ? OP.GETARG_Bx(i) : OP.GETARG_Ax(p.code[pc + 1]!);
      const v = p.k[b];
      if (typeof v === "string") return ["constant", v];
      break;
    }
    case OP.OP_SELF: {
      const c = OP.GETARG_C(i);
      return ["method", OP.GETARG_k(i) ? kname(p, c) : rname(p, pc, c)];
    }
  }
  return null;
}
// #endregion getobjname

/** ldebug.c funcnamefromcode: how the instruction at pc called a function: [namewhat, name] or null. */
function funcnamefromcode(p: LProto, pc: number): [string, string] | null {
  const i = p.code[pc]!;
  let tm: number;
  switch (OP.GET_OPCODE(i)) {
    case OP.OP_CALL:
    case OP.OP_TAILCALL:
      return getobjname(p, pc, OP.GETARG_A(i));
    case OP.OP_TFORCALL:
      return ["for iterator", "for iterator"];
    case OP.OP_SELF: case OP.OP_GETTABUP: case OP.OP_GETTABLE: case OP.OP_GETI: case OP.OP_GETFIELD:
      tm = 0;
      break;
    case OP.OP_SETTABUP: case OP.OP_SETTABLE: case OP.OP_SETI: case OP.OP_SETFIELD:
      tm = 1;
      break;
    case OP.OP_MMBIN: case OP.OP_MMBINI: case OP.OP_MMBINK:
      tm = OP.GETARG_C(i);
      break;
    case OP.OP_UNM: tm = 18; break;
    case OP.OP_BNOT: tm = 19; break;
    case OP.OP_LEN: tm = 4; break;
    case OP.OP_CONCAT: tm = 22; break;
    case OP.OP_EQ: tm = 5; break;
    case OP.OP_LT: case OP.OP_LTI: case OP.OP_GTI: tm = 20; break;
    case OP.OP_LE: case OP.OP_LEI: case OP.OP_GEI: tm = 21; break;
    case OP.OP_CLOSE: case OP.OP_RETURN: tm = 24; break;
    default:
      return null;
  }
  return ["metamethod", luaT_eventname[tm]!.slice(2)];
}

/** ldebug.c funcnamefromcall / getfuncname: the name of the function running in ci, from its caller. */
export function getfuncname(L: LuaState, ci: CallInfo | null): [string, string] | null {
  if (ci === null || (ci.callstatus & CIST_TAIL) !== 0 || ci.previous === null) return null;
  const caller = ci.previous;
  if ((ci.callstatus & CIST_FIN) !== 0) return ["metamethod", "__gc"];
  if (caller.cl !== null) return funcnamefromcode(caller.cl.p, currentpc(caller));
  return null;
}

function isLua(ci: CallInfo): boolean {
  return ci.cl !== null;
}

/** ldebug.c varinfo: " (local 'x')", " (global 'x')", ... for an operand of the current instruction. */
function varinfo(L: LuaState, loc: Loc): string {
  const ci = L.ci;
  if (!isLua(ci) || loc === NOLOC) return "";
  let r: [string, string] | null;
  if (loc <= -2) r = ["upvalue", upvalname(ci.cl!.p, -2 - loc)];
  else r = getobjname(ci.cl!.p, currentpc(ci), loc);
  return r === null ? "" : ` (${r[0]} '${r[1]}')`;
}

function typeerror(L: LuaState, o: LuaValue, op: string, extra: string): never {
  return luaG_runerror(L, `attempt to ${op} a ${luaT_objtypename(L, o)} value${extra}`);
}

/** ldebug.c luaG_typeerror. */
export function luaG_typeerror(L: LuaState, o: LuaValue, op: string, loc: Loc): never {
  return typeerror(L, o, op, varinfo(L, loc));
}

/** ldebug.c luaG_callerror: calling a value that is not a function. */
export function luaG_callerror(L: LuaState, o: LuaValue, loc: Loc): never {
  const ci = L.ci;
  const kind = isLua(ci) ? funcnamefromcode(ci.cl!.p, currentpc(ci)) : null;
  return typeerror(L, o, "call", kind !== null ? ` (${kind[0]} '${kind[1]}')` : varinfo(L, loc));
}

/** ldebug.c luaG_forerror. */
export function luaG_forerror(L: LuaState, o: LuaValue, what: string): never {
  return luaG_runerror(L, `bad 'for' ${what} (number expected, got ${luaT_objtypename(L, o)})`);
}

/** ldebug.c luaG_concaterror. */
export function luaG_concaterror(L: LuaState, p1: LuaValue, p2: LuaValue, loc1: Loc, loc2: Loc): never {
  if (typeof p1 === "string" || isNumber(p1)) return luaG_typeerror(L, p2, "concatenate", loc2);
  return luaG_typeerror(L, p1, "concatenate", loc1);
}

/** ldebug.c luaG_opinterror: blame the first operand that is not a number. */
export function luaG_opinterror(L: LuaState, p1: LuaValue, p2: LuaValue, msg: string, loc1: Loc, loc2: Loc): never {
  if (!isNumber(p1)) return luaG_typeerror(L, p1, msg, loc1);
  return luaG_typeerror(L, p2, msg, loc2);
}

/** ldebug.c luaG_tointerror: both numbers, one not representable as an integer. */
export function luaG_tointerror(L: LuaState, p1: LuaValue, p2: LuaValue, loc1: Loc, loc2: Loc): never {
  const loc = luaV_tointegerns(p1, "eq") === undefined ? loc1 : loc2; // LUA_FLOORN2I is F2Ieq
  return luaG_runerror(L, `number${varinfo(L, loc)} has no integer representation`);
}

/** ldebug.c luaG_ordererror. */
export function luaG_ordererror(L: LuaState, p1: LuaValue, p2: LuaValue): never {
  const t1 = luaT_objtypename(L, p1);
  const t2 = luaT_objtypename(L, p2);
  if (t1 === t2) return luaG_runerror(L, `attempt to compare two ${t1} values`);
  return luaG_runerror(L, `attempt to compare ${t1} with ${t2}`);
}

/** ldebug.c luaG_addinfo: "chunk:line: msg". */
export function luaG_addinfo(msg: string, source: string, line: number): string {
  return `${luaO_chunkid(source)}:${line}: ${msg}`;
}

/** ldebug.c luaG_errormsg: the error object is on the top; call the message handler, then throw. */
export function luaG_errormsg(L: LuaState): never {
  if (L.errfunc !== 0) {
    const s = L.stack;
    s[L.top] = s[L.top - 1];
    s[L.top - 1] = s[L.errfunc];
    L.top++;
    luaD_callnoyield(L, L.top - 2, 1);
  }
  return luaD_throw(L, LUA_ERRRUN);
}

/** ldebug.c luaG_runerror: raise msg, with "chunk:line:" when a Lua function is running. */
export function luaG_runerror(L: LuaState, msg: string): never {
  const ci = L.ci;
  if (isLua(ci)) msg = luaG_addinfo(msg, ci.cl!.p.source, getcurrentline(ci));
  L.stack[L.top++] = msg;
  return luaG_errormsg(L);
}

// #region traceback
/** lauxlib.c luaL_where: "chunk:line:" of the function at `level` (1: the caller of the C function). */
export function luaL_where(L: LuaState, level: number): string {
  let ci: CallInfo | null = L.ci;
  for (let n = level; n > 0 && ci !== null; n--) ci = ci.previous;
  if (ci !== null && ci !== L.base_ci && isLua(ci)) {
    const line = getcurrentline(ci);
    if (line > 0) return `${luaO_chunkid(ci.cl!.p.source)}:${line}: `;
  }
  return "";
}

/** lauxlib.c pushglobalfuncname: "print", "string.rep", ... when the function is in package.loaded. */
export function globalfuncname(L: LuaState, f: LuaValue): string | null {
  const loaded = L.g.l_registry.getStr("_LOADED");
  if (loaded === undefined || typeof loaded !== "object" || !("next" in loaded)) return null;
  const t = loaded as LuaTable;
  for (let e = t.next(undefined); e !== null; e = t.next(e[0])) {
    const [mname, mod] = e;
    if (typeof mname !== "string" || mod === undefined || typeof mod !== "object" || !("next" in mod)) continue;
    const m = mod as LuaTable;
    for (let f2 = m.next(undefined); f2 !== null; f2 = m.next(f2[0])) {
      if (f2[1] === f && typeof f2[0] === "string") return mname === "_G" ? f2[0] : `${mname}.${f2[0]}`;
    }
  }
  return null;
}

/** lauxlib.c luaL_traceback: "stack traceback:" and one line per active function. */
export function luaL_traceback(L: LuaState, msg: string | null, level: number): string {
  const frames: CallInfo[] = [];
  for (let ci: CallInfo | null = L.ci; ci !== null && ci !== L.base_ci; ci = ci.previous) frames.push(ci);
  const lines: string[] = [];
  if (msg !== null) lines.push(msg);
  lines.push("stack traceback:");
  const shown = frames.slice(level);
  const LEVELS1 = 10;
  const LEVELS2 = 11;
  for (let n = 0; n < shown.length; n++) {
    if (shown.length > LEVELS1 + LEVELS2 && n === LEVELS1) {
      const skip = shown.length - LEVELS1 - LEVELS2;
      lines.push(`\t...\t(skipping ${skip} levels)`);
      n += skip - 1;
      continue;
    }
    const ci = shown[n]!;
    const f = L.stack[ci.func];
    let where: string;
    if (isLua(ci)) {
      const line = getcurrentline(ci);
      where = `${luaO_chunkid(ci.cl!.p.source)}:${line > 0 ? line + ":" : ""}`;
    } else where = "[C]:";
    let what: string;
    const g = globalfuncname(L, f);
    const named = getfuncname(L, ci);
    if (g !== null) what = `function '${g}'`;
    else if (named !== null) what = `${named[0]} '${named[1]}'`;
    else if (isLua(ci) && ci.cl!.p.f.linedefined === 0) what = "main chunk";
    else if (f instanceof LClosure) what = `function <${luaO_chunkid(f.p.source)}:${f.p.f.linedefined}>`;
    else what = "?";
    lines.push(`\t${where} in ${what}`);
    if ((ci.callstatus & CIST_TAIL) !== 0) lines.push("\t(...tail calls...)");
  }
  return lines.join("\n");
}
// #endregion traceback
