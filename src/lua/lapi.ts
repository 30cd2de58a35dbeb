// The embedding API of our Lua (the parts of lapi.c and lua.c a host needs): make a state with the
// standard libraries, load a chunk, run it protected with a traceback, with an instruction budget.
import { lua_newstate, LuaState, LUA_OK, LUA_MULTRET, BUDGET_SLICE } from "./lstate.ts";
import { luaL_openlibs } from "./linit.ts";
import { luaL_loadbufferx } from "./lbaselib.ts";
import { luaD_pcall, luaD_call } from "./ldo.ts";
import { luaL_traceback } from "./ldebug.ts";
import { luaL_tolstring } from "./lauxlib.ts";
import { getmetatable, ttypename } from "./ltm.ts";
import { isNumber, luaO_tostring } from "./lvalue.ts";

export interface StateOptions {
  /** Stop after this many instructions (an uncatchable BudgetExceeded error). */
  budget?: number;
  /** Where print and io.write send their output (bytes as a Latin-1 string). */
  stdout?: (s: string) => void;
  stderr?: (s: string) => void;
}

/** A new state with the standard libraries (luaL_newstate + luaL_openlibs). */
export function luaL_newstate(opts: StateOptions = {}): LuaState {
  const L = lua_newstate();
  if (opts.stdout) L.g.stdout = opts.stdout;
  if (opts.stderr) L.g.stderr = opts.stderr;
  if (opts.budget !== undefined) {
    L.g.budget = Math.min(opts.budget, BUDGET_SLICE);
    L.g.budgetReserve = opts.budget - L.g.budget;
    L.g.budgetLimit = opts.budget;
  }
  luaL_openlibs(L);
  return L;
}

/** lua.c msghandler: the error message with a stack traceback appended. */
export function msghandler(L: LuaState): number {
  const v = L.stack[L.ci.func + 1];
  let msg: string;
  if (typeof v === "string") msg = v;
  else if (isNumber(v)) msg = luaO_tostring(v);
  else {
    const mt = getmetatable(L, v);
    if (mt !== null && mt.getStr("__tostring") !== undefined) {
      const s = luaL_tolstring(L, v);
      L.stack[L.top++] = s;
      return 1;
    }
    msg = `(error object is a ${ttypename(v)} value)`;
  }
  L.stack[L.top++] = luaL_traceback(L, msg, 1);
  return 1;
}

/** lua.c docall: call the function below nargs arguments with msghandler; LUA_OK or an error status
 * with the message (and traceback) on the top. */
export function docall(L: LuaState, nargs: number, nres: number): number {
  const base = L.top - nargs;
  const s = L.stack;
  for (let p = L.top; p > base - 1; p--) s[p] = s[p - 1];
  s[base - 1] = msghandler;
  L.top++;
  const func = base;
  const status = luaD_pcall(L, () => luaD_call(L, func, nres), func, base - 1);
  // remove the message handler
  for (let p = base - 1; p < L.top - 1; p++) s[p] = s[p + 1];
  L.top--;
  return status;
}

/** Load a chunk from source bytes (a Latin-1 string) and run it; returns null or the error message with
 * its traceback. */
export function dostring(L: LuaState, source: string, chunkname: string): string | null {
  const bytes = Uint8Array.from(source, (c) => c.charCodeAt(0) & 0xff);
  const cl = luaL_loadbufferx(L, bytes, chunkname, "bt");
  if (typeof cl === "string") return cl;
  L.stack[L.top++] = cl;
  const status = docall(L, 0, LUA_MULTRET);
  if (status === LUA_OK) {
    L.top = L.ci.func + 1;
    return null;
  }
  const msg = L.stack[--L.top];
  return typeof msg === "string" ? msg : String(msg);
}
