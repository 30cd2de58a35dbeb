// Lua 5.4.4 ldo.c: calls and returns, the stack limit, protected calls, errors, and coroutines (resume,
// yield, and the "unroll" that finishes frames interrupted by a yield).
//
// Errors and yields are JavaScript exceptions (LuaThrow, carrying the status; the error object is on the
// stack top, as ldo.c keeps it), standing for ldo.c's longjmp. A Lua-to-Lua call never recurses in
// JavaScript: luaV_execute switches to the new CallInfo. Only calls from the host (metamethods, pcall,
// library functions calling back) nest, and they are limited to LUAI_MAXCCALLS like C calls.
import { LClosure, luaF_close, type CFunction, type KFunction } from "./lfunc.ts";
import {
  LuaState, CallInfo, next_ci, getCcalls, yieldable, BUDGET_SLICE, type GlobalState,
  LUA_OK, LUA_YIELD, LUA_ERRRUN, LUA_ERRERR, LUA_MULTRET, LUA_MINSTACK, LUAI_MAXSTACK, ERRORSTACKSIZE,
  LUAI_MAXCCALLS, CIST_C, CIST_FRESH, CIST_TAIL, CIST_YPCALL, CIST_CLSRET, CIST_RECST,
} from "./lstate.ts";
import { luaT_gettmbyobj, TM_CALL } from "./ltm.ts";
import { luaG_callerror, luaG_runerror, LuaThrow, NOLOC } from "./ldebug.ts";
import { luaV_execute, luaV_finishOp } from "./lvm.ts";
import type { LuaValue } from "./lvalue.ts";

/** Raised when the instruction budget runs out: not a Lua error, so pcall does not catch it. */
export class BudgetExceeded extends Error {
  constructor(readonly steps: number) {
    super(`the Lua program ran more than ${steps} instructions (its budget) and was stopped`);
  }
}

/** The next slice of the instruction budget into g.budget, counting the instruction that asked for it;
 * false when the budget is spent. */
export function luaD_refillbudget(g: GlobalState): boolean {
  if (g.budgetReserve <= 0) return false;
  const n = Math.min(g.budgetReserve, BUDGET_SLICE);
  g.budgetReserve -= n;
  g.budget = n - 1;
  return true;
}

/** ldo.c luaD_throw. */
export function luaD_throw(L: LuaState, status: number): never {
  void L;
  throw new LuaThrow(status);
}

// #region stack
/** ldo.c luaD_growstack / luaD_checkstack: make room for n more slots; "stack overflow" beyond
 * LUAI_MAXSTACK, with some extra room to handle the error. */
export function luaD_checkstack(L: LuaState, n: number): void {
  const needed = L.top + n;
  if (needed <= L.stacksize) return;
  const size = L.stacksize;
  if (size > LUAI_MAXSTACK) luaD_throw(L, LUA_ERRERR); // already handling an overflow
  let newsize = 2 * size;
  if (newsize > LUAI_MAXSTACK) newsize = LUAI_MAXSTACK; // cannot cross the limit
  if (newsize < needed) newsize = needed; // but must respect what was asked for
  if (newsize <= LUAI_MAXSTACK) {
    realloc(L, newsize);
    return;
  }
  realloc(L, ERRORSTACKSIZE);
  luaG_runerror(L, "stack overflow");
}

/** lapi.c lua_checkstack: room for n more slots, false when the stack would pass LUAI_MAXSTACK. */
export function lua_checkstack(L: LuaState, n: number): boolean {
  if (L.stacksize - L.top > n) return true;
  if (L.top + 5 > LUAI_MAXSTACK - n) return false; // 5: EXTRA_STACK
  luaD_checkstack(L, n);
  return true;
}

function realloc(L: LuaState, newsize: number): void {
  const s = L.stack;
  const phys = newsize + 5; // EXTRA_STACK
  if (s.length < phys) {
    const old = s.length;
    s.length = phys;
    s.fill(undefined, old);
  }
  L.stacksize = newsize;
}

/** ldo.c stackinuse: the part of the stack the frames may use. */
function stackinuse(L: LuaState): number {
  let lim = L.top;
  for (let ci: CallInfo | null = L.ci; ci !== null; ci = ci.previous) if (lim < ci.top) lim = ci.top;
  const res = lim + 1;
  return res < LUA_MINSTACK ? LUA_MINSTACK : res;
}

