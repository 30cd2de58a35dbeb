// Exercise 04-lua-closures/tbc-close: close the upvalues and call the __close metamethods of the to-be-closed variables at or above a level, last declared first, with the error object on an error, as lfunc.c's luaF_close does.
// Points: 6. Grade it with: npm run grade -- 04-lua-closures/tbc-close
// Hints: exercises/04-lua-closures/tbc-close.hints.md. The chapter section: "To-be-closed variables".
import { CLOSEKTOP, luaF_closeupval } from "../../src/lua/lfunc.ts";
import type { LuaState } from "../../src/lua/lstate.ts";
import type { LuaValue } from "../../src/lua/lvalue.ts";
import { luaT_gettmbyobj, TM_CLOSE } from "../../src/lua/ltm.ts";
import { luaD_seterrorobj, callclosemethod } from "../../src/lua/ldo.ts";

// #region tbc-close
/** Lua 5.4.4 lfunc.c luaF_close: close the upvalues at or above `level` (luaF_closeupval), then, while
 * the last entry of L.tbclist (stack levels, lowest first) is at or above `level`, pop it and call the
 * variable's __close (prepcallclosemth): with the error object as second argument when `status` is an
 * error (luaD_seterrorobj(L, status, tbc + 1) puts it at tbc + 1), with nil when status is CLOSEKTOP.
 * Returns the level. */
export function luaF_close(L: LuaState, level: number, status: number, yy: boolean): number {
  luaF_closeupval(L, level);
  const list = L.tbclist;
  while (list.length > 0 && list[list.length - 1]! >= level) {
    const tbc = list.pop()!;
    const obj = L.stack[tbc];
    let errobj: LuaValue;
    if (status === CLOSEKTOP) errobj = undefined;
    else {
      luaD_seterrorobj(L, status, tbc + 1);
      errobj = L.stack[tbc + 1];
    }
    callclosemethod(L, luaT_gettmbyobj(L, obj, TM_CLOSE), obj, errobj, yy);
  }
  return level;
}
// #endregion tbc-close
