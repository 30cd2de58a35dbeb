// A vitest reporter for the grader: writes what each graded test earned to the JSON file named by
// COURSE_RESULTS, which the grading process reads once the suite's own process has ended.
import { writeFileSync } from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export interface TestOutcome {
  name: string;
  points: number;
  state: "passed" | "failed" | "skipped" | "pending";
  /** The first failure, for the learner: expected versus actual. */
  message?: string;
  notGradable?: string;
}

export interface SuiteOutcome {
  tests: TestOutcome[];
  /** Errors that stopped the suite itself: an import that threw, a syntax error. */
  errors: string[];
}

interface ErrorLike {
  message?: string;
  diff?: string;
}

export function describeError(e: ErrorLike): string {
  const message = (e.message ?? String(e)).trim();
  return e.diff ? `${message}\n${e.diff}` : message;
}

export default class GradeReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<ErrorLike>): void {
    const outcome: SuiteOutcome = { tests: [], errors: unhandled.map(describeError) };
    for (const module of modules) {
      outcome.errors.push(...module.errors().map(describeError));
      for (const test of module.children.allTests()) {
        const result = test.result();
        const meta = test.meta();
        outcome.tests.push({
          name: test.fullName,
          points: meta.points ?? 0,
          state: result.state,
          message: result.state === "failed" && result.errors?.[0] ? describeError(result.errors[0]) : undefined,
          notGradable: meta.notGradable,
        });
      }
    }
    writeFileSync(process.env.COURSE_RESULTS!, JSON.stringify(outcome));
  }
}
