// Lua 5.4.4 linit.c: luaL_openlibs, the standard libraries a new state gets, and package.loaded.
import { LuaTable } from "./ltable.ts";
import type { LuaState } from "./lstate.ts";
import { luaopen_base } from "./lbaselib.ts";
import { luaopen_coroutine } from "./lcorolib.ts";
import { libraries } from "./lualib.ts";

/** linit.c luaL_openlibs: open every library into _G and register it in package.loaded (the registry's
 * _LOADED, where tracebacks find names such as 'string.rep'). */
export function luaL_openlibs(L: LuaState): void {
  const loaded = new LuaTable();
  L.g.l_registry.set("_LOADED", loaded);
  loaded.set("_G", luaopen_base(L));
  const co = luaopen_coroutine(L);
  L.g.l_G.set("coroutine", co);
  loaded.set("coroutine", co);
  for (const [name, open] of libraries) {
    const lib = open(L);
    L.g.l_G.set(name, lib);
    loaded.set(name, lib);
  }
}
