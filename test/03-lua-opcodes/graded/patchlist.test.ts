// Graded suite for exercise 03-lua-opcodes/patchlist: with the learner's luaK_concat and patchlistaux, the
// jumps of and/or, comparisons and control structures must land where luac5.4's land.
import fc from "fast-check";
import { graded } from "../../../src/course/graded.ts";
import { luaProgram } from "../lua-gen.ts";
import { expectSameListings } from "./compile-check.ts";

const needs = { needs: ["luac5.4" as const] };

graded("and, or, not and comparisons as values: TESTSET, LFALSESKIP and the jumps between them", 4, () => {
  expectSameListings([
    "local a, b, c = ...\nlocal x = a and b\nlocal y = a or b or c\nlocal z = (a and b) or (c and a)\nreturn x, y, z\n",
    "local a, b = ...\nlocal p = a < b\nlocal q = not (a == b)\nlocal r = a and b < 3 or c\nlocal s = not a or not b\nreturn p, q, r, s\n",
    "local a, b, c = ...\nt = {a == b, a and b, a or c and b}\nf(a and b, a or b, not a)\n",
  ]);
}, needs);

graded("if, elseif, while, repeat and break: exit lists patched to the right targets", 3, () => {
  expectSameListings([
    "local a = ...\nif a == 1 then print(1) elseif a == 2 or a == 3 then print(2) elseif a and a > 9 then print(3) else print(4) end\n",
    "local i = 0\nwhile i < 10 and not done do i = i + 1 if i == 5 then break end end\nrepeat i = i - 1 until i < 0 or stop\n",
    "for i = 1, 3 do for j = 1, 3 do if i == j then break end if j > i and i > 1 then goto next end end ::next:: end\n",
  ]);
}, needs);

graded("30 random programs: every jump identical to luac5.4's", 3, () => {
  expectSameListings(fc.sample(luaProgram, { seed: 11, numRuns: 30 }));
}, needs);
