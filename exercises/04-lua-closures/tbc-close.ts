// Exercise 04-lua-closures/tbc-close: call the __close metamethods of the to-be-closed variables at or above a level, last declared first, as the loop of lfunc.c's luaF_close does.
// Points: 6. Grade it with: npm run grade -- 04-lua-closures/tbc-close
// Hints: exercises/04-lua-closures/tbc-close.hints.md. The chapter section: "To-be-closed variables".
import { todo } from "../../src/course/todo.ts";
import type { LuaState } from "../../src/lua/lstate.ts";

/** lfunc.c prepcallclosemth: call the __close of the variable at stack level tbc, with nil as the error
 * on a normal close (status CLOSEKTOP) and with the error object otherwise. */
export type PrepCallCloseMth = (L: LuaState, tbc: number, status: number, yy: boolean) => void;

/** Lua 5.4.4 lfunc.c luaF_close, after its luaF_closeupval: while the last entry of L.tbclist (stack
 * levels of the to-be-closed variables, oldest first) is at or above `level`, remove it and close that
 * variable with prepcallclosemth. Returns the level. */
export function luaF_close(L: LuaState, level: number, status: number, yy: boolean,
  prepcallclosemth: PrepCallCloseMth): number {
  return todo("04-lua-closures/tbc-close");
}
