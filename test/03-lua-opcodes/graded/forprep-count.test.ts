// Graded suite for exercise 03-lua-opcodes/forprep-count: numeric for loops run by our VM, with the
// learner's iteration count inside FORPREP, print what lua5.4 prints for the same loops.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { ours, theirs, type Program } from "../vm-oracle.ts";

const needs = { needs: ["lua5.4" as const] };

/** Run each loop with our VM and lua5.4 and compare, loop by loop. */
function sameLoops(loops: string[]): void {
  const programs: Program[] = loops.map((l, i) => ({
    name: `loop${i}.lua`,
    source: `local n, last = 0, nil\nfor i = ${l} do n = n + 1 last = i if n > 100 then break end end\nprint(n, last)\n`,
  }));
  const want = theirs(programs);
  programs.forEach((p, i) => {
    const got = ours(p, 1_000_000);
    expect(got.stdout, `for i = ${loops[i]}: iterations and last value (ours, then lua5.4)`).toBe(want[i]!.stdout);
  });
}

graded("ascending loops with step 1 and larger steps", 2, () => {
  sameLoops(["1, 10", "1, 10, 3", "0, 9, 3", "-5, 5, 2", "3, 3", "1, 2, 100"]);
}, needs);

graded("descending loops", 2, () => {
  sameLoops(["10, 1, -1", "10, 1, -3", "0, -9, -4", "5, 5, -1", "2, 1, -100"]);
}, needs);

graded("loops at the integer limits: no overflow in the count", 2, () => {
  sameLoops([
    "math.maxinteger - 3, math.maxinteger", "math.mininteger, math.mininteger + 2",
    "math.mininteger + 2, math.mininteger, -1", "1, math.maxinteger, math.maxinteger // 4",
    "math.maxinteger, math.mininteger, math.mininteger", "math.mininteger, math.maxinteger, math.maxinteger",
    "0, math.maxinteger, math.maxinteger", "-1, math.mininteger, math.mininteger",
  ]);
}, needs);
