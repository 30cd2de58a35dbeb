// Lua 5.4.4 ltablib.c: the table library, honouring __index/__newindex/__len as 5.4 does, and its sort
// (the same quicksort, so an invalid order function fails where Lua's fails).
import { LuaTable } from "./ltable.ts";
import type { CFunction } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import { isInteger, isNumber, luaO_tostring, mkint, MAXINTEGER, type LuaValue } from "./lvalue.ts";
import { getmetatable, ttypename } from "./ltm.ts";
import { lua_checkstack } from "./ldo.ts";
import { luaV_finishget, luaV_finishset, luaV_objlen, luaV_lessthan, luaV_equalobj } from "./lvm.ts";
import { NOLOC } from "./ldebug.ts";
import {
  arg, ret, lua_gettop, luaL_error, luaL_argerror, luaL_typeerror, luaL_checkinteger, luaL_optinteger, luaL_optstring,
  luaL_checkfunction, callvalue,
} from "./lauxlib.ts";

const TAB_R = 1;
const TAB_W = 2;
const TAB_L = 4;

/** ltablib.c checktab: a table, or a value whose metatable has the fields the operation needs. */
function checktab(L: LuaState, n: number, what: number): LuaValue {
  const t = arg(L, n);
  if (t instanceof LuaTable) return t;
  const mt = getmetatable(L, t);
  if (mt !== null && (!(what & TAB_R) || mt.getStr("__index") !== undefined) &&
    (!(what & TAB_W) || mt.getStr("__newindex") !== undefined) &&
    (!(what & TAB_L) || mt.getStr("__len") !== undefined)) return t;
  return luaL_typeerror(L, n, "table");
}

/** A Lua integer (lua_Integer) in the VM's representation: a safe JS number or a bigint. */
type Int = number | bigint;

/** luaL_intop(+, a, d): integer addition with 64-bit wraparound. */
function iadd(a: Int, d: number): Int {
  if (typeof a === "number") {
    const r = a + d;
    if (Number.isSafeInteger(r)) return r;
  }
  return mkint(BigInt(a) + BigInt(d));
}

/** (lua_Unsigned)a: the integer's bits read as unsigned, for the range checks ltablib.c does that way. */
function unsigned(a: Int): bigint {
  return BigInt.asUintN(64, BigInt(a));
}

/** lua_geti with metamethods. */
function geti(L: LuaState, t: LuaValue, i: Int): LuaValue {
  if (t instanceof LuaTable) {
    const v = typeof i === "number" ? t.getInt(i) : t.get(i);
    if (v !== undefined || t.metatable === null) return v;
  }
  return luaV_finishget(L, t, i, NOLOC);
}

/** lua_seti with metamethods. */
function seti(L: LuaState, t: LuaValue, i: Int, v: LuaValue): void {
  if (t instanceof LuaTable && t.metatable === null) {
    if (typeof i === "number") t.setInt(i, v);
    else t.set(i, v);
  } else luaV_finishset(L, t, i, v, NOLOC);
}

/** lauxlib.c luaL_len: #t with __len, which must be an integer. */
function luaL_len(L: LuaState, t: LuaValue): Int {
  const n = luaV_objlen(L, t, NOLOC);
  if (isInteger(n)) return n;
  return luaL_error(L, "object length is not an integer");
}

function aux_getn(L: LuaState, n: number, w: number): Int {
  return luaL_len(L, checktab(L, n, w | TAB_L));
}

