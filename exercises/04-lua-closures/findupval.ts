// Exercise 04-lua-closures/findupval: find or create the open upvalue of a stack level, keeping the thread's list sorted and each level's upvalue shared, as lfunc.c's luaF_findupval does.
// Points: 6. Grade it with: npm run grade -- 04-lua-closures/findupval
// Hints: exercises/04-lua-closures/findupval.hints.md. The chapter section: "Finding an open upvalue".
import { todo } from "../../src/course/todo.ts";
import type { UpVal } from "../../src/lua/lfunc.ts";
import type { LuaState } from "../../src/lua/lstate.ts";

/** Lua 5.4.4 lfunc.c luaF_findupval: the open upvalue for stack level `level`, created when there is
 * none. L.openupval is a list linked by `next`, sorted by level, highest first; the search stops as soon
 * as it passes the level. A new upvalue is
 * `{ s: L.stack, i: level, next, open: true }`, linked in its place. */
export function luaF_findupval(L: LuaState, level: number): UpVal {
  return todo("04-lua-closures/findupval");
}
