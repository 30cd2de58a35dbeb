// Lua 5.4.4 lvm.c: the interpreter loop luaV_execute, one case per opcode, and the slow paths it calls
// (table access through __index/__newindex, equality and order with metamethods, concatenation,
// the length operator, the numeric for loop's preparation).
//
// Read it beside lvm.c: `ra` is RA(i), `s[base + b]` is vRB(i), `k[c]` is KC(i). The loop keeps the
// frame's closure, constants, code and base in locals, reloaded at `startfunc`/`returning` exactly where
// lvm.c reloads them. Before anything that may raise an error or call a metamethod, the running pc goes
// into ci.savedpc (lvm.c savepc/Protect) and L.top is set to ci.top, so an error has its line and a
// metamethod call cannot overwrite live registers.
import * as OP from "./lopcodes.ts";
import { LuaTable } from "./ltable.ts";
import { LFloat, Userdata, mkint, luaO_tostring, bigOf, type LuaValue } from "./lvalue.ts";
import { LClosure, type UpVal, luaF_close, luaF_closeupval, luaF_newtbcupval, CLOSEKTOP } from "./lfunc.ts";
import { LuaState, LUA_OK, type CallInfo, CIST_FRESH } from "./lstate.ts";
import {
  fasttm, luaT_gettmbyobj, luaT_callTM, luaT_callTMres, luaT_trybinTM, luaT_trybinassocTM, luaT_callorderTM,
  luaT_callorderiTM, luaT_adjustvarargs, luaT_getvarargs, getmetatable, NOTM,
  TM_INDEX, TM_NEWINDEX, TM_LEN, TM_EQ, TM_LT, TM_LE, TM_CONCAT, TM_UNM, TM_BNOT,
} from "./ltm.ts";
import {
  luaD_precall, luaD_pretailcall, luaD_poscall, luaD_call, luaD_checkstack, luaD_refillbudget, BudgetExceeded,
} from "./ldo.ts";
import {
  luaG_typeerror, luaG_runerror, luaG_forerror, luaG_concaterror, NOLOC, upvalLoc, type Loc,
} from "./ldebug.ts";
import {
  luaO_rawarith, luaV_tointegerns, luaV_tointeger, luaV_tonumber_, luaV_shiftl, luaV_modf, luaV_mod, luaV_idiv,
  numlt, numle, numeq, LUA_OPADD, LUA_OPSUB, LUA_OPMUL, LUA_OPMOD, LUA_OPPOW, LUA_OPDIV, LUA_OPIDIV,
  LUA_OPBAND, LUA_OPBOR, LUA_OPBXOR, LUA_OPSHL, LUA_OPSHR, LUA_OPUNM, LUA_OPBNOT,
} from "./larith.ts";
import { forprepCount, docondjump, closureUpvals } from "./seams.ts";

/** lvm.c MAXTAGLOOP: the longest __index/__newindex chain. */
const MAXTAGLOOP = 2000;

/** l_isfalse. */
export function l_isfalse(v: LuaValue): boolean {
  return v === undefined || v === false;
}

// #region finishget
/** lvm.c luaV_finishget: t[key] when the raw access found nothing: follow __index (a table to index
 * again, or a function to call). `loc` names t for the error message. */
export function luaV_finishget(L: LuaState, t: LuaValue, key: LuaValue, loc: Loc): LuaValue {
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      tm = fasttm(t.metatable, TM_INDEX);
      if (tm === undefined) return undefined;
    } else {
      tm = luaT_gettmbyobj(L, t, TM_INDEX);
      if (tm === undefined) luaG_typeerror(L, t, "index", loop === 0 ? loc : NOLOC);
    }
    if (typeof tm === "function" || tm instanceof LClosure) return luaT_callTMres(L, tm, t, key);
    t = tm;
    if (t instanceof LuaTable) {
      const v = t.get(key);
      if (v !== undefined) return v;
    }
  }
  return luaG_runerror(L, "'__index' chain too long; possible loop");
}

/** lvm.c luaV_finishset: t[key] = val when it needs more than a raw store: __newindex, or an error. */
export function luaV_finishset(L: LuaState, t: LuaValue, key: LuaValue, val: LuaValue, loc: Loc): void {
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      if (t.get(key) !== undefined || (tm = fasttm(t.metatable, TM_NEWINDEX)) === undefined) {
        rawsetchecked(L, t, key, val);
        return;
      }
    } else {
      tm = luaT_gettmbyobj(L, t, TM_NEWINDEX);
      if (tm === undefined) luaG_typeerror(L, t, "index", loop === 0 ? loc : NOLOC);
    }
    if (typeof tm === "function" || tm instanceof LClosure) {
      luaT_callTM(L, tm, t, key, val);
      return;
    }
    t = tm;
  }
  luaG_runerror(L, "'__newindex' chain too long; possible loop");
}

/** A raw store that raises Lua's errors for nil and NaN keys (ltable.c luaH_newkey). */
export function rawsetchecked(L: LuaState, t: LuaTable, key: LuaValue, val: LuaValue): void {
  if (key === undefined) luaG_runerror(L, "index is nil");
  if (typeof key === "number" && key !== key) luaG_runerror(L, "index is NaN");
  t.set(key, val);
}

/** The slow path of the GET instructions, under lvm.c's Protect: save pc and top, then luaV_finishget. */
function finishget(L: LuaState, ci: CallInfo, pc: number, t: LuaValue, key: LuaValue, loc: Loc): LuaValue {
  L.top = ci.top;
  ci.savedpc = pc;
  return luaV_finishget(L, t, key, loc);
}

