// Differential test of the standard library: every program of the library corpus (lib-programs.ts) runs
// with our VM and with lua5.4 (all of them in one lua5.4 process); printed text, exit status and error
// line must be identical.
import { expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { ours, mismatches } from "./vm-oracle.ts";
import { theirsBatch } from "./lib-oracle.ts";
import { libHandwritten, libGenerated } from "./lib-programs.ts";

needs("lua5.4").describe("the standard library against lua5.4", () => {
  const programs = [...libHandwritten(), ...libGenerated()];

  test(`${programs.length} library programs: same output, exit status and error line`, () => {
    expect(programs.length).toBeGreaterThanOrEqual(200);
    const expected = theirsBatch(programs);
    expect(mismatches(programs, expected)).toEqual([]);
  }, 120_000);
});

test("a count hook leaves the instruction budget in force, for instructions and pattern steps alike", () => {
  const loop = ours({ name: "loop.lua", source: 'local n = 0 debug.sethook(function() n = n + 1 end, "", 10) while true do end' }, 100_000);
  expect(loop.error).toMatch(/budget/);
  const pattern = ours({ name: "pm.lua", source: 'debug.sethook(function() end, "", 5)\n' +
    'print(string.find(string.rep("a", 40), string.rep("a*", 30) .. "b"))' }, 100_000);
  expect(pattern.error).toMatch(/budget/);
  const fine = ours({ name: "ok.lua", source: 'local n = 0 debug.sethook(function() n = n + 1 end, "", 10)\n' +
    'for i = 1, 1000 do local _ = ("x"):rep(3):find("x+") end debug.sethook() print(n > 0)' }, 1_000_000);
  expect(fine).toEqual({ stdout: "true\n", status: 0, error: "" });
});
