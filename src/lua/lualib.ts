// Lua 5.4.4 lualib.h: the libraries beyond the base and coroutine ones, by name, in linit.c's order.
import type { LuaTable } from "./ltable.ts";
import type { LuaState } from "./lstate.ts";
import { luaopen_package } from "./loadlib.ts";
import { luaopen_table } from "./ltablib.ts";
import { luaopen_io } from "./liolib.ts";
import { luaopen_os } from "./loslib.ts";
import { luaopen_string } from "./lstrlib.ts";
import { luaopen_math } from "./lmathlib.ts";
import { luaopen_utf8 } from "./lutf8lib.ts";
import { luaopen_debug } from "./ldblib.ts";

/** Each library's luaopen_ function. */
export const libraries: [string, (L: LuaState) => LuaTable][] = [
  ["package", luaopen_package],
  ["table", luaopen_table],
  ["io", luaopen_io],
  ["os", luaopen_os],
  ["string", luaopen_string],
  ["math", luaopen_math],
  ["utf8", luaopen_utf8],
  ["debug", luaopen_debug],
];
