// Lua 5.4.4 ldblib.c, as far as teaching and the official tests need it: traceback, getinfo, getlocal,
// getupvalue/setupvalue, upvalueid/upvaluejoin, get/setmetatable, getregistry, and sethook/gethook with
// a count (the call, return and line events are recorded but never raised).
import { LuaTable } from "./ltable.ts";
import { LClosure, type CFunction } from "./lfunc.ts";
import { LuaState, CIST_TAIL, BUDGET_SLICE, type CallInfo } from "./lstate.ts";
import { binaryString, luaG_getfuncline } from "./lobject.ts";
import { Userdata, LightUserdata, type LuaValue } from "./lvalue.ts";
import { luaL_traceback, luaO_chunkid, getfuncname, getcurrentline, luaF_getlocalname, currentpc } from "./ldebug.ts";
import { getmetatable, ttype } from "./ltm.ts";
import {
  arg, ret, luaL_argerror, luaL_typeerror, luaL_checkany, luaL_optinteger, checkint, luaL_optstring, isfunction,
  luaL_checkfunction, luaL_checkstring, optint, luaL_error, callvalue, lua_gettop,
} from "./lauxlib.ts";
import { luaO_tostring, isNumber } from "./lvalue.ts";

/** ldo.c lua_getstack: the CallInfo at `level` (0: the running function). */
function getstack(L: LuaState, level: number): CallInfo | null {
  let ci: CallInfo | null = L.ci;
  for (; level > 0 && ci !== null && ci !== L.base_ci; ci = ci.previous) level--;
  return level === 0 && ci !== null && ci !== L.base_ci ? ci : null;
}

function threadarg(L: LuaState): [LuaState, number] {
  const t = arg(L, 1);
  return t instanceof LuaState ? [t, 1] : [L, 0];
}

/** ldblib.c db_getinfo over ldebug.c auxgetinfo. */
function db_getinfo(L: LuaState): number {
  const [L1, a] = threadarg(L);
  const what = luaL_optstring(L, a + 2, "flnSrtu");
  const target = arg(L, a + 1);
  let ci: CallInfo | null = null;
  let f: LuaValue;
  if (isfunction(target)) f = target;
  else {
    if (!(typeof target === "number" || typeof target === "bigint")) return luaL_typeerror(L, a + 1, "function or level");
    ci = getstack(L1, checkint(L, a + 1) + (L1 === L ? 0 : -1));
    if (ci === null) return ret(L, undefined);
    f = L1.stack[ci.func];
  }
  if (/[^SlnrutfL>]/.test(what)) return luaL_argerror(L, a + 2, "invalid option");
  const t = new LuaTable();
  const cl = f instanceof LClosure ? f : null;
  if (what.includes("S")) {
    if (cl === null) {
      t.set("source", "=[C]");
      t.set("short_src", "[C]");
      t.set("what", "C");
      t.set("linedefined", -1);
      t.set("lastlinedefined", -1);
    } else {
      t.set("source", cl.p.source);
      t.set("short_src", luaO_chunkid(cl.p.source));
      t.set("linedefined", cl.p.f.linedefined);
      t.set("lastlinedefined", cl.p.f.lastlinedefined);
      t.set("what", cl.p.f.linedefined === 0 ? "main" : "Lua");
    }
  }
  if (what.includes("l")) t.set("currentline", ci !== null && ci.cl !== null ? getcurrentline(ci) : -1);
  if (what.includes("u")) {
    t.set("nups", cl === null ? 0 : cl.upvals.length);
    t.set("nparams", cl === null ? 0 : cl.p.f.numparams);
    t.set("isvararg", cl === null ? true : cl.p.f.is_vararg);
  }
  if (what.includes("t")) t.set("istailcall", ci !== null && (ci.callstatus & CIST_TAIL) !== 0);
  if (what.includes("n")) {
    const nm = ci !== null ? getfuncname(L1, ci) : null;
    t.set("name", nm?.[1]);
    t.set("namewhat", nm?.[0] ?? "");
  }
  if (what.includes("f")) t.set("func", f);
  if (what.includes("L") && cl !== null) {
    const lines = new LuaTable();
    for (let pc = 0; pc < cl.p.code.length; pc++) lines.set(luaG_getfuncline(cl.p.f, pc), true);
    t.set("activelines", lines);
  }
  return ret(L, t);
}