/** ldo.c luaD_shrinkstack: after an error, a stack over 3 times its use shrinks to twice its use; a stack
 * that was handling an overflow, and no longer is, returns to a regular size. While the overflow is still
 * being handled (the use is above LUAI_MAXSTACK) the extra room stays. */
function luaD_shrinkstack(L: LuaState): void {
  const inuse = stackinuse(L);
  let nsize = inuse * 2;
  let max = inuse * 3;
  if (max > LUAI_MAXSTACK) {
    max = LUAI_MAXSTACK;
    if (nsize > LUAI_MAXSTACK) nsize = LUAI_MAXSTACK;
  }
  if (inuse <= LUAI_MAXSTACK && L.stacksize > max) L.stacksize = nsize;
}
// #endregion stack

/** ldo.c luaD_seterrorobj: put the error object of `status` at `oldtop`, and top after it. */
export function luaD_seterrorobj(L: LuaState, errcode: number, oldtop: number): void {
  const s = L.stack;
  if (errcode === LUA_ERRERR) s[oldtop] = "error in error handling";
  else if (errcode === LUA_OK) s[oldtop] = undefined;
  else s[oldtop] = s[L.top - 1];
  L.top = oldtop + 1;
}

// #region precall
/** ldo.c luaD_tryfuncTM: calling a non-function: put its __call metamethod below it. */
function luaD_tryfuncTM(L: LuaState, func: number): number {
  luaD_checkstack(L, 1);
  const s = L.stack;
  const tm = luaT_gettmbyobj(L, s[func], TM_CALL);
  if (tm === undefined) luaG_callerror(L, s[func], L.ci.cl !== null ? func - L.ci.func - 1 : NOLOC);
  for (let p = L.top; p > func; p--) s[p] = s[p - 1];
  L.top++;
  s[func] = tm;
  return func;
}

/** ldo.c moveresults: move nres results (ending at top) to res, adjusted to `wanted`. */
function moveresults(L: LuaState, res: number, nres: number, wanted: number): void {
  const s = L.stack;
  switch (wanted) {
    case 0:
      L.top = res;
      return;
    case 1:
      s[res] = nres === 0 ? undefined : s[L.top - nres];
      L.top = res + 1;
      return;
    case LUA_MULTRET:
      wanted = nres;
      break;
  }
  const first = L.top - nres;
  if (nres > wanted) nres = wanted;
  let i = 0;
  for (; i < nres; i++) s[res + i] = s[first + i];
  for (; i < wanted; i++) s[res + i] = undefined;
  L.top = res + wanted;
}

/** ldo.c luaD_poscall: finish a call: move its results into place and return to the caller's frame. */
export function luaD_poscall(L: LuaState, ci: CallInfo, nres: number): void {
  moveresults(L, ci.func, nres, ci.nresults);
  L.ci = ci.previous!;
}

/** ldo.c precallC: run a C function now. */
function precallC(L: LuaState, func: number, nresults: number, f: CFunction): number {
  luaD_checkstack(L, LUA_MINSTACK);
  const ci = next_ci(L);
  ci.func = func;
  ci.nresults = nresults;
  ci.callstatus = CIST_C;
  ci.top = L.top + LUA_MINSTACK;
  ci.cl = null;
  ci.k = null;
  const n = f(L);
  luaD_poscall(L, ci, n);
  return n;
}

/** ldo.c luaD_precall: prepare a call of the value at `func` with its arguments up to top. A C function
 * runs at once (null is returned); a Lua function gets a new CallInfo for luaV_execute to run. */
export function luaD_precall(L: LuaState, func: number, nresults: number): CallInfo | null {
  for (;;) {
    const f = L.stack[func];
    if (f instanceof LClosure) {
      const p = f.p;
      let narg = L.top - func - 1;
      const nfixparams = p.f.numparams;
      const fsize = p.f.maxstacksize;
      luaD_checkstack(L, fsize);
      const ci = next_ci(L);
      ci.func = func;
      ci.nresults = nresults;
      ci.callstatus = 0;
      ci.top = func + 1 + fsize;
      ci.cl = f;
      ci.savedpc = 0;
      const s = L.stack;
      for (; narg < nfixparams; narg++) s[L.top++] = undefined;
      return ci;
    }
    if (typeof f === "function") {
      precallC(L, func, nresults, f);
      return null;
    }
    func = luaD_tryfuncTM(L, func);
  }
}

