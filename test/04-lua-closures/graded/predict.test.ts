// Graded suite for exercise 04-lua-closures/predict: each prediction against what lua5.4 prints.
import { expect } from "vitest";
import { execFileSync } from "node:child_process";
import { graded } from "../../../src/course/graded.ts";
import { predictions } from "../../../src/lua/seams.ts";

const dir = "chapters/04-lua-closures/predict";
function check(n: number): void {
  const want = execFileSync("lua5.4", [`p${n}.lua`], { cwd: dir, encoding: "latin1" });
  expect(predictions()[n - 1], `p${n}.lua: your prediction, then what lua5.4 printed`).toBe(want);
}
const needs = { needs: ["lua5.4" as const] };

graded("p1.lua: a fresh i per for iteration, one j for the while loop", 1, () => check(1), needs);
graded("p2.lua: siblings share n, a second call has its own", 1, () => check(2), needs);
graded("p3.lua: __close order and arguments on an error", 1, () => check(3), needs);
graded("p4.lua: a local is not a global, whatever _ENV is", 1, () => check(4), needs);