/** lvm.c luaV_settable with its fast path (luaV_fastset): no metatable, or the key already present. */
function settable(L: LuaState, t: LuaValue, key: LuaValue, val: LuaValue, loc: Loc): void {
  if (t instanceof LuaTable && t.metatable === null) rawsetchecked(L, t, key, val);
  else luaV_finishset(L, t, key, val, loc);
}
// #endregion finishget

// #region equality
/** lvm.c luaV_rawequalobj: equality without metamethods. */
export function luaV_rawequalobj(a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if ((ta === "number" || ta === "bigint" || a instanceof LFloat) &&
    (typeof b === "number" || typeof b === "bigint" || b instanceof LFloat)) {
    return numeq(a as number, b);
  }
  return false;
}

/** lvm.c luaV_equalobj: ==, with __eq for two tables or two userdata. */
export function luaV_equalobj(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  if (a instanceof LuaTable && b instanceof LuaTable || a instanceof Userdata && b instanceof Userdata) {
    let tm = fasttm(a.metatable, TM_EQ);
    if (tm === undefined) tm = fasttm(b.metatable, TM_EQ);
    if (tm === undefined) return false;
    return !l_isfalse(luaT_callTMres(L, tm, a, b));
  }
  return luaV_rawequalobj(a, b);
}

function isnum(v: LuaValue): v is number | bigint | LFloat {
  return typeof v === "number" || typeof v === "bigint" || v instanceof LFloat;
}

/** lvm.c luaV_lessthan. */
export function luaV_lessthan(L: LuaState, l: LuaValue, r: LuaValue): boolean {
  if (isnum(l) && isnum(r)) return numlt(l, r);
  if (typeof l === "string" && typeof r === "string") return l < r;
  return luaT_callorderTM(L, l, r, TM_LT);
}

/** lvm.c luaV_lessequal. */
export function luaV_lessequal(L: LuaState, l: LuaValue, r: LuaValue): boolean {
  if (isnum(l) && isnum(r)) return numle(l, r);
  if (typeof l === "string" && typeof r === "string") return l <= r;
  return luaT_callorderTM(L, l, r, TM_LE);
}
// #endregion equality

// #region concat
function tostr(v: LuaValue): string | undefined {
  if (typeof v === "string") return v;
  if (isnum(v)) return luaO_tostring(v);
  return undefined;
}

/** lvm.c luaV_concat: concatenate the `total` values below L.top, right to left, using __concat for
 * values that are neither strings nor numbers. `base` locates the registers for error messages. */
export function luaV_concat(L: LuaState, total: number, base: number): void {
  const s = L.stack;
  while (total > 1) {
    const top = L.top;
    let n = 2;
    const a = tostr(s[top - 2]);
    const b = a === undefined ? undefined : tostr(s[top - 1]);
    if (a === undefined || b === undefined) {
      // ltm.c luaT_tryconcatTM
      const p1 = s[top - 2];
      const p2 = s[top - 1];
      let tm = luaT_gettmbyobj(L, p1, TM_CONCAT);
      if (tm === undefined) tm = luaT_gettmbyobj(L, p2, TM_CONCAT);
      if (tm === undefined) luaG_concaterror(L, p1, p2, top - 2 - base, top - 1 - base);
      s[top - 2] = luaT_callTMres(L, tm, p1, p2);
    } else {
      // gather as many strings (and numbers) as possible in one pass
      let str = b;
      for (n = 1; n < total; n++) {
        const x = tostr(s[top - n - 1]);
        if (x === undefined) break;
        str = x + str;
      }
      s[top - n] = str;
    }
    total -= n - 1;
    L.top -= n - 1;
  }
}
// #endregion concat

/** lvm.c luaV_objlen: #v, with __len. */
export function luaV_objlen(L: LuaState, v: LuaValue, loc: Loc): LuaValue {
  if (v instanceof LuaTable) {
    const tm = fasttm(v.metatable, TM_LEN);
    if (tm === undefined) return v.getn();
    return luaT_callTMres(L, tm, v, v);
  }
  if (typeof v === "string") return v.length;
  const tm = luaT_gettmbyobj(L, v, TM_LEN);
  if (tm === undefined) luaG_typeerror(L, v, "get length of", loc);
  return luaT_callTMres(L, tm, v, v);
}

// #region forprep
/** lvm.c forlimit: the integer limit of a loop (floats rounded toward the loop), or null when the loop
 * must not run. */
function forlimit(L: LuaState, init: number | bigint, lim: LuaValue, step: number | bigint): number | bigint | null {
  let p = luaV_tointeger(lim, step < 0 ? "ceil" : "floor");
  if (p === undefined) {
    const flim = luaV_tonumber_(lim);
    if (flim === undefined) luaG_forerror(L, lim, "limit");
    if (0 < flim!) {
      if (step < 0) return null;
      p = 0x7fffffffffffffffn;
    } else {
      if (step > 0) return null;
      p = -0x8000000000000000n;
    }
  }
  return (step > 0 ? init > p : init < p) ? null : p;
}

/** lvm.c forprep: prepare a numeric for loop in ra..ra+3. An integer loop stores its iteration count in
 * place of the limit; a float loop converts all three values to floats. Returns true to skip the loop. */