/** ldo.c luaD_pretailcall: a tail call reuses the frame `ci`. Returns -1 for a Lua function (the frame is
 * ready to run), or the number of results of a C function (already called). */
export function luaD_pretailcall(L: LuaState, ci: CallInfo, func: number, narg1: number, delta: number): number {
  for (;;) {
    const f = L.stack[func];
    if (f instanceof LClosure) {
      const p = f.p;
      const fsize = p.f.maxstacksize;
      const nfixparams = p.f.numparams;
      luaD_checkstack(L, fsize - delta);
      ci.func -= delta;
      const s = L.stack;
      for (let i = 0; i < narg1; i++) s[ci.func + i] = s[func + i];
      func = ci.func;
      for (; narg1 <= nfixparams; narg1++) s[func + narg1] = undefined;
      ci.top = func + 1 + fsize;
      ci.cl = f;
      ci.savedpc = 0;
      ci.callstatus |= CIST_TAIL;
      L.top = func + narg1;
      return -1;
    }
    if (typeof f === "function") return precallC(L, func, LUA_MULTRET, f);
    func = luaD_tryfuncTM(L, func);
    narg1++;
  }
}
// #endregion precall

// #region call
/** ldo.c ccall: call from the host; Lua functions run in a fresh luaV_execute. */
function ccall(L: LuaState, func: number, nResults: number, inc: number): void {
  L.nCcalls += inc;
  if (getCcalls(L) >= LUAI_MAXCCALLS) luaE_checkcstack(L);
  const ci = luaD_precall(L, func, nResults);
  if (ci !== null) {
    ci.callstatus = CIST_FRESH;
    luaV_execute(L, ci);
  }
  L.nCcalls -= inc;
}

/** lstate.c luaE_checkcstack: "C stack overflow", and "error in error handling" while handling it. */
function luaE_checkcstack(L: LuaState): void {
  if (getCcalls(L) === LUAI_MAXCCALLS) luaG_runerror(L, "C stack overflow");
  else if (getCcalls(L) >= LUAI_MAXCCALLS / 10 * 11) luaD_throw(L, LUA_ERRERR);
}

/** ldo.c luaD_call. */
export function luaD_call(L: LuaState, func: number, nResults: number): void {
  ccall(L, func, nResults, 1);
}

/** ldo.c luaD_callnoyield: a call that may not yield (the called code runs with yields forbidden). */
export function luaD_callnoyield(L: LuaState, func: number, nResults: number): void {
  ccall(L, func, nResults, 0x10001);
}
// #endregion call

// #region protected
/** ldo.c luaD_rawrunprotected: run f, turning a Lua error or yield into its status. */
export function luaD_rawrunprotected(L: LuaState, f: () => void): number {
  const oldnCcalls = L.nCcalls;
  try {
    f();
    return LUA_OK;
  } catch (e) {
    L.nCcalls = oldnCcalls;
    if (e instanceof LuaThrow) return e.status;
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      // the host's own stack ran out (deep recursion through the host): report it as Lua would
      L.stack[L.top++] = "stack overflow";
      return LUA_ERRRUN;
    }
    throw e;
  }
}

/** ldo.c luaD_closeprotected: close to-be-closed variables down to `level`, in protected mode. */
function luaD_closeprotected(L: LuaState, level: number, status: number): number {
  const old_ci = L.ci;
  for (;;) {
    let st = status;
    const r = luaD_rawrunprotected(L, () => {
      luaF_close(L, level, st, false);
    });
    if (r === LUA_OK) return st;
    L.ci = old_ci;
    status = r;
    st = r;
  }
}

/** ldo.c luaD_pcall: call f in protected mode; on error restore the frame and put the error object at
 * old_top. ef is the stack index of the message handler (0: none). */