function db_getlocal(L: LuaState): number {
  const [L1, a] = threadarg(L);
  const n = checkint(L, a + 2);
  const target = arg(L, a + 1);
  if (target instanceof LClosure) {
    return ret(L, luaF_getlocalname(target.p, n, 0) ?? undefined);
  }
  const ci = getstack(L1, checkint(L, a + 1));
  if (ci === null) return luaL_argerror(L, a + 1, "level out of range");
  if (ci.cl !== null) {
    if (n < 0) {
      if (-n <= ci.nextraargs) return ret(L, "(vararg)", L1.stack[ci.func - ci.nextraargs + (-n - 1)]);
      return ret(L, undefined);
    }
    const name = luaF_getlocalname(ci.cl.p, n, currentpc(ci));
    if (name !== null) return ret(L, name, L1.stack[ci.func + n]);
  }
  const limit = ci === L1.ci ? L1.top : ci.next!.func;
  if (n > 0 && limit - (ci.func + 1) >= n) return ret(L, ci.cl !== null ? "(temporary)" : "(C temporary)", L1.stack[ci.func + n]);
  return ret(L, undefined);
}

function upvalname(cl: LClosure, n: number): string {
  const nm = cl.p.f.upvalues[n]?.name;
  return nm ? binaryString(nm) : "(no name)";
}

function db_getupvalue(L: LuaState): number {
  const f = arg(L, 1);
  const n = checkint(L, 2);
  if (!isfunction(f)) return luaL_typeerror(L, 1, "function");
  if (!(f instanceof LClosure) || n < 1 || n > f.upvals.length) return 0;
  const uv = f.upvals[n - 1]!;
  return ret(L, upvalname(f, n - 1), uv.s[uv.i]);
}

function db_setupvalue(L: LuaState): number {
  const f = arg(L, 1);
  const n = checkint(L, 2);
  if (!isfunction(f)) return luaL_typeerror(L, 1, "function");
  if (!(f instanceof LClosure) || n < 1 || n > f.upvals.length) return 0;
  const uv = f.upvals[n - 1]!;
  uv.s[uv.i] = arg(L, 3);
  return ret(L, upvalname(f, n - 1));
}

/** The identity of an upvalue, as a light userdata is in C: one object per UpVal. */
const upvalueids = new WeakMap<object, LightUserdata>();

function db_upvalueid(L: LuaState): number {
  const f = arg(L, 1);
  const n = checkint(L, 2);
  if (!(f instanceof LClosure) || n < 1 || n > f.upvals.length) return ret(L, undefined);
  const uv = f.upvals[n - 1]!;
  let id = upvalueids.get(uv);
  if (id === undefined) {
    id = new LightUserdata(uv);
    upvalueids.set(uv, id);
  }
  return ret(L, id);
}

/** ldblib.c db_getuservalue: our full userdata carry no user values (lua_newuserdatauv with 0), so the
 * n-th is always absent (LUA_TNONE): nil. */
function db_getuservalue(L: LuaState): number {
  luaL_optinteger(L, 2, 1);
  return ret(L, undefined);
}

/** ldblib.c db_setuservalue: fails (lua_setiuservalue finds no n-th user value). */
function db_setuservalue(L: LuaState): number {
  luaL_optinteger(L, 3, 1);
  if (!(arg(L, 1) instanceof Userdata)) luaL_typeerror(L, 1, "userdata");
  luaL_checkany(L, 2);
  return ret(L, undefined);
}

function db_upvaluejoin(L: LuaState): number {
  const f1 = arg(L, 1);
  const n1 = checkint(L, 2);
  const f2 = arg(L, 3);
  const n2 = checkint(L, 4);
  if (!(f1 instanceof LClosure)) return luaL_typeerror(L, 1, "Lua function");
  if (!(f2 instanceof LClosure)) return luaL_typeerror(L, 3, "Lua function");
  if (n1 < 1 || n1 > f1.upvals.length) return luaL_argerror(L, 2, "invalid upvalue index");
  if (n2 < 1 || n2 > f2.upvals.length) return luaL_argerror(L, 4, "invalid upvalue index");
  f1.upvals[n1 - 1] = f2.upvals[n2 - 1]!;
  return 0;
}

function db_traceback(L: LuaState): number {
  const [L1, a] = threadarg(L);
  const msg = arg(L, a + 1);
  if (msg !== undefined && typeof msg !== "string" && !isNumber(msg)) return ret(L, msg);
  const level = arg(L, a + 2) === undefined ? (L1 === L ? 1 : 0) : checkint(L, a + 2);
  const text = msg === undefined ? null : typeof msg === "string" ? msg : luaO_tostring(msg);
  return ret(L, luaL_traceback(L1, text, level));
}

// #region counthook
/** A count hook (ldebug.c luaG_traceexec's LUA_MASKCOUNT) over the VM's instruction budget: the VM counts
 * g.budget down before every instruction and calls g.stephook when it goes below zero, so the budget is
 * handed out in slices of `count` instructions and the hook runs at the end of each. The main loop pays
 * nothing more. The real budget stays what it was; steps of the pattern matcher, which count against the
 * budget, count towards the next hook too. */
