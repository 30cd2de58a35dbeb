// Our list against python3's on random operation sequences: after every statement the output (value or
// exception type and message), the contents and sys.getsizeof must be python3's.
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { program } from "./statements.ts";
import { runInOurs, runInPython } from "./python.ts";

const SEQUENCES = process.env.CI === "true" ? 10_000 : 1_000;

needs("python3").test(`${SEQUENCES} random operation sequences agree with python3 after every statement`, () => {
  const programs = fc.sample(program, { numRuns: SEQUENCES, seed: 3117 });
  const theirs = runInPython(programs);
  const ours = runInOurs(programs);
  programs.forEach((prog, i) => {
    prog.forEach((stmt, j) => {
      expect(ours[i][j], `statement ${j} of ${JSON.stringify(prog.slice(0, j + 1))}`).toEqual(theirs[i][j]);
    });
  });
}, 300_000);