export function luaD_pcall(L: LuaState, f: () => void, old_top: number, ef: number): number {
  const old_ci = L.ci;
  const old_errfunc = L.errfunc;
  L.errfunc = ef;
  let status = luaD_rawrunprotected(L, f);
  if (status !== LUA_OK) {
    L.ci = old_ci;
    status = luaD_closeprotected(L, old_top, status);
    luaD_seterrorobj(L, status, old_top);
    luaD_shrinkstack(L);
  }
  L.errfunc = old_errfunc;
  return status;
}

/** lapi.c lua_pcallk: call the function below nargs arguments, protected; resumable after a yield
 * inside it when k is given and the thread can yield. */
export function lua_pcallk(L: LuaState, nargs: number, nresults: number, errfunc: number, ctx: number,
  k: KFunction | null): number {
  const func = L.top - (nargs + 1);
  let status: number;
  if (k === null || !yieldable(L)) {
    status = luaD_pcall(L, () => luaD_call(L, func, nresults), func, errfunc);
  } else {
    const ci = L.ci;
    ci.k = k;
    ci.ctx = ctx;
    ci.funcidx = func;
    ci.old_errfunc = L.errfunc;
    L.errfunc = errfunc;
    ci.callstatus |= CIST_YPCALL;
    luaD_call(L, func, nresults);
    ci.callstatus &= ~CIST_YPCALL;
    L.errfunc = ci.old_errfunc;
    status = LUA_OK;
  }
  if (nresults === LUA_MULTRET && L.ci.top < L.top) L.ci.top = L.top;
  return status;
}

/** lapi.c lua_callk. */
export function lua_callk(L: LuaState, nargs: number, nresults: number, ctx: number, k: KFunction | null): void {
  const func = L.top - (nargs + 1);
  if (k !== null && yieldable(L)) {
    L.ci.k = k;
    L.ci.ctx = ctx;
    luaD_call(L, func, nresults);
  } else luaD_callnoyield(L, func, nresults);
  if (nresults === LUA_MULTRET && L.ci.top < L.top) L.ci.top = L.top;
}
// #endregion protected

// #region coroutines
/** ldo.c finishpcallk: complete a lua_pcallk interrupted by a yield or an error. */
function finishpcallk(L: LuaState, ci: CallInfo): number {
  let status = (ci.callstatus >> CIST_RECST) & 7;
  if (status === LUA_OK) status = LUA_YIELD;
  else {
    const func = ci.funcidx;
    luaF_close(L, func, status, true);
    luaD_seterrorobj(L, status, func);
    luaD_shrinkstack(L);
    ci.callstatus &= ~(7 << CIST_RECST);
  }
  ci.callstatus &= ~CIST_YPCALL;
  L.errfunc = ci.old_errfunc;
  return status;
}

/** ldo.c finishCcall: finish a C function interrupted by a yield, through its continuation. */
function finishCcall(L: LuaState, ci: CallInfo): void {
  let n: number;
  if ((ci.callstatus & CIST_CLSRET) !== 0) n = ci.nres;
  else {
    let status = LUA_YIELD;
    if ((ci.callstatus & CIST_YPCALL) !== 0) status = finishpcallk(L, ci);
    if (L.ci.top < L.top) L.ci.top = L.top;
    n = ci.k!(L, status, ci.ctx);
  }
  luaD_poscall(L, ci, n);
}

/** ldo.c unroll: run every interrupted frame of a resumed coroutine to completion (or the next yield). */
function unroll(L: LuaState): void {
  let ci: CallInfo;
  while ((ci = L.ci) !== L.base_ci) {
    if (ci.cl === null) finishCcall(L, ci);
    else {
      luaV_finishOp(L);
      luaV_execute(L, ci);
    }
  }
}

function findpcall(L: LuaState): CallInfo | null {
  for (let ci: CallInfo | null = L.ci; ci !== null; ci = ci.previous) {
    if ((ci.callstatus & CIST_YPCALL) !== 0) return ci;
  }
  return null;
}

/** ldo.c resume. */
function resume(L: LuaState, n: number): void {
  const firstArg = L.top - n;
  const ci = L.ci;
  if (L.status === LUA_OK) ccall(L, firstArg - 1, LUA_MULTRET, 0);
  else {
    L.status = LUA_OK;
    if (ci.k !== null) n = ci.k(L, LUA_YIELD, ci.ctx);
    luaD_poscall(L, ci, n);
    unroll(L);
  }
}

