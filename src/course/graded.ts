// Graded tests: a vitest test that carries its points in the test metadata, where the grade reporter reads
// them. A suite's points are the sum of the points of its graded() calls; write them as number literals, so
// the grader can read a suite's possible points even when the learner's code breaks it at import.
import { test, type TestFunction } from "vitest";
import { missing, required, type OracleName } from "./oracle.ts";

declare module "vitest" {
  interface TaskMeta {
    /** Points this test is worth when it passes. */
    points?: number;
    /** Set when the test could not run on this machine: "needs lua5.4". */
    notGradable?: string;
  }
}

export interface GradedOptions {
  /** Per-test timeout in milliseconds (vitest's default is 5 s). */
  timeout?: number;
  /** Real tools the test compares against; where one is missing the exercise is not gradable here. */
  needs?: OracleName[];
}

/** Declares a graded test worth `points` points. */
export function graded(name: string, points: number, fn: TestFunction, options: GradedOptions = {}): void {
  if (!Number.isInteger(points) || points <= 0) throw new Error(`graded test '${name}': points must be a positive integer`);
  const gone = missing(...(options.needs ?? []));
  if (!gone) {
    test(name, { meta: { points }, timeout: options.timeout }, fn);
  } else if (required(gone.name) && !process.env.COURSE_RESULTS) {
    // npm test under CI=true must run every oracle; the grader (COURSE_RESULTS set) reports "not gradable".
    test(name, { meta: { points } }, () => {
      throw new Error(`${gone.reason}; CI=true requires it (.ci/run installs it)`);
    });
  } else {
    test.skip(`${name} (not gradable here: ${gone.reason})`, { meta: { points, notGradable: gone.reason } }, () => {});
  }
}
