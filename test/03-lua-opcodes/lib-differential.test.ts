// Differential test of the standard library: every program of the library corpus (lib-programs.ts) runs
// with our VM and with lua5.4 (all of them in one lua5.4 process); printed text, exit status and error
// line must be identical.
import { expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { ours, type Run } from "./vm-oracle.ts";
import { theirsBatch } from "./lib-oracle.ts";
import { libHandwritten, libGenerated } from "./lib-programs.ts";

/** Addresses ("table: 0x55...") differ between any two runs, even of lua5.4 itself. */
function normalize(r: Run): Run {
  const addr = (s: string): string => s.replace(/0x[0-9a-f]{8,}/g, "ADDR");
  return { stdout: addr(r.stdout), status: r.status, error: addr(r.error) };
}

needs("lua5.4").describe("the standard library against lua5.4", () => {
  const programs = [...libHandwritten(), ...libGenerated()];

  test(`${programs.length} library programs: same output, exit status and error line`, () => {
    expect(programs.length).toBeGreaterThanOrEqual(200);
    const expected = theirsBatch(programs);
    const mismatches: string[] = [];
    programs.forEach((p, i) => {
      const got = normalize(ours(p));
      const want = normalize(expected[i]!);
      if (got.stdout !== want.stdout || got.status !== want.status || got.error !== want.error) {
        const a = got.stdout.split("\n");
        const b = want.stdout.split("\n");
        let line = 0;
        while (line < a.length && a[line] === b[line]) line++;
        mismatches.push(`${p.name}: ` + (got.stdout !== want.stdout
          ? `line ${line + 1}: ours ${JSON.stringify(a[line])}, lua5.4 ${JSON.stringify(b[line])}`
          : `status ${got.status} vs ${want.status}, error ${JSON.stringify(got.error)} vs ${JSON.stringify(want.error)}`));
      }
    });
    expect(mismatches).toEqual([]);
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
