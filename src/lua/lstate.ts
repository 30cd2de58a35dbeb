// Lua 5.4.4 lstate.h / lstate.c: threads (lua_State), call frames (CallInfo) and the global state.
import type { LuaValue } from "./lvalue.ts";
import { LuaTable } from "./ltable.ts";
import type { LClosure, UpVal, CFunction, KFunction } from "./lfunc.ts";

/** lua.h: thread status codes. */
export const LUA_OK = 0;
export const LUA_YIELD = 1;
export const LUA_ERRRUN = 2;
export const LUA_ERRSYNTAX = 3;
export const LUA_ERRMEM = 4;
export const LUA_ERRERR = 5;

/** lua.h: option for multiple returns in lua_call and CallInfo.nresults. */
export const LUA_MULTRET = -1;
/** lua.h: minimum stack space available to a C function. */
export const LUA_MINSTACK = 20;
/** luaconf.h: LUAI_MAXSTACK, the largest Lua stack; beyond it, "stack overflow". */
export const LUAI_MAXSTACK = 1000000;
/** ldo.h: extra space handed out while handling a stack overflow. */
export const ERRORSTACKSIZE = LUAI_MAXSTACK + 200;
/** llimits.h: LUAI_MAXCCALLS, the limit of nested C calls (and of parser nesting). */
export const LUAI_MAXCCALLS = 200;
/** The largest slice of the instruction budget counted down at once (2^30 - 1, V8's largest Smi). */
export const BUDGET_SLICE = 0x3fffffff;
/** lstate.h: BASIC_STACK_SIZE. */
const BASIC_STACK_SIZE = 2 * LUA_MINSTACK;

/** lstate.h: CallInfo status bits. */
export const CIST_OAH = 1 << 0;
export const CIST_C = 1 << 1;
export const CIST_FRESH = 1 << 2;
export const CIST_HOOKED = 1 << 3;
export const CIST_YPCALL = 1 << 4;
export const CIST_TAIL = 1 << 5;
export const CIST_HOOKYIELD = 1 << 6;
export const CIST_FIN = 1 << 7;
export const CIST_TRAN = 1 << 8;
export const CIST_CLSRET = 1 << 9;
/** Bits 10-12 hold the status of a pcall recovering from an error (CIST_RECST). */
export const CIST_RECST = 10;

// #region callinfo
/** lstate.h: CallInfo, one activation record. Records are kept in a doubly linked list and reused, so a
 * call allocates nothing once the list is deep enough (luaE_extendCI). */
export class CallInfo {
  /** Stack index of the function being called; its arguments and registers start at func + 1. */
  func = 0;
  /** Top for this function (registers in use). */
  top = 0;
  previous: CallInfo | null = null;
  next: CallInfo | null = null;
  /** Expected number of results from this function (LUA_MULTRET: all). */
  nresults = 0;
  callstatus = 0;
  /** Lua functions: the closure and the index of the next instruction to run. */
  cl: LClosure | null = null;
  savedpc = 0;
  /** Vararg functions: number of extra arguments, kept below func (ltm.c luaT_adjustvarargs). */
  nextraargs = 0;
  /** C functions: continuation for yields and protected calls (u.c.k, u.c.ctx, u.c.old_errfunc). */
  k: KFunction | null = null;
  ctx = 0;
  old_errfunc = 0;
  /** u2: funcidx (lua_pcallk), nyield (lua_yield), nres (a return interrupted by __close). */
  funcidx = 0;
  nyield = 0;
  nres = 0;
}
// #endregion callinfo

