// Lua 5.4.4 lcorolib.c: the coroutine library over lua_resume / lua_yield (ldo.ts).
import { LuaTable } from "./ltable.ts";
import { LClosure } from "./lfunc.ts";
import type { CFunction } from "./lfunc.ts";
import { LuaState, lua_newthread, yieldable, LUA_OK, LUA_YIELD, LUA_ERRMEM } from "./lstate.ts";
import { lua_resume, lua_yieldk, luaE_resetthread, lua_checkstack } from "./ldo.ts";
import { luaL_where } from "./ldebug.ts";
import { arg, ret, push, lua_gettop, lua_error, luaL_error, luaL_typeerror } from "./lauxlib.ts";

function getco(L: LuaState): LuaState {
  const co = arg(L, 1);
  if (!(co instanceof LuaState)) return luaL_typeerror(L, 1, "coroutine");
  return co;
}

/** lcorolib.c auxresume: move narg values to co, resume it, move its results back. Returns the number of
 * results, or -1 with the error object pushed. */
function auxresume(L: LuaState, co: LuaState, narg: number): number {
  const s = L.stack;
  if (!lua_checkstack(co, narg)) {
    s[L.top++] = "too many arguments to resume";
    return -1;
  }
  const first = L.top - narg;
  for (let i = 0; i < narg; i++) co.stack[co.top++] = s[first + i];
  L.top = first;
  const nres = [0];
  const status = lua_resume(co, L, narg, nres);
  if (status === LUA_OK || status === LUA_YIELD) {
    const n = nres[0]!;
    const from = co.top - n;
    if (!lua_checkstack(L, n + 1)) {
      co.top = from; // remove results anyway
      s[L.top++] = "too many results to resume";
      return -1;
    }
    for (let i = 0; i < n; i++) s[L.top++] = co.stack[from + i];
    co.top = from;
    return n;
  }
  s[L.top++] = co.stack[--co.top];
  return -1;
}

function luaB_coresume(L: LuaState): number {
  const co = getco(L);
  const r = auxresume(L, co, lua_gettop(L) - 1);
  const s = L.stack;
  if (r < 0) {
    const msg = s[L.top - 1];
    L.top--;
    return ret(L, false, msg);
  }
  // insert true below the r results
  for (let p = L.top; p > L.top - r; p--) s[p] = s[p - 1];
  s[L.top - r] = true;
  L.top++;
  return r + 1;
}

function luaB_auxwrap(co: LuaState): CFunction {
  return (L: LuaState): number => {
    const r = auxresume(L, co, lua_gettop(L));
    if (r < 0) {
      let stat = co.status;
      if (stat !== LUA_OK && stat !== LUA_YIELD) {
        stat = luaE_resetthread(co, stat);
        L.stack[L.top - 1] = co.stack[--co.top]; // lua_xmove(co, L, 1)
      }
      const err = L.stack[L.top - 1];
      if (stat !== LUA_ERRMEM && typeof err === "string") L.stack[L.top - 1] = luaL_where(L, 1) + err;
      return lua_error(L);
    }
    return r;
  };
}

function luaB_cocreate(L: LuaState): number {
  const f = arg(L, 1);
  if (!(typeof f === "function" || f instanceof LClosure)) return luaL_typeerror(L, 1, "function");
  const NL = lua_newthread(L);
  NL.stack[NL.top++] = f;
  return ret(L, NL);
}

function luaB_cowrap(L: LuaState): number {
  luaB_cocreate(L);
  const co = L.stack[L.top - 1] as LuaState;
  L.top--;
  return ret(L, luaB_auxwrap(co));
}

function luaB_yield(L: LuaState): number {
  return lua_yieldk(L, lua_gettop(L), 0, null);
}

const COS_RUN = 0;
const COS_DEAD = 1;
const COS_YIELD = 2;
const COS_NORM = 3;
const statname = ["running", "dead", "suspended", "normal"];

/** lcorolib.c auxstatus. */
function auxstatus(L: LuaState, co: LuaState): number {
  if (L === co) return COS_RUN;
  switch (co.status) {
    case LUA_YIELD:
      return COS_YIELD;
    case LUA_OK:
      if (co.ci !== co.base_ci) return COS_NORM;
      if (co.top - (co.ci.func + 1) === 0) return COS_DEAD;
      return COS_YIELD;
    default:
      return COS_DEAD;
  }
}

function luaB_costatus(L: LuaState): number {
  const co = getco(L);
  return ret(L, statname[auxstatus(L, co)]);
}

function luaB_yieldable(L: LuaState): number {
  const co = arg(L, 1) === undefined ? L : getco(L);
  return ret(L, yieldable(co));
}

function luaB_corunning(L: LuaState): number {
  return ret(L, L, L === L.g.mainthread);
}

function luaB_close(L: LuaState): number {
  const co = getco(L);
  const status = auxstatus(L, co);
  if (status === COS_DEAD || status === COS_YIELD) {
    const st = luaE_resetthread(co, co.status);
    if (st === LUA_OK) return ret(L, true);
    push(L, false);
    push(L, co.stack[--co.top]); // lua_xmove(co, L, 1)
    return 2;
  }
  return luaL_error(L, `cannot close a ${statname[status]} coroutine`);
}

/** lcorolib.c luaopen_coroutine. */
export function luaopen_coroutine(L: LuaState): LuaTable {
  const t = new LuaTable();
  const funcs: Record<string, CFunction> = {
    create: luaB_cocreate,
    resume: luaB_coresume,
    running: luaB_corunning,
    status: luaB_costatus,
    wrap: luaB_cowrap,
    yield: luaB_yield,
    isyieldable: luaB_yieldable,
    close: luaB_close,
  };
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  void L;
  return t;
}
