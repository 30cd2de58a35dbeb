// Differential test: the closure corpus (test/04-lua-closures/closure-programs.ts) run by our VM and by
// lua5.4 (one process per program) gives the same stdout, exit status and error line.
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { ours, theirs } from "../03-lua-opcodes/vm-oracle.ts";
import { corpus } from "./closure-programs.ts";

needs("lua5.4").test("closure corpus: at least 100 programs, output identical to lua5.4", () => {
  const programs = corpus();
  expect(programs.length).toBeGreaterThanOrEqual(100);
  const want = theirs(programs);
  programs.forEach((p, i) => {
    expect(ours(p), `${p.name}:\n${p.source}`).toEqual(want[i]);
  });
}, 60_000);