function errorstatus(s: number): boolean {
  return s > LUA_YIELD;
}

/** ldo.c precover: after an error in a coroutine, continue in the innermost pending pcall, if any. */
function precover(L: LuaState, status: number): number {
  let ci: CallInfo | null;
  while (errorstatus(status) && (ci = findpcall(L)) !== null) {
    L.ci = ci;
    ci.callstatus = (ci.callstatus & ~(7 << CIST_RECST)) | (status << CIST_RECST);
    status = luaD_rawrunprotected(L, () => unroll(L));
  }
  return status;
}

function resume_error(L: LuaState, msg: string, narg: number): number {
  L.top -= narg;
  L.stack[L.top++] = msg;
  return LUA_ERRRUN;
}

/** ldo.c lua_resume: start or continue coroutine L with nargs arguments on its stack. Returns the status
 * and sets nresults[0]: the values yielded or returned are on L's stack top. */
export function lua_resume(L: LuaState, from: LuaState | null, nargs: number, nresults: number[]): number {
  if (L.status === LUA_OK) {
    if (L.ci !== L.base_ci) return resume_error(L, "cannot resume non-suspended coroutine", nargs);
    if (L.top - (L.ci.func + 1) === nargs) return resume_error(L, "cannot resume dead coroutine", nargs);
  } else if (L.status !== LUA_YIELD) return resume_error(L, "cannot resume dead coroutine", nargs);
  L.nCcalls = from !== null ? getCcalls(from) : 0;
  if (getCcalls(L) >= LUAI_MAXCCALLS) return resume_error(L, "C stack overflow", nargs);
  L.nCcalls++;
  const prev = L.g.current;
  L.g.current = L;
  let status: number;
  try {
    status = luaD_rawrunprotected(L, () => resume(L, nargs));
    status = precover(L, status);
  } finally {
    L.g.current = prev;
  }
  if (!errorstatus(status)) {
    // normal end or yield
  } else {
    L.status = status;
    luaD_seterrorobj(L, status, L.top);
    L.ci.top = L.top;
  }
  nresults[0] = status === LUA_YIELD ? L.ci.nyield : L.top - (L.ci.func + 1);
  return status;
}

/** ldo.c lua_yieldk: yield nresults values from a C function (with continuation k). */
export function lua_yieldk(L: LuaState, nresults: number, ctx: number, k: KFunction | null): number {
  const ci = L.ci;
  if (!yieldable(L)) {
    if (L !== L.g.mainthread) luaG_runerror(L, "attempt to yield across a C-call boundary");
    else luaG_runerror(L, "attempt to yield from outside a coroutine");
  }
  L.status = LUA_YIELD;
  ci.nyield = nresults;
  ci.k = k;
  ci.ctx = ctx;
  return luaD_throw(L, LUA_YIELD);
}

/** lstate.c luaE_resetthread (lua_closethread): close a coroutine's pending to-be-closed variables. */
export function luaE_resetthread(L: LuaState, status: number): number {
  const ci = (L.ci = L.base_ci);
  L.stack[0] = undefined;
  ci.func = 0;
  ci.callstatus = CIST_C;
  if (status === LUA_YIELD) status = LUA_OK;
  L.status = LUA_OK;
  status = luaD_closeprotected(L, 1, status);
  if (status !== LUA_OK) luaD_seterrorobj(L, status, 1);
  else L.top = 1;
  ci.top = L.top + LUA_MINSTACK;
  return status;
}
// #endregion coroutines

/** lfunc.c callclosemethod (with prepcallclosemth's error object): call __close(obj, err). */
export function callclosemethod(L: LuaState, tm: LuaValue, obj: LuaValue, err: LuaValue, yy: boolean): void {
  const top = L.top;
  const s = L.stack;
  s[top] = tm;
  s[top + 1] = obj;
  s[top + 2] = err;
  L.top = top + 3;
  if (yy) luaD_call(L, top, 0);
  else luaD_callnoyield(L, top, 0);
}