function forprep(L: LuaState, ra: number): boolean {
  const s = L.stack;
  const pinit = s[ra];
  const plimit = s[ra + 1];
  const pstep = s[ra + 2];
  if (isint(pinit) && isint(pstep)) {
    const init = pinit;
    const step = pstep;
    if (step == 0) luaG_runerror(L, "'for' step is zero");
    s[ra + 3] = init;
    const limit = forlimit(L, init, plimit, step);
    if (limit === null) return true;
    s[ra + 1] = forprepCount(init, limit, step);
    return false;
  }
  const flimit = luaV_tonumber_(plimit);
  if (flimit === undefined) luaG_forerror(L, plimit, "limit");
  const fstep = luaV_tonumber_(pstep);
  if (fstep === undefined) luaG_forerror(L, pstep, "step");
  const finit = luaV_tonumber_(pinit);
  if (finit === undefined) luaG_forerror(L, pinit, "initial value");
  if (fstep === 0) luaG_runerror(L, "'for' step is zero");
  if (0 < fstep! ? flimit! < finit! : finit! < flimit!) return true;
  s[ra + 1] = new LFloat(flimit!);
  s[ra + 2] = new LFloat(fstep!);
  s[ra] = new LFloat(finit!);
  s[ra + 3] = s[ra];
  return false;
}

/** lvm.c floatforloop: one step of a float loop; true to jump back. */
function floatforloop(s: LuaValue[], ra: number): boolean {
  const step = (s[ra + 2] as LFloat).n;
  const limit = (s[ra + 1] as LFloat).n;
  const idx = (s[ra] as LFloat).n + step;
  if (0 < step ? idx <= limit : limit <= idx) {
    const v = new LFloat(idx);
    s[ra] = v;
    s[ra + 3] = v;
    return true;
  }
  return false;
}
// #endregion forprep

function isint(v: LuaValue): v is number | bigint {
  return typeof v === "number" ? Number.isInteger(v) : typeof v === "bigint";
}

/** lvm.c luaV_finishOp: complete the instruction interrupted by a yield in a metamethod. */
export function luaV_finishOp(L: LuaState): void {
  const ci = L.ci;
  const base = ci.func + 1;
  const code = ci.cl!.p.code;
  const inst = code[ci.savedpc - 1]!;
  const s = L.stack;
  switch (OP.GET_OPCODE(inst)) {
    case OP.OP_MMBIN: case OP.OP_MMBINI: case OP.OP_MMBINK:
      s[base + OP.GETARG_A(code[ci.savedpc - 2]!)] = s[--L.top];
      break;
    case OP.OP_UNM: case OP.OP_BNOT: case OP.OP_LEN: case OP.OP_GETTABUP: case OP.OP_GETTABLE:
    case OP.OP_GETI: case OP.OP_GETFIELD: case OP.OP_SELF:
      s[base + OP.GETARG_A(inst)] = s[--L.top];
      break;
    case OP.OP_LT: case OP.OP_LE: case OP.OP_LTI: case OP.OP_LEI: case OP.OP_GTI: case OP.OP_GEI:
    case OP.OP_EQ: {
      const res = !l_isfalse(s[L.top - 1]);
      L.top--;
      if (res !== (OP.GETARG_k(inst) === 1)) ci.savedpc++;
      break;
    }
    case OP.OP_CONCAT: {
      const top = L.top - 1;
      const a = OP.GETARG_A(inst);
      const total = top - 1 - (base + a);
      s[top - 2] = s[top];
      L.top = top - 1;
      luaV_concat(L, total, base);
      break;
    }
    case OP.OP_CLOSE:
      ci.savedpc--;
      break;
    case OP.OP_RETURN: {
      const ra = base + OP.GETARG_A(inst);
      L.top = ra + ci.nres;
      ci.savedpc--;
      break;
    }
  }
}

// #region pushclosure
/** lvm.c pushclosure (OP_CLOSURE): a new closure for prototype p, its upvalues found in the enclosing
 * frame's registers (luaF_findupval) or in the enclosing closure's upvalues. */
function pushclosure(L: LuaState, p: LClosure["p"], encup: UpVal[], base: number): LClosure {
  const ncl = new LClosure(p, p.f.upvalues.length);
  closureUpvals(L, p.f.upvalues, encup, base, ncl.upvals);
  return ncl;
}
// #endregion pushclosure

/** The end of a slice of the instruction budget: a step hook (the tracer, ltrace.ts) may take the step
 * and let the instruction at pc run; else the next slice, or the error of an exhausted budget. */
function budgetExceeded(L: LuaState, ci: CallInfo, pc: number): void {
  ci.savedpc = pc;
  if (L.g.stephook !== null && L.g.stephook(L)) return;
  if (luaD_refillbudget(L.g)) return;
  L.g.budget = 0;
  throw new BudgetExceeded(L.g.budgetLimit);
}

/** Defined (as true) only by a build that compiles the budget check and the step hook out of the loop below,
 * which the benchmark (test/bench/lua.bench.ts) runs to measure what they cost. */
declare const LUA_NO_STEPHOOK: boolean | undefined;

