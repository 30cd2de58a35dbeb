// Graded suite for exercise 03-lua-opcodes/condjump: with the learner's docondjump after every test
// instruction, programs full of comparisons take the same branches as lua5.4.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { ours, theirs, type Program } from "../vm-oracle.ts";

const needs = { needs: ["lua5.4" as const] };

function sameOutput(sources: string[]): void {
  const programs: Program[] = sources.map((source, i) => ({ name: `cond${i}.lua`, source }));
  const want = theirs(programs);
  programs.forEach((p, i) => {
    const got = ours(p, 1_000_000);
    expect(got.stdout, `output of:\n${p.source}(ours, then lua5.4)`).toBe(want[i]!.stdout);
  });
}

graded("if with ==, <, <= between registers (EQ, LT, LE)", 1, () => {
  sameOutput([
    "local a, b = 1, 2\nif a == b then print('eq') else print('ne') end\nif a < b then print('lt') end\nif b <= a then print('le') else print('gt') end\n",
    "local x, y = 'a', 'b'\nprint(x < y, x == y, y <= x)\n",
  ]);
}, needs);

graded("comparisons with constants and immediates (EQK, EQI, LTI, GEI)", 1, () => {
  sameOutput([
    "local s = 0\nfor i = 1, 20 do if i == 7 then s = s + 100 elseif i < 5 then s = s + 1 elseif i >= 15 then s = s + 10 end end\nprint(s)\n",
    "local t = {}\nfor _, v in ipairs({'a', 'b', 'x'}) do if v == 'x' then t[#t + 1] = v end end\nprint(#t)\n",
  ]);
}, needs);

graded("loops driven by conditions (while, repeat)", 1, () => {
  sameOutput([
    "local i, n = 0, 0\nwhile i < 10 do i = i + 1 if i % 3 == 0 then n = n + i end end\nprint(i, n)\n",
    "local k = 1\nrepeat k = k * 2 until k > 100\nprint(k)\n",
  ]);
}, needs);

graded("and/or and not (TEST)", 1, () => {
  sameOutput([
    "local a, b = nil, 3\nprint(a and 1 or 2, b and 1 or 2, not a, not b)\nif a or b > 2 then print('yes') end\nif not (a or b < 2) then print('no') end\n",
  ]);
}, needs);
