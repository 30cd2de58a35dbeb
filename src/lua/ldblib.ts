// Lua 5.4.4 ldblib.c, as far as teaching and the official tests need it: traceback, getinfo, getlocal,
// getupvalue/setupvalue, upvalueid/upvaluejoin, get/setmetatable, getregistry, and sethook/gethook
// (recorded; the instruction budget of the VM is the hook we honour).
import { LuaTable } from "./ltable.ts";
import { LClosure, type CFunction } from "./lfunc.ts";
import { LuaState, CIST_TAIL, type CallInfo } from "./lstate.ts";
import { binaryString, luaG_getfuncline } from "./lobject.ts";
import { Userdata, LightUserdata, type LuaValue } from "./lvalue.ts";
import { luaL_traceback, luaO_chunkid, getfuncname, getcurrentline, luaF_getlocalname, currentpc } from "./ldebug.ts";
import { getmetatable, ttype } from "./ltm.ts";
import {
  arg, ret, luaL_argerror, luaL_typeerror, luaL_checkany, luaL_optinteger, checkint, luaL_optstring, isfunction,
  lua_gettop,
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

let hook: LuaValue[] = [];

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
    sethook: (L1) => {
      hook = [arg(L1, 1), arg(L1, 2), arg(L1, 3)].slice(0, lua_gettop(L1));
      return 0;
    },
    gethook: (L1) => ret(L1, ...hook),
  };
  const t = new LuaTable();
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  void L;
  return t;
}
