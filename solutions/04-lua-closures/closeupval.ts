// Exercise 04-lua-closures/closeupval: close the open upvalues at or above a stack level, moving each value out of the stack into the upvalue, as lfunc.c's luaF_closeupval does.
// Points: 4. Grade it with: npm run grade -- 04-lua-closures/closeupval
// Hints: exercises/04-lua-closures/closeupval.hints.md. The chapter section: "Closing an upvalue".
import type { LuaState } from "../../src/lua/lstate.ts";

// #region closeupval
/** Lua 5.4.4 lfunc.c luaF_closeupval: close every open upvalue whose level is `level` or higher. An
 * upvalue's value is always uv.s[uv.i]; closing it gives it a one-slot array of its own ([value], index
 * 0), marks it closed and unlinks it. L.openupval then starts at the first upvalue below `level`. */
export function luaF_closeupval(L: LuaState, level: number): void {
  let uv = L.openupval;
  while (uv !== null && uv.i >= level) {
    const next = uv.next;
    uv.s = [uv.s[uv.i]];
    uv.i = 0;
    uv.open = false;
    uv.next = null;
    uv = next;
  }
  L.openupval = uv;
}
// #endregion closeupval
