// Differential test of the VM: every program of the corpus (vm-programs.ts) runs with our VM and with
// lua5.4; stdout, exit status and the error line must be identical.
import { expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { theirs, mismatches } from "./vm-oracle.ts";
import { handwritten, generated } from "./vm-programs.ts";

needs("lua5.4").describe("the VM against lua5.4", () => {
  const programs = [...handwritten(), ...generated()];

  test(`${programs.length} programs: same stdout, exit status and error line`, () => {
    expect(programs.length).toBeGreaterThanOrEqual(300);
    const expected = theirs(programs);
    expect(mismatches(programs, expected)).toEqual([]);
  }, 120_000);
});