interface Hook {
  thread: LuaState;
  fn: LuaValue;
  mask: string;
  count: number;
  /** Instructions the real budget allowed when the current slice began, and the slice's size - 1. */
  real: number;
  slice: number;
  inhook: boolean;
}

const hooks = new WeakMap<object, Hook>();

/** Instructions of the real budget left now. */
function realLeft(L: LuaState, h: Hook): number {
  return h.real - (h.slice - L.g.budget);
}

/** Start a slice of at most `count` instructions: the count-th one calls the hook. */
function newslice(L: LuaState, h: Hook, real: number): void {
  h.real = real;
  h.slice = Math.min(h.count - 1, real);
  L.g.budget = h.slice;
}

/** The budget ran out (g.budget is -1): the slice is over. Returns false when the real budget is. */
function endslice(L: LuaState, h: Hook, call: boolean): boolean {
  const consumed = h.slice + 1;
  const real = h.real - consumed;
  if (real < 0) return false;
  newslice(L, h, real);
  if (call && consumed === h.count && !h.inhook && L.g.current === h.thread) {
    // ldo.c luaD_hook: the hook runs above the frame's registers, with hooks off
    const top = L.top;
    if (L.ci.cl !== null) L.top = L.ci.top;
    h.inhook = true;
    try {
      callvalue(L, h.fn, ["count", undefined], 0);
    } finally {
      h.inhook = false; // (an error leaves L.top alone: the error value is on the top)
    }
    L.top = top;
  }
  return true;
}

/** ldblib.c db_sethook: debug.sethook([thread,] hook, mask [, count]); no hook turns it off. */
function db_sethook(L: LuaState): number {
  const [L1, a] = threadarg(L);
  const g = L.g;
  const old = hooks.get(g);
  if (old !== undefined) {
    const left = realLeft(L, old);
    g.budget = Math.min(left, BUDGET_SLICE);
    g.budgetReserve = left - g.budget;
    g.stephook = null;
    g.refill = null;
    hooks.delete(g);
  }
  if (arg(L, a + 1) === undefined) return 0;
  const fn = luaL_checkfunction(L, a + 1);
  const mask = luaL_checkstring(L, a + 2);
  const count = optint(L, a + 3, 0);
  if (count <= 0 && !/[crl]/.test(mask)) return 0;
  if (g.stephook !== null) return luaL_error(L, "a hook cannot be set while the program is traced");
  const h: Hook = { thread: L1, fn, mask, count, real: 0, slice: 0, inhook: false };
  hooks.set(g, h);
  if (count > 0) {
    // the hook hands out the whole budget: the current slice and the reserve the VM has not handed out yet
    newslice(L, h, g.budget + g.budgetReserve);
    g.budgetReserve = 0;
    g.stephook = (L2) => endslice(L2, h, true);
    g.refill = (L2) => endslice(L2, h, false);
  }
  return 0;
}

/** ldblib.c db_gethook: the hook function, its mask and count, or fail. */
function db_gethook(L: LuaState): number {
  const h = hooks.get(L.g);
  if (h === undefined) return ret(L, undefined);
  return ret(L, h.fn, ["c", "r", "l"].filter((c) => h.mask.includes(c)).join(""), h.count);
}
// #endregion counthook

/** ldblib.c luaopen_debug. */
export function luaopen_debug(L: LuaState): LuaTable {
  const funcs: Record<string, CFunction> = {
    getinfo: db_getinfo,
    getlocal: db_getlocal,
    getupvalue: db_getupvalue,
    setupvalue: db_setupvalue,
    upvalueid: db_upvalueid,
    upvaluejoin: db_upvaluejoin,
    getuservalue: db_getuservalue,
    setuservalue: db_setuservalue,
    traceback: db_traceback,
    getregistry: (L1) => ret(L1, L1.g.l_registry),
    getmetatable: (L1) => ret(L1, getmetatable(L1, arg(L1, 1)) ?? undefined),
    setmetatable: (L1) => {
      const v = arg(L1, 1);
      const mt = arg(L1, 2);
      if (!(mt === undefined || mt instanceof LuaTable)) return luaL_typeerror(L1, 2, "nil or table");
      if (v instanceof LuaTable || v instanceof Userdata) v.metatable = mt ?? null;
      else L1.g.mt[ttype(v)] = mt ?? null;
      return ret(L1, v);
    },
    sethook: db_sethook,
    gethook: db_gethook,
  };
  const t = new LuaTable();
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  void L;
  return t;
}
