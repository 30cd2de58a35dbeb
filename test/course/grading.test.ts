// The grader survives learner mistakes: an infinite loop, a type error, a borrowed solution, a partial
// answer. Each fixture stands in for the learner's file of chapter 05's first exercise.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { LEARNER_EDITION, ROOT, selectExercises } from "../../src/course/course.ts";
import { gradeExercise } from "../../src/course/grading.ts";
import { typecheck } from "../../src/course/typecheck.ts";

const [exercise] = selectExercises(["05-cpython-list/list-resize"]);
const fixture = (name: string) => join(ROOT, "test/course/fixtures", `list-resize-${name}.ts`);

// The learner edition has no solutions/ to grade against.
describe.skipIf(LEARNER_EDITION)("grading one exercise", () => {
  test("the reference piece earns every point", async () => {
    const g = await gradeExercise(exercise, { file: join(ROOT, exercise.solution), timeout: 30 });
    expect(g.status, g.reason).toBe("passed");
    expect(g.earned).toBe(g.possible);
    expect(g.possible).toBe(10);
  });

  test("an infinite loop is stopped at the time limit and costs the points", async () => {
    const g = await gradeExercise(exercise, { file: fixture("loops"), timeout: 4 });
    expect(g).toMatchObject({ status: "timeout", earned: 0, reason: "timed out after 4 s" });
  });

  test("a file that does not type-check gets 0 points with the compiler's message", async () => {
    const file = fixture("untyped");
    const errors = typecheck([file]).get(file);
    expect(errors?.[0]).toMatch(/list-resize-untyped\.ts:3:9 - error TS2322: Type 'number' is not assignable to type 'string'/);
    const g = await gradeExercise(exercise, { file, timeout: 30, compileErrors: errors });
    expect(g).toMatchObject({ status: "error", earned: 0 });
    expect(g.reason).toContain("does not compile");
  });

  test("an exercise that imports solutions/ scores zero, with that reason, on every run", async () => {
    // The second run finds the course's transformed files cached by the first: the check still runs.
    for (let run = 0; run < 2; run++) {
      const g = await gradeExercise(exercise, { file: fixture("borrowed"), timeout: 30 });
      expect(g.earned).toBe(0);
      expect(g.reason).toMatch(/may not use solutions\//);
    }
  });

  test("a partial answer earns the points of the tests it passes", async () => {
    const g = await gradeExercise(exercise, { file: fixture("half"), timeout: 30 });
    expect(g.status).toBe("partial");
    expect(g.earned).toBe(3);
    expect(g.tests.filter((t) => t.state === "failed").length).toBe(2);
  });
});