function tinsert(L: LuaState): number {
  const t = arg(L, 1);
  const e = iadd(aux_getn(L, 1, TAB_R | TAB_W), 1); // first empty element
  let pos: Int;
  switch (lua_gettop(L)) {
    case 2:
      pos = e;
      break;
    case 3: {
      pos = luaL_checkinteger(L, 2);
      if (!(unsigned(iadd(pos, -1)) < unsigned(e))) luaL_argerror(L, 2, "position out of bounds");
      for (let i = e; i > pos; i = iadd(i, -1)) seti(L, t, i, geti(L, t, iadd(i, -1)));
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  seti(L, t, pos, arg(L, lua_gettop(L)));
  return 0;
}

function tremove(L: LuaState): number {
  const t = arg(L, 1);
  const size = aux_getn(L, 1, TAB_R | TAB_W);
  let pos = luaL_optinteger(L, 2, size);
  if (pos !== size && !(unsigned(iadd(pos, -1)) <= unsigned(size))) luaL_argerror(L, 1, "position out of bounds"); // 1: as ltablib.c 5.4.4 says
  const v = geti(L, t, pos);
  for (; pos < size; pos = iadd(pos, 1)) seti(L, t, pos, geti(L, t, iadd(pos, 1)));
  seti(L, t, pos, undefined);
  return ret(L, v);
}

function tmove(L: LuaState): number {
  const f = BigInt(luaL_checkinteger(L, 2));
  const e = BigInt(luaL_checkinteger(L, 3));
  const t = BigInt(luaL_checkinteger(L, 4));
  const tt = arg(L, 5) !== undefined ? 5 : 1;
  const a1 = checktab(L, 1, TAB_R);
  const dest = checktab(L, tt, TAB_W);
  if (e >= f) {
    if (!(f > 0n || e < MAXINTEGER + f)) luaL_argerror(L, 3, "too many elements to move");
    const n = e - f + 1n;
    if (!(t <= MAXINTEGER - n + 1n)) luaL_argerror(L, 4, "destination wrap around");
    if (t > e || t <= f || (tt !== 1 && !luaV_equalobj(L, a1, dest))) {
      for (let i = 0n; i < n; i++) seti(L, dest, mkint(t + i), geti(L, a1, mkint(f + i)));
    } else {
      for (let i = n - 1n; i >= 0n; i--) seti(L, dest, mkint(t + i), geti(L, a1, mkint(f + i)));
    }
  }
  return ret(L, dest);
}

function tconcat(L: LuaState): number {
  const t = arg(L, 1);
  let last = aux_getn(L, 1, TAB_R);
  const sep = luaL_optstring(L, 2, "");
  let i = luaL_optinteger(L, 3, 1);
  last = luaL_optinteger(L, 4, last);
  const parts: string[] = [];
  const addfield = (): void => {
    const v = geti(L, t, i);
    if (typeof v === "string") parts.push(v);
    else if (isNumber(v)) parts.push(luaO_tostring(v));
    else luaL_error(L, `invalid value (${ttypename(v)}) at index ${i} in table for 'concat'`);
  };
  for (; i < last; i = iadd(i, 1)) addfield();
  if (i === last) addfield();
  return ret(L, parts.join(sep));
}

function tpack(L: LuaState): number {
  const n = lua_gettop(L);
  const t = new LuaTable();
  t.resize(n, 1);
  for (let i = 1; i <= n; i++) t.setInt(i, arg(L, i));
  t.set("n", n);
  return ret(L, t);
}

function tunpack(L: LuaState): number {
  const t = arg(L, 1);
  let i = luaL_optinteger(L, 2, 1);
  const e = arg(L, 3) === undefined ? luaL_len(L, t) : luaL_checkinteger(L, 3);
  if (i > e) return 0;
  const n1 = BigInt.asUintN(64, BigInt(e) - BigInt(i)); // number of elements minus 1 (avoids overflows)
  if (n1 >= 0x7fffffffn || !lua_checkstack(L, Number(n1) + 1)) return luaL_error(L, "too many results to unpack");
  const n = Number(n1) + 1;
  for (; i < e; i = iadd(i, 1)) L.stack[L.top++] = geti(L, t, i);
  L.stack[L.top++] = geti(L, t, e);
  return n;
}

// #region sort
const RANLIMIT = 100;

function sort_comp(L: LuaState, a: LuaValue, b: LuaValue): boolean {
  const f = arg(L, 2);
  if (f === undefined) return luaV_lessthan(L, a, b);
  const r = callvalue(L, f, [a, b], 1)[0];
  return r !== undefined && r !== false;
}

function auxsort(L: LuaState, t: LuaValue, lo: number, up: number, rnd: number): void {
  while (lo < up) {
    let p: number;
    let n: number;
    {
      const alo = geti(L, t, lo);
      const aup = geti(L, t, up);
      if (sort_comp(L, aup, alo)) {
        seti(L, t, lo, aup);
        seti(L, t, up, alo);
      }
    }
    if (up - lo === 1) break;
    if (up - lo < RANLIMIT || rnd === 0) p = Math.floor((lo + up) / 2);
    else {
      const r4 = Math.floor((up - lo) / 4);
      p = (rnd >>> 0) % (r4 * 2) + (lo + r4);
    }
    {
      const ap = geti(L, t, p);
      const alo = geti(L, t, lo);
      if (sort_comp(L, ap, alo)) {
        seti(L, t, p, alo);
        seti(L, t, lo, ap);
      } else {
        const aup = geti(L, t, up);
        if (sort_comp(L, aup, ap)) {
          seti(L, t, p, aup);
          seti(L, t, up, ap);
        }
      }
    }
    if (up - lo === 2) break;
    const P = geti(L, t, p);
    seti(L, t, p, geti(L, t, up - 1));
    seti(L, t, up - 1, P);
    // partition
    let i = lo;
    let j = up - 1;
    for (;;) {
      let ai: LuaValue;
      while (sort_comp(L, (ai = geti(L, t, ++i)), P)) {
        if (i === up - 1) luaL_error(L, "invalid order function for sorting");
      }
      let aj: LuaValue;
      while (sort_comp(L, P, (aj = geti(L, t, --j)))) {
        if (j < i) luaL_error(L, "invalid order function for sorting");
      }
      if (j < i) {
        seti(L, t, up - 1, ai);
        seti(L, t, i, P);
        break;
      }
      seti(L, t, i, aj);
      seti(L, t, j, ai);
    }
    p = i;
    if (p - lo < up - p) {
      auxsort(L, t, lo, p - 1, rnd);
      n = p - lo;
      lo = p + 1;
    } else {
      auxsort(L, t, p + 1, up, rnd);
      n = up - p;
      up = p - 1;
    }
    if ((up - lo) / 128 > n) rnd = (Math.random() * 0xffffffff) >>> 0;
  }
}

function sort(L: LuaState): number {
  const t = arg(L, 1);
  const n = aux_getn(L, 1, TAB_R | TAB_W);
  if (n > 1) {
    if (!(n < 0x7fffffff)) luaL_argerror(L, 1, "array too big");
    if (arg(L, 2) !== undefined) luaL_checkfunction(L, 2);
    auxsort(L, t, 1, Number(n), 0);
  }
  return 0;
}
// #endregion sort

/** ltablib.c luaopen_table. */
export function luaopen_table(L: LuaState): LuaTable {
  const funcs: Record<string, CFunction> = {
    concat: tconcat, insert: tinsert, pack: tpack, unpack: tunpack, remove: tremove, move: tmove, sort,
  };
  const t = new LuaTable();
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  void L;
  return t;
}
