// Graded suite for exercise 04-lua-closures/findupval: the open upvalue list stays sorted and shared, and
// closure programs run by our VM (with the learner's luaF_findupval inside OP_CLOSURE) print what lua5.4 prints.
import { expect } from "vitest";
import fc from "fast-check";
import { graded } from "../../../src/course/graded.ts";
import { luaF_findupval } from "../../../src/lua/seams.ts";
import { lua_newstate } from "../../../src/lua/lstate.ts";
import { ours, theirs } from "../../03-lua-opcodes/vm-oracle.ts";
import { THEMES } from "../closure-programs.ts";

function sameAsLua(sources: string[], theme: string): void {
  const programs = sources.map((source, j) => ({ name: `${theme}${j}.lua`, source }));
  const want = theirs(programs);
  programs.forEach((p, j) => expect(ours(p), `${p.name} (ours, then lua5.4):\n${p.source}`).toEqual(want[j]));
}

graded("the open list stays sorted by level, highest first, one upvalue per level", 2, () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 40 }), (levels) => {
    const L = lua_newstate();
    const got = new Map<number, unknown>();
    for (const lv of levels) {
      const uv = luaF_findupval(L, lv);
      expect(uv.i, `luaF_findupval(L, ${lv}) returned an upvalue for level ${uv.i}`).toBe(lv);
      expect(uv.open, "a new upvalue is open").toBe(true);
      if (got.has(lv)) expect(uv, `a second luaF_findupval(L, ${lv}) must return the same shared upvalue`).toBe(got.get(lv));
      got.set(lv, uv);
    }
    const list: number[] = [];
    for (let p = L.openupval; p !== null; p = p.next) list.push(p.i);
    const want = [...new Set(levels)].sort((a, b) => b - a);
    expect(list, `open list after finding levels ${levels.join(", ")}`).toEqual(want);
  }));
});

graded("sibling closures and nested functions share one upvalue (same output as lua5.4)", 2, () => {
  sameAsLua(THEMES.shared!, "shared");
}, { needs: ["lua5.4"] });

graded("closures made in loops and coroutines (same output as lua5.4)", 2, () => {
  sameAsLua([...THEMES.loops!, ...THEMES.coroutines!], "loops");
}, { needs: ["lua5.4"] });