/** lstate.h: global_State, what all threads share. */
export class GlobalState {
  /** The registry; registry[LUA_RIDX_GLOBALS] is the global table _G. */
  l_registry = new LuaTable();
  l_G = new LuaTable();
  /** Metatables for the basic types (strings have one, set by the string library). */
  mt: (LuaTable | null)[] = new Array<LuaTable | null>(9).fill(null);
  mainthread!: LuaState;
  /** Instructions left in the current slice of the budget. A slice is at most BUDGET_SLICE, a small
   * integer for V8 (a Smi), so the VM's decrement before every instruction stays cheap. */
  budget = BUDGET_SLICE;
  /** Instructions of the budget not yet handed out in slices (Infinity: no budget). */
  budgetReserve = Infinity;
  /** The budget the program was given (for the error message). */
  budgetLimit = Infinity;
  /** Called when the budget runs out, before the instruction at L.ci.savedpc; returning true lets it run
   * (the tracer, ltrace.ts, steps the VM this way). */
  stephook: ((L: LuaState) => boolean) | null = null;
  /** Called when library work (the pattern matcher) exhausts the budget; returning true means the budget
   * was refilled (a count hook, ldblib.ts, hands the budget out in slices). */
  refill: ((L: LuaState) => boolean) | null = null;
  /** Where print and io.write send their bytes. */
  stdout: (s: string) => void = (s) => process.stdout.write(Buffer.from(s, "latin1"));
  stderr: (s: string) => void = (s) => process.stderr.write(Buffer.from(s, "latin1"));
  /** The running thread (for errors raised where no thread is at hand, as table key errors). */
  current!: LuaState;
}

// #region lua_State
/** lstate.h: lua_State, a thread: its stack, its chain of CallInfo, its open upvalues. */
export class LuaState {
  /** The value stack. It only grows (never reallocated), so upvalues may point into it. */
  stack: LuaValue[];
  /** Logical size of the stack, the C stacksize(L), checked against LUAI_MAXSTACK. */
  stacksize = BASIC_STACK_SIZE;
  /** First free slot of the stack. */
  top = 0;
  ci: CallInfo;
  base_ci = new CallInfo();
  /** Open upvalues, sorted by stack level, highest first (lfunc.c luaF_findupval). */
  openupval: UpVal | null = null;
  /** Stack levels of the to-be-closed variables, lowest first. */
  tbclist: number[] = [];
  status = LUA_OK;
  /** Number of nested (non-yieldable | C) calls: low 16 bits C calls, high 16 bits non-yieldable calls. */
  nCcalls = 0;
  /** Stack index of the current error handling function (0: none). */
  errfunc = 0;
  /** Index of the value a coroutine passes on resume/yield. */
  readonly g: GlobalState;

  constructor(g: GlobalState) {
    this.g = g;
    this.stack = new Array<LuaValue>(BASIC_STACK_SIZE + 5).fill(undefined);
    const ci = this.base_ci;
    ci.func = 0;
    this.stack[0] = undefined; // 'function' entry for this ci
    this.top = 1;
    ci.top = 1 + LUA_MINSTACK;
    ci.callstatus = CIST_C;
    ci.nresults = 0;
    this.ci = ci;
  }
}
// #endregion lua_State

/** lstate.c luaE_extendCI: the next CallInfo, reusing the one after L.ci when there is one. */
export function next_ci(L: LuaState): CallInfo {
  let ci = L.ci.next;
  if (ci === null) {
    ci = new CallInfo();
    L.ci.next = ci;
    ci.previous = L.ci;
  }
  L.ci = ci;
  return ci;
}

/** lstate.h yieldable: no non-yieldable call is active in this thread. */
export function yieldable(L: LuaState): boolean {
  return (L.nCcalls & 0xffff0000) === 0;
}

/** lstate.h getCcalls: number of nested C calls. */
export function getCcalls(L: LuaState): number {
  return L.nCcalls & 0xffff;
}

/** lstate.c lua_newstate: a global state and its main thread (never yieldable). */
export function lua_newstate(): LuaState {
  const g = new GlobalState();
  const L = new LuaState(g);
  L.nCcalls = 0x10000; // incnny: the main thread cannot yield
  g.mainthread = L;
  g.current = L;
  g.l_registry.setInt(2, g.l_G); // LUA_RIDX_GLOBALS
  g.l_registry.setInt(1, L); // LUA_RIDX_MAINTHREAD
  return L;
}

/** lstate.c lua_newthread: a new thread sharing the global state. */
export function lua_newthread(L: LuaState): LuaState {
  const L1 = new LuaState(L.g);
  return L1;
}
