// Lua 5.4.4 loslib.c, as far as a course needs: os.time, os.clock, os.date (common formats), os.getenv,
// os.exit, and os.setlocale with the one locale a JavaScript runtime has, "C".
import { LuaTable } from "./ltable.ts";
import type { CFunction } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import { mkflt } from "./lvalue.ts";
import { arg, ret, luaL_checkstring, luaL_optstring, luaL_checktable, luaL_error, luaL_checkoption } from "./lauxlib.ts";

/** loslib.c os_clock: the processor time the program has used, clock() / CLOCKS_PER_SEC. */
function os_clock(L: LuaState): number {
  const { user, system } = process.cpuUsage();
  return ret(L, mkflt((user + system) / 1e6));
}

function getfield(L: LuaState, t: LuaTable, k: string, d: number): number {
  const v = t.get(k);
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (v === undefined && d >= 0) return d;
  return luaL_error(L, `field '${k}' missing in date table`);
}

function os_time(L: LuaState): number {
  if (arg(L, 1) === undefined) return ret(L, Math.floor(Date.now() / 1000));
  const t = luaL_checktable(L, 1);
  const d = new Date(getfield(L, t, "year", -1), getfield(L, t, "month", -1) - 1, getfield(L, t, "day", -1),
    getfield(L, t, "hour", 12), getfield(L, t, "min", 0), getfield(L, t, "sec", 0));
  return ret(L, Math.floor(d.getTime() / 1000));
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];

function os_date(L: LuaState): number {
  let fmt = luaL_optstring(L, 1, "%c");
  const t = arg(L, 2) === undefined ? Date.now() / 1000 : Number(arg(L, 2));
  let utc = false;
  if (fmt.startsWith("!")) {
    utc = true;
    fmt = fmt.slice(1);
  }
  const d = new Date(t * 1000);
  const g = {
    Y: utc ? d.getUTCFullYear() : d.getFullYear(), m: (utc ? d.getUTCMonth() : d.getMonth()) + 1,
    d: utc ? d.getUTCDate() : d.getDate(), H: utc ? d.getUTCHours() : d.getHours(),
    M: utc ? d.getUTCMinutes() : d.getMinutes(), S: utc ? d.getUTCSeconds() : d.getSeconds(),
    w: utc ? d.getUTCDay() : d.getDay(),
  };
  if (fmt.startsWith("*t")) {
    const r = new LuaTable();
    r.set("year", g.Y); r.set("month", g.m); r.set("day", g.d); r.set("hour", g.H); r.set("min", g.M);
    r.set("sec", g.S); r.set("wday", g.w + 1);
    const start = utc ? Date.UTC(g.Y, 0, 1) : new Date(g.Y, 0, 1).getTime();
    r.set("yday", Math.floor((d.getTime() - start) / 86400000) + 1);
    r.set("isdst", false);
    return ret(L, r);
  }
  const p2 = (n: number): string => String(n).padStart(2, "0");
  const out = fmt.replace(/%(.)/g, (_m, c: string) => {
    switch (c) {
      case "Y": return String(g.Y);
      case "y": return p2(g.Y % 100);
      case "m": return p2(g.m);
      case "d": return p2(g.d);
      case "H": return p2(g.H);
      case "M": return p2(g.M);
      case "S": return p2(g.S);
      case "p": return g.H < 12 ? "AM" : "PM";
      case "A": return DAYS[g.w]!;
      case "a": return DAYS[g.w]!.slice(0, 3);
      case "B": return MONTHS[g.m - 1]!;
      case "b": return MONTHS[g.m - 1]!.slice(0, 3);
      case "c": return `${DAYS[g.w]!.slice(0, 3)} ${MONTHS[g.m - 1]!.slice(0, 3)} ${String(g.d).padStart(2, " ")} ` +
        `${p2(g.H)}:${p2(g.M)}:${p2(g.S)} ${g.Y}`;
      case "x": return `${p2(g.m)}/${p2(g.d)}/${p2(g.Y % 100)}`;
      case "X": return `${p2(g.H)}:${p2(g.M)}:${p2(g.S)}`;
      case "%": return "%";
      default: return luaL_error(L, `bad argument #1 to 'date' (invalid conversion specifier '%${c}')`);
    }
  });
  return ret(L, out);
}

function os_getenv(L: LuaState): number {
  const v = process.env[luaL_checkstring(L, 1)];
  return ret(L, v === undefined ? undefined : Buffer.from(v, "utf8").toString("latin1"));
}

function os_exit(L: LuaState): number {
  const v = arg(L, 1);
  const code = v === undefined || v === true ? 0 : v === false ? 1 : Number(v);
  process.stdout.write("", () => process.exit(code));
  throw new OsExit(code);
}

/** loslib.c os_setlocale over C's setlocale, for the one locale this library has: "C" (alias "POSIX"),
 * whose decimal point is '.'. A query (no locale) answers "C"; any other locale, including "" (the
 * environment's), is unavailable, so setlocale fails with nil as it does for a locale not installed. */
function os_setlocale(L: LuaState): number {
  const l = arg(L, 1) === undefined ? undefined : luaL_checkstring(L, 1);
  luaL_checkoption(L, 2, "all", ["all", "collate", "ctype", "monetary", "numeric", "time"]);
  return ret(L, l === undefined || l === "C" || l === "POSIX" ? "C" : undefined);
}

/** Raised by os.exit to unwind the interpreter while stdout drains. */
export class OsExit extends Error {
  constructor(readonly code: number) {
    super(`os.exit(${code})`);
  }
}

/** loslib.c luaopen_os. */
export function luaopen_os(L: LuaState): LuaTable {
  const funcs: Record<string, CFunction> = { clock: os_clock, time: os_time, date: os_date, getenv: os_getenv,
    exit: os_exit, setlocale: os_setlocale };
  const t = new LuaTable();
  for (const [k, f] of Object.entries(funcs)) t.set(k, f);
  void L;
  return t;
}
