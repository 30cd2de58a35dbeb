// Lua 5.4.4 lualib.h: the libraries beyond the base and coroutine ones, by name (string, table, math...).
import type { LuaTable } from "./ltable.ts";
import type { LuaState } from "./lstate.ts";

/** Each library's luaopen_ function, in the order linit.c opens them. */
export const libraries: [string, (L: LuaState) => LuaTable][] = [];
