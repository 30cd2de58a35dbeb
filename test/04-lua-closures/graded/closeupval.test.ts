// Graded suite for exercise 04-lua-closures/closeupval: closing moves values out of the stack, leaves the
// rest of the list open, and closure programs run by our VM print what lua5.4 prints.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { luaF_closeupval, luaF_findupval } from "../../../src/lua/seams.ts";
import { lua_newstate } from "../../../src/lua/lstate.ts";
import { ours, theirs } from "../../03-lua-opcodes/vm-oracle.ts";
import { THEMES } from "../closure-programs.ts";

graded("closing at a level closes that prefix of the list and keeps the values", 2, () => {
  const L = lua_newstate();
  const uvs = [2, 5, 9, 12].map((lv) => {
    L.stack[lv] = `v${lv}`;
    return luaF_findupval(L, lv);
  });
  luaF_closeupval(L, 6);
  for (const uv of uvs.slice(2)) {
    expect(uv.open, "an upvalue at or above the level is closed").toBe(false);
    L.stack.fill("overwritten", 0, 20);
    expect(uv.s[uv.i], "a closed upvalue keeps its own copy of the value, not the stack slot").toMatch(/^v(9|12)$/);
  }
  const rest: number[] = [];
  for (let p = L.openupval; p !== null; p = p.next) rest.push(p.i);
  expect(rest, "open upvalues left below the level (highest first)").toEqual([5, 2]);
  luaF_closeupval(L, 0);
  expect(L.openupval, "closing at level 0 empties the open list").toBeNull();
});

graded("loops, goto and returns close upvalues (same output as lua5.4)", 2, () => {
  const programs = [...THEMES.loops!, ...THEMES.goto!, ...THEMES.shared!].map((source, j) => ({ name: `p${j}.lua`, source }));
  const want = theirs(programs);
  programs.forEach((p, j) => expect(ours(p), `${p.name} (ours, then lua5.4):\n${p.source}`).toEqual(want[j]));
}, { needs: ["lua5.4"] });