/** The opcodes and offsets as module constants: the switch below compares against plain constants. */
const {
  MAXARG_C,
  OFFSET_sBx,
  OFFSET_sC,
  OFFSET_sJ,
  OP_ADD,
  OP_ADDI,
  OP_ADDK,
  OP_BAND,
  OP_BANDK,
  OP_BNOT,
  OP_BOR,
  OP_BORK,
  OP_BXOR,
  OP_BXORK,
  OP_CALL,
  OP_CLOSE,
  OP_CLOSURE,
  OP_CONCAT,
  OP_DIV,
  OP_DIVK,
  OP_EQ,
  OP_EQI,
  OP_EQK,
  OP_EXTRAARG,
  OP_FORLOOP,
  OP_FORPREP,
  OP_GEI,
  OP_GETFIELD,
  OP_GETI,
  OP_GETTABLE,
  OP_GETTABUP,
  OP_GETUPVAL,
  OP_GTI,
  OP_IDIV,
  OP_IDIVK,
  OP_JMP,
  OP_LE,
  OP_LEI,
  OP_LEN,
  OP_LFALSESKIP,
  OP_LOADF,
  OP_LOADFALSE,
  OP_LOADI,
  OP_LOADK,
  OP_LOADKX,
  OP_LOADNIL,
  OP_LOADTRUE,
  OP_LT,
  OP_LTI,
  OP_MMBIN,
  OP_MMBINI,
  OP_MMBINK,
  OP_MOD,
  OP_MODK,
  OP_MOVE,
  OP_MUL,
  OP_MULK,
  OP_NEWTABLE,
  OP_NOT,
  OP_POW,
  OP_POWK,
  OP_RETURN,
  OP_RETURN0,
  OP_RETURN1,
  OP_SELF,
  OP_SETFIELD,
  OP_SETI,
  OP_SETLIST,
  OP_SETTABLE,
  OP_SETTABUP,
  OP_SETUPVAL,
  OP_SHL,
  OP_SHLI,
  OP_SHR,
  OP_SHRI,
  OP_SUB,
  OP_SUBK,
  OP_TAILCALL,
  OP_TBC,
  OP_TEST,
  OP_TESTSET,
  OP_TFORCALL,
  OP_TFORLOOP,
  OP_TFORPREP,
  OP_UNM,
  OP_VARARG,
  OP_VARARGPREP,
} = OP;

// #region execute
/** lvm.c luaV_execute: run the Lua function of `ci` (and the Lua functions it calls, in this same loop)
 * until it returns from a frame marked CIST_FRESH. */
