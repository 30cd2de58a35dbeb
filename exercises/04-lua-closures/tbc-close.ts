// Exercise 04-lua-closures/tbc-close: close the upvalues and call the __close metamethods of the to-be-closed variables at or above a level, last declared first, with the error object on an error, as lfunc.c's luaF_close does.
// Points: 6. Grade it with: npm run grade -- 04-lua-closures/tbc-close
// Hints: exercises/04-lua-closures/tbc-close.hints.md. The chapter section: "To-be-closed variables".
import { todo } from "../../src/course/todo.ts";
import type { LuaState } from "../../src/lua/lstate.ts";

/** Lua 5.4.4 lfunc.c luaF_close: close the upvalues at or above `level` (luaF_closeupval), then, while
 * the last entry of L.tbclist (stack levels, lowest first) is at or above `level`, pop it and call the
 * variable's __close (prepcallclosemth): with the error object as second argument when `status` is an
 * error (luaD_seterrorobj(L, status, tbc + 1) puts it at tbc + 1), with nil when status is CLOSEKTOP.
 * Returns the level. */
export function luaF_close(L: LuaState, level: number, status: number, yy: boolean): number {
  return todo("04-lua-closures/tbc-close");
}
