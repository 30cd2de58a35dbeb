// Exercise 04-lua-closures/closure-upvals: fill a new closure's upvalues from its Proto's upvalue descriptors, as lvm.c's pushclosure does for OP_CLOSURE.
// Points: 4. Grade it with: npm run grade -- 04-lua-closures/closure-upvals
// Hints: exercises/04-lua-closures/closure-upvals.hints.md. The chapter section: "Upvalue descriptors in the listing".
import type { UpVal } from "../../src/lua/lfunc.ts";
import type { Upvaldesc } from "../../src/lua/lobject.ts";
import type { LuaState } from "../../src/lua/lstate.ts";
import { luaF_findupval } from "../../src/lua/seams.ts";

/** Lua 5.4.4 lvm.c pushclosure's loop: for each descriptor i, out[i] is the open upvalue of register
 * `idx` of the enclosing frame (stack level base + idx, found with luaF_findupval) when `instack`, else
 * the enclosing closure's upvalue encup[idx], shared as it is. */
export function closureUpvals(L: LuaState, descs: Upvaldesc[], encup: UpVal[], base: number, out: UpVal[]): void {
  for (let i = 0; i < descs.length; i++) {
    const d = descs[i]!;
    out[i] = d.instack ? luaF_findupval(L, base + d.idx) : encup[d.idx]!;
  }
}