export function luaV_execute(L: LuaState, ci: CallInfo): void {
  const g = L.g;
  const hooked = typeof LUA_NO_STEPHOOK === "undefined"; // one global lookup per call, not per instruction
  const s = L.stack;
  let cl: LClosure;
  let k: LuaValue[];
  let code: Uint32Array;
  let base: number;
  let pc: number;
  let upvals: UpVal[];
  // startfunc / returning: load the frame of ci
  newframe: for (;;) {
    cl = ci.cl!;
    k = cl.p.k;
    code = cl.p.code;
    upvals = cl.upvals;
    pc = ci.savedpc;
    base = ci.func + 1;
    for (;;) {
      if (hooked && --g.budget < 0) budgetExceeded(L, ci, pc);
      const i = code[pc++]!;
      const ra = base + ((i >>> 7) & 0xff);
      switch (i & 0x7f) {
        // #region op-loads
        case 0 /* OP_MOVE */:
          s[ra] = s[base + ((i >>> 16) & 0xff)];
          break;
        case 1 /* OP_LOADI */:
          s[ra] = (i >>> 15) - OFFSET_sBx;
          break;
        case 2 /* OP_LOADF */:
          s[ra] = new LFloat((i >>> 15) - OFFSET_sBx);
          break;
        case 3 /* OP_LOADK */:
          s[ra] = k[i >>> 15];
          break;
        case 4 /* OP_LOADKX */:
          s[ra] = k[code[pc++]! >>> 7];
          break;
        case 5 /* OP_LOADFALSE */:
          s[ra] = false;
          break;
        case 6 /* OP_LFALSESKIP */:
          s[ra] = false;
          pc++;
          break;
        case 7 /* OP_LOADTRUE */:
          s[ra] = true;
          break;
        case 8 /* OP_LOADNIL */: {
          let b = (i >>> 16) & 0xff;
          let r = ra;
          do s[r++] = undefined;
          while (b--);
          break;
        }
        // #endregion op-loads
        // #region op-upvals
        case 9 /* OP_GETUPVAL */: {
          const uv = upvals[(i >>> 16) & 0xff]!;
          s[ra] = uv.s[uv.i];
          break;
        }
        case 10 /* OP_SETUPVAL */: {
          const uv = upvals[(i >>> 16) & 0xff]!;
          uv.s[uv.i] = s[ra];
          break;
        }
        // #endregion op-upvals
        // #region op-tables
        case 11 /* OP_GETTABUP */: {
          const b = (i >>> 16) & 0xff;
          const t = upvals[b]!.s[upvals[b]!.i];
          const key = k[i >>> 24] as string;
          const v = t instanceof LuaTable ? t.getStr(key) : undefined;
          s[ra] = v !== undefined ? v : finishget(L, ci, pc, t, key, upvalLoc(b));
          break;
        }
        case 12 /* OP_GETTABLE */: {
          const b = (i >>> 16) & 0xff;
          const t = s[base + b];
          const key = s[base + (i >>> 24)];
          const v = t instanceof LuaTable ? typeof key === "number" ? t.getInt(key) : t.get(key) : undefined;
          s[ra] = v !== undefined ? v : finishget(L, ci, pc, t, key, b);
          break;
        }
        case 13 /* OP_GETI */: {
          const b = (i >>> 16) & 0xff;
          const t = s[base + b];
          const v = t instanceof LuaTable ? t.getInt(i >>> 24) : undefined;
          s[ra] = v !== undefined ? v : finishget(L, ci, pc, t, i >>> 24, b);
          break;
        }
        case 14 /* OP_GETFIELD */: {
          const b = (i >>> 16) & 0xff;
          const t = s[base + b];
          const key = k[i >>> 24] as string;
          const v = t instanceof LuaTable ? t.getStr(key) : undefined;
          s[ra] = v !== undefined ? v : finishget(L, ci, pc, t, key, b);
          break;
        }
        case 15 /* OP_SETTABUP */: {
          const uv = upvals[(i >>> 7) & 0xff]!;
          const t = uv.s[uv.i];
          const c = i >>> 24;
          const v = (i & (1 << 15)) !== 0 ? k[c] : s[base + c];
          L.top = ci.top;
          ci.savedpc = pc;
          settable(L, t, k[(i >>> 16) & 0xff], v, upvalLoc((i >>> 7) & 0xff));
          break;
        }
        case 16 /* OP_SETTABLE */: {
          const c = i >>> 24;
          const v = (i & (1 << 15)) !== 0 ? k[c] : s[base + c];
          L.top = ci.top;
          ci.savedpc = pc;
          settable(L, s[ra], s[base + ((i >>> 16) & 0xff)], v, ra - base);
          break;
        }
        case 17 /* OP_SETI */: {
          const c = i >>> 24;
          const v = (i & (1 << 15)) !== 0 ? k[c] : s[base + c];
          const t = s[ra];
          // luaV_fastseti: a raw store when there is no __newindex to consult (no metatable, or t[b] present)
          if (t instanceof LuaTable && (t.metatable === null || t.getInt((i >>> 16) & 0xff) !== undefined)) {
            t.setInt((i >>> 16) & 0xff, v);
          } else {
            L.top = ci.top;
            ci.savedpc = pc;
            luaV_finishset(L, t, (i >>> 16) & 0xff, v, ra - base);
          }
          break;
        }
        case 18 /* OP_SETFIELD */: {
          const c = i >>> 24;
          const v = (i & (1 << 15)) !== 0 ? k[c] : s[base + c];
          const t = s[ra];
          const key = k[(i >>> 16) & 0xff] as string;
          // luaV_fastset: a raw store when there is no metatable, or when the key is present
          if (t instanceof LuaTable && t.metatable === null) t.setStr(key, v);
          else if (!(t instanceof LuaTable && t.replaceStr(key, v))) {
            L.top = ci.top;
            ci.savedpc = pc;
            luaV_finishset(L, t, key, v, ra - base);
          }
          break;
        }
        case 19 /* OP_NEWTABLE */: {
          let b = (i >>> 16) & 0xff;
          let c = i >>> 24;
          if (b > 0) b = 1 << (b - 1);
          if ((i & (1 << 15)) !== 0) c += (code[pc]! >>> 7) * (MAXARG_C + 1);
          pc++;
          const t = new LuaTable();
          if (b !== 0 || c !== 0) t.resize(c, b);
          s[ra] = t;
          break;
        }
        case 20 /* OP_SELF */: {
          const b = (i >>> 16) & 0xff;
          const t = s[base + b];
          const c = i >>> 24;
          const key = (i & (1 << 15)) !== 0 ? k[c] : s[base + c];
          s[ra + 1] = t;
          const v = t instanceof LuaTable ? typeof key === "string" ? t.getStr(key) : t.get(key) : undefined;
          s[ra] = v !== undefined ? v : finishget(L, ci, pc, t, key, b);
          break;
        }
        // #endregion op-tables
        // #region op-arith
        case 21 /* OP_ADDI */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const imm = (i >>> 24) - OFFSET_sC;
          if (typeof v1 === "number") {
            const r = v1 + imm;
            if (Number.isInteger(v1)) {
              if (Number.isSafeInteger(r)) {
                s[ra] = r;
                pc++;
                break;
              }
            } else if (r === r) {
              s[ra] = Number.isInteger(r) ? new LFloat(r) : r;
              pc++;
              break;
            }
          }
          const r = luaO_rawarith(L, LUA_OPADD, v1, imm);
          if (r !== undefined) {
            s[ra] = r;
            pc++;
          }
          break;
        }
        // The arithmetic cases below repeat one shape, as lvm.c's op_arith and op_arithK macros expand to
        // one body per opcode: a shared helper returning the result cost spectral-norm half its time again.
        case 22 /* OP_ADDK */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = k[i >>> 24];
          const r = typeof v1 === "number" && typeof v2 === "number" ? numres(v1, v2, v1 + v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPADD, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 23 /* OP_SUBK */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = k[i >>> 24];
          const r = typeof v1 === "number" && typeof v2 === "number" ? numres(v1, v2, v1 - v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPSUB, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 24 /* OP_MULK */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = k[i >>> 24];
          const r = typeof v1 === "number" && typeof v2 === "number" ? numres(v1, v2, v1 * v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPMUL, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 27 /* OP_DIVK */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = k[i >>> 24];
          const r = typeof v1 === "number" && typeof v2 === "number" ? fltres(v1 / v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPDIV, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 25 /* OP_MODK */: case 26 /* OP_POWK */: case 28 /* OP_IDIVK */: case 29 /* OP_BANDK */: case 30 /* OP_BORK */:
        case 31 /* OP_BXORK */: {
          ci.savedpc = pc;
          const r = arith(L, KOPS[(i & 0x7f) - OP_ADDK]!, s[base + ((i >>> 16) & 0xff)], k[i >>> 24]);
          if (r !== undefined) {
            s[ra] = r;
            pc++;
          }
          break;
        }
        case 32 /* OP_SHRI */: {
          const ib = luaV_tointegerns(s[base + ((i >>> 16) & 0xff)], "eq");
          if (ib !== undefined) {
            s[ra] = luaV_shiftl(ib, -((i >>> 24) - OFFSET_sC));
            pc++;
          }
          break;
        }
        case 33 /* OP_SHLI */: {
          const ib = luaV_tointegerns(s[base + ((i >>> 16) & 0xff)], "eq");
          if (ib !== undefined) {
            s[ra] = luaV_shiftl((i >>> 24) - OFFSET_sC, ib);
            pc++;
          }
          break;
        }
        // #region op-add
        case 34 /* OP_ADD */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = s[base + (i >>> 24)];
          // two JS numbers: their JS sum, unless it needs 64-bit integers or is a NaN (then luaO_rawarith);
          // with an operand that is not a number, the MMBIN that follows runs
          const r = typeof v1 === "number" && typeof v2 === "number" ? numres(v1, v2, v1 + v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPADD, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        // #endregion op-add
        case 35 /* OP_SUB */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = s[base + (i >>> 24)];
          const r = typeof v1 === "number" && typeof v2 === "number" ? numres(v1, v2, v1 - v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPSUB, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 36 /* OP_MUL */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = s[base + (i >>> 24)];
          const r = typeof v1 === "number" && typeof v2 === "number" ? numres(v1, v2, v1 * v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPMUL, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 39 /* OP_DIV */: {
          const v1 = s[base + ((i >>> 16) & 0xff)];
          const v2 = s[base + (i >>> 24)];
          const r = typeof v1 === "number" && typeof v2 === "number" ? fltres(v1 / v2) : undefined;
          const v = r !== undefined ? r : luaO_rawarith(L, LUA_OPDIV, v1, v2);
          if (v !== undefined) {
            s[ra] = v;
            pc++;
          }
          break;
        }
        case 37 /* OP_MOD */: case 38 /* OP_POW */: case 40 /* OP_IDIV */: case 41 /* OP_BAND */: case 42 /* OP_BOR */:
        case 43 /* OP_BXOR */: case 44 /* OP_SHL */: case 45 /* OP_SHR */: {
          L.top = ci.top;
          ci.savedpc = pc;
          const r = arith(L, ROPS[(i & 0x7f) - OP_ADD]!, s[base + ((i >>> 16) & 0xff)], s[base + (i >>> 24)]);
          if (r !== undefined) {
            s[ra] = r;
            pc++;
          }
          break;
        }
        // #region op-mmbin
        case 46 /* OP_MMBIN */: {
          const pi = code[pc - 2]!;
          const b = (i >>> 16) & 0xff;
          L.top = ci.top;
          ci.savedpc = pc;
          const r = luaT_trybinTM(L, s[ra], s[base + b], i >>> 24, ra - base, b);
          s[base + ((pi >>> 7) & 0xff)] = r;
          break;
        }
        // #endregion op-mmbin
        case 47 /* OP_MMBINI */: {
          const pi = code[pc - 2]!;
          const imm = ((i >>> 16) & 0xff) - OFFSET_sC;
          L.top = ci.top;
          ci.savedpc = pc;
          const r = luaT_trybinassocTM(L, s[ra], imm, (i & (1 << 15)) !== 0, i >>> 24, ra - base);
          s[base + ((pi >>> 7) & 0xff)] = r;
          break;
        }
        case 48 /* OP_MMBINK */: {
          const pi = code[pc - 2]!;
          const imm = k[(i >>> 16) & 0xff];
          L.top = ci.top;
          ci.savedpc = pc;
          const r = luaT_trybinassocTM(L, s[ra], imm, (i & (1 << 15)) !== 0, i >>> 24, ra - base);
          s[base + ((pi >>> 7) & 0xff)] = r;
          break;
        }
        case 49 /* OP_UNM */: case 50 /* OP_BNOT */: {
          const b = (i >>> 16) & 0xff;
          const rb = s[base + b];
          const unm = (i & 0x7f) === OP_UNM;
          const r = luaO_rawarith(L, unm ? LUA_OPUNM : LUA_OPBNOT, rb, rb);
          if (r !== undefined) s[ra] = r;
          else {
            L.top = ci.top;
            ci.savedpc = pc;
            s[ra] = luaT_trybinTM(L, rb, rb, unm ? TM_UNM : TM_BNOT, b, b);
          }
          break;
        }
        // #endregion op-arith
        case 51 /* OP_NOT */: {
          const rb = s[base + ((i >>> 16) & 0xff)];
          s[ra] = rb === undefined || rb === false;
          break;
        }
        case 52 /* OP_LEN */: {
          const b = (i >>> 16) & 0xff;
          L.top = ci.top;
          ci.savedpc = pc;
          s[ra] = luaV_objlen(L, s[base + b], b);
          break;
        }
        case 53 /* OP_CONCAT */: {
          ci.savedpc = pc;
          const n = (i >>> 16) & 0xff;
          L.top = ra + n;
          luaV_concat(L, n, base);
          break;
        }
        // #region op-close
        case 54 /* OP_CLOSE */:
          L.top = ci.top;
          ci.savedpc = pc;
          luaF_close(L, ra, LUA_OK, true);
          break;
        case 55 /* OP_TBC */:
          L.top = ci.top;
          ci.savedpc = pc;
          luaF_newtbcupval(L, ra);
          break;
        // #endregion op-close
        // #region op-jumps
        case 56 /* OP_JMP */:
          pc += (i >>> 7) - OFFSET_sJ;
          break;
        case 57 /* OP_EQ */: {
          L.top = ci.top;
          ci.savedpc = pc;
          const cond = luaV_equalobj(L, s[ra], s[base + ((i >>> 16) & 0xff)]);
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        // #region op-lt
        case 58 /* OP_LT */: {
          const v1 = s[ra];
          const v2 = s[base + ((i >>> 16) & 0xff)];
          let cond: boolean;
          if (typeof v1 === "number" && typeof v2 === "number") cond = v1 < v2;
          else {
            L.top = ci.top;
            ci.savedpc = pc;
            cond = luaV_lessthan(L, v1, v2);
          }
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        // #endregion op-lt
        case 59 /* OP_LE */: {
          const v1 = s[ra];
          const v2 = s[base + ((i >>> 16) & 0xff)];
          let cond: boolean;
          if (typeof v1 === "number" && typeof v2 === "number") cond = v1 <= v2;
          else {
            L.top = ci.top;
            ci.savedpc = pc;
            cond = luaV_lessequal(L, v1, v2);
          }
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        case 60 /* OP_EQK */: {
          const cond = luaV_rawequalobj(s[ra], k[(i >>> 16) & 0xff]);
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        case 61 /* OP_EQI */: {
          const v = s[ra];
          const im = ((i >>> 16) & 0xff) - OFFSET_sC;
          const cond = isnum(v) ? numeq(v, im) : false;
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        case 62 /* OP_LTI */: case 63 /* OP_LEI */: case 64 /* OP_GTI */: case 65 /* OP_GEI */: {
          const v = s[ra];
          const im = ((i >>> 16) & 0xff) - OFFSET_sC;
          const op = i & 0x7f;
          let cond: boolean;
          if (isnum(v)) {
            const x = v instanceof LFloat ? v.n : v;
            cond = op === OP_LTI ? x < im : op === OP_LEI ? x <= im : op === OP_GTI ? x > im : x >= im;
          } else {
            L.top = ci.top;
            ci.savedpc = pc;
            const isf = (i >>> 24) !== 0;
            if (op === OP_LTI) cond = luaT_callorderiTM(L, v, im, false, isf, TM_LT);
            else if (op === OP_LEI) cond = luaT_callorderiTM(L, v, im, false, isf, TM_LE);
            else if (op === OP_GTI) cond = luaT_callorderiTM(L, v, im, true, isf, TM_LT);
            else cond = luaT_callorderiTM(L, v, im, true, isf, TM_LE);
          }
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        case 66 /* OP_TEST */: {
          const cond = !l_isfalse(s[ra]);
          pc = docondjump(cond, (i & (1 << 15)) !== 0, pc, (code[pc]! >>> 7) - OFFSET_sJ);
          break;
        }
        case 67 /* OP_TESTSET */: {
          const rb = s[base + ((i >>> 16) & 0xff)];
          if (l_isfalse(rb) === ((i & (1 << 15)) !== 0)) pc++;
          else {
            s[ra] = rb;
            pc += (code[pc]! >>> 7) - OFFSET_sJ + 1;
          }
          break;
        }
        // #endregion op-jumps
        // #region op-calls
        // #region op-call
        case 68 /* OP_CALL */: {
          ci.savedpc = pc;
          const b = (i >>> 16) & 0xff;
          const nresults = (i >>> 24) - 1;
          if (b !== 0) L.top = ra + b;
          const newci = luaD_precall(L, ra, nresults);
          if (newci !== null) {
            ci = newci;
            continue newframe;
          }
          break;
        }
        // #endregion op-call
        case 69 /* OP_TAILCALL */: {
          ci.savedpc = pc;
          let b = (i >>> 16) & 0xff;
          const nparams1 = i >>> 24;
          const delta = nparams1 !== 0 ? ci.nextraargs + nparams1 : 0;
          if (b !== 0) L.top = ra + b;
          else b = L.top - ra;
          if ((i & (1 << 15)) !== 0) luaF_closeupval(L, base);
          const n = luaD_pretailcall(L, ci, ra, b, delta);
          if (n < 0) continue newframe;
          ci.func -= delta;
          luaD_poscall(L, ci, n);
          if ((ci.callstatus & CIST_FRESH) !== 0) return;
          ci = ci.previous!;
          continue newframe;
        }
        // #region op-return
        case 70 /* OP_RETURN */: {
          ci.savedpc = pc;
          let n = ((i >>> 16) & 0xff) - 1;
          const nparams1 = i >>> 24;
          if (n < 0) n = L.top - ra;
          if ((i & (1 << 15)) !== 0) {
            ci.nres = n;
            if (L.top < ci.top) L.top = ci.top;
          ci.savedpc = pc;
            luaF_close(L, base, CLOSEKTOP, true);
          }
          if (nparams1 !== 0) ci.func -= ci.nextraargs + nparams1;
          L.top = ra + n;
          luaD_poscall(L, ci, n);
          if ((ci.callstatus & CIST_FRESH) !== 0) return;
          ci = ci.previous!;
          continue newframe;
        }
        // #endregion op-return
        case 71 /* OP_RETURN0 */: {
          L.ci = ci.previous!;
          L.top = base - 1;
          for (let nres = ci.nresults; nres > 0; nres--) s[L.top++] = undefined;
          if ((ci.callstatus & CIST_FRESH) !== 0) return;
          ci = ci.previous!;
          continue newframe;
        }
        case 72 /* OP_RETURN1 */: {
          let nres = ci.nresults;
          L.ci = ci.previous!;
          if (nres === 0) L.top = base - 1;
          else {
            s[base - 1] = s[ra];
            L.top = base;
            for (; nres > 1; nres--) s[L.top++] = undefined;
          }
          if ((ci.callstatus & CIST_FRESH) !== 0) return;
          ci = ci.previous!;
          continue newframe;
        }
        // #endregion op-calls
        // #region op-forloop
        case 73 /* OP_FORLOOP */: {
          const step = s[ra + 2];
          if (typeof step === "number" && Number.isInteger(step)) {
            const count = s[ra + 1];
            const idx0 = s[ra];
            if (typeof count === "number" && typeof idx0 === "number") {
              if (count !== 0) {
                const idx = idx0 + step;
                s[ra + 1] = count - 1;
                s[ra] = idx;
                s[ra + 3] = idx;
                pc -= i >>> 15;
              }
              break;
            }
          }
          if (isint(step)) {
            // a count or an index beyond 2^53: the same steps on 64-bit integers
            const count = BigInt.asUintN(64, bigOf(s[ra + 1] as number | bigint));
            if (count > 0n) {
              const idx = mkint(bigOf(s[ra] as number | bigint) + bigOf(step));
              s[ra + 1] = mkint(count - 1n);
              s[ra] = idx;
              s[ra + 3] = idx;
              pc -= i >>> 15;
            }
          } else if (floatforloop(s, ra)) pc -= i >>> 15;
          break;
        }
        case 74 /* OP_FORPREP */:
          L.top = ci.top;
          ci.savedpc = pc;
          if (forprep(L, ra)) pc += (i >>> 15) + 1;
          break;
        // #endregion op-forloop
        // #region op-tfor
        case 75 /* OP_TFORPREP */:
          L.top = ci.top;
          ci.savedpc = pc;
          luaF_newtbcupval(L, ra + 3);
          pc += i >>> 15;
          break;
        case 76 /* OP_TFORCALL */: {
          ci.savedpc = pc;
          s[ra + 4] = s[ra];
          s[ra + 5] = s[ra + 1];
          s[ra + 6] = s[ra + 2];
          L.top = ra + 4 + 3;
          luaD_call(L, ra + 4, i >>> 24);
          break;
        }
        case 77 /* OP_TFORLOOP */:
          if (s[ra + 4] !== undefined) {
            s[ra + 2] = s[ra + 4];
            pc -= i >>> 15;
          }
          break;
        // #endregion op-tfor
        case 78 /* OP_SETLIST */: {
          let n = (i >>> 16) & 0xff;
          let last = i >>> 24;
          const h = s[ra] as LuaTable;
          if (n === 0) n = L.top - ra - 1;
          else L.top = ci.top;
          ci.savedpc = pc;
          last += n;
          if ((i & (1 << 15)) !== 0) {
            last += (code[pc]! >>> 7) * (MAXARG_C + 1);
            pc++;
          }
          if (last > h.arr.length) h.resize(last, h.hsize);
          for (; n > 0; n--) {
            h.arr[last - 1] = s[ra + n];
            last--;
          }
          break;
        }
        case 79 /* OP_CLOSURE */:
          s[ra] = pushclosure(L, cl.p.p[i >>> 15]!, upvals, base);
          break;
        case 80 /* OP_VARARG */: {
          ci.savedpc = pc;
          const n = (i >>> 24) - 1;
          luaT_getvarargs(L, ci, ra, n);
          break;
        }
        case 81 /* OP_VARARGPREP */:
          ci.savedpc = pc;
          luaT_adjustvarargs(L, (i >>> 7) & 0xff, ci, cl.p.f.maxstacksize);
          base = ci.func + 1;
          break;
        case 82 /* OP_EXTRAARG */:
          throw new Error("OP_EXTRAARG executed");
        default:
          throw new Error(`unknown opcode ${i & 0x7f}`);
      }
    }
  }
}
// #endregion execute

/** The lua_arith operator of each K instruction (ADDK..BXORK) and register instruction (ADD..SHR). */
const KOPS = [LUA_OPADD, LUA_OPSUB, LUA_OPMUL, LUA_OPMOD, LUA_OPPOW, LUA_OPDIV, LUA_OPIDIV, LUA_OPBAND, LUA_OPBOR,
  LUA_OPBXOR];
const ROPS = [LUA_OPADD, LUA_OPSUB, LUA_OPMUL, LUA_OPMOD, LUA_OPPOW, LUA_OPDIV, LUA_OPIDIV, LUA_OPBAND, LUA_OPBOR,
  LUA_OPBXOR, LUA_OPSHL, LUA_OPSHR];

/** The arithmetic instructions' number case (op_arith/op_arithK/op_bitwise of lvm.c): the result, or
 * undefined to fall into the MMBIN that follows. */
function arith(L: LuaState, op: number, v1: LuaValue, v2: LuaValue): LuaValue {
  if (op === LUA_OPMOD && typeof v1 === "number" && typeof v2 === "number") {
    if (Number.isInteger(v1) && Number.isInteger(v2)) return luaV_mod(L, v1, v2);
    const r = luaV_modf(v1, v2);
    if (r !== r) return luaO_rawarith(L, op, v1, v2);
    return Number.isInteger(r) || r === 0 ? new LFloat(r) : r;
  }
  if (op === LUA_OPIDIV && typeof v1 === "number" && typeof v2 === "number" && Number.isInteger(v1) &&
    Number.isInteger(v2)) return luaV_idiv(L, v1, v2);
  return luaO_rawarith(L, op, v1, v2);
}

// #region numres
/** The result of +, - or * on two JS numbers (r, computed by JS) in Lua's value form: an integer when
 * both are integers and r is exact (below 2^53), a float otherwise (boxed when integral, as 3.0);
 * undefined when luaO_rawarith must do it (64-bit wraparound, or a NaN whose sign Lua prints). */
function numres(v1: number, v2: number, r: number): number | LFloat | undefined {
  if (Number.isInteger(v1) && Number.isInteger(v2)) return Number.isSafeInteger(r) ? r + 0 : undefined;
  return fltres(r);
}

/** A float result in Lua's value form, or undefined for a NaN (luaO_rawarith gives it its sign). */
function fltres(r: number): number | LFloat | undefined {
  if (r !== r) return undefined;
  return Number.isInteger(r) ? new LFloat(r) : r;
}

// #endregion numres
