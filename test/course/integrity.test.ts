// The course is sound: every exercise has its solution, graded suite, hints and shipped content; every
// shipped exercise fails its suite while the reference piece earns every point; exercises and solutions
// export the same names and types; every include in the prose names a real region, and every exercise
// signature it quotes is the exercise file's own; nothing imports solutions/ except through the #exercise
// alias.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { LEARNER_EDITION, ROOT, allExercises, loadCourse } from "../../src/course/course.ts";
import { exportedTypes } from "../../src/course/exports.ts";
import { gradeExercise, inParallel, isTypeScript, suitePoints } from "../../src/course/grading.ts";
import { checkIncludes, checkRegions } from "../../src/course/includes.ts";
import { readShipped, shippedCopyPath } from "../../src/course/shipped.ts";
import { typecheck } from "../../src/course/typecheck.ts";

const exercises = allExercises();
const shipped = readShipped();
const hintsOf = (exercise: string) => exercise.replace(/\.[a-z]+$/, ".hints.md");

test("the course has chapters and exercises", () => {
  expect(loadCourse().length).toBeGreaterThan(0);
  expect(exercises.length).toBeGreaterThan(0);
});

describe.each(exercises.map((e) => [e.id, e] as const))("exercise %s", (_, e) => {
  test("has its solution, graded suite and shipped content", () => {
    if (!LEARNER_EDITION) expect(existsSync(join(ROOT, e.solution)), e.solution).toBe(true);
    expect(existsSync(join(ROOT, e.suite)), e.suite).toBe(true);
    expect(shipped[e.exercise], `${e.exercise} is not in exercises/shipped.json: run npm run course -- ship`).toBeDefined();
  });

  test("starts with a comment naming its goal, points, grade command and hints", () => {
    expect(e.header).toContain(`npm run grade -- ${e.id}`);
    expect(e.header).toContain(`Points: ${suitePoints(e.suite)}.`);
    expect(e.header).toContain(hintsOf(e.exercise));
  });

  test("has two to four hints, from a nudge to nearly the answer", () => {
    const hints = readFileSync(join(ROOT, hintsOf(e.exercise)), "utf8").match(/^\d+\. /gm) ?? [];
    expect(hints.length).toBeGreaterThanOrEqual(2);
    expect(hints.length).toBeLessThanOrEqual(4);
  });
});

describe("shipped exercises", () => {
  const copies = exercises.map((e) => ({ e, copy: shippedCopyPath(e) }));
  beforeAll(() => {
    for (const { e, copy } of copies) if (shipped[e.exercise] !== undefined) writeFileSync(copy, shipped[e.exercise]);
  });
  afterAll(() => {
    for (const { copy } of copies) rmSync(copy, { force: true });
  });

  // The learner edition has no solutions/ to compare with.
  test.skipIf(LEARNER_EDITION)("type-check and export the same names and types as their solutions", () => {
    const ts = copies.filter(({ e }) => isTypeScript(e));
    const errors = typecheck(ts.map(({ copy }) => copy));
    expect([...errors.values()].flat()).toEqual([]);
    const types = exportedTypes(ts.flatMap(({ e, copy }) => [copy, join(ROOT, e.solution)]));
    for (const { e, copy } of ts) {
      expect(Object.fromEntries(types.get(copy)!), `${e.exercise} versus ${e.solution}`).toEqual(Object.fromEntries(types.get(join(ROOT, e.solution))!));
    }
  }, 600_000);

  test.skipIf(LEARNER_EDITION)("each fails its graded suite, and each reference piece earns every point", async () => {
    const results = await inParallel(copies, 2, async ({ e, copy }) => ({
      e,
      asShipped: await gradeExercise(e, { file: copy, timeout: 60 }),
      reference: await gradeExercise(e, { file: join(ROOT, e.solution), timeout: 120 }),
    }));
    for (const { e, asShipped, reference } of results) {
      if (reference.status === "not-gradable") continue;
      expect(asShipped.earned, `${e.id} as shipped passes its suite: a shipped exercise must fail`).toBeLessThan(asShipped.possible);
      expect(reference.status, `${e.id} reference: ${reference.reason}`).toBe("passed");
      expect(reference.earned, `${e.id}: points of the graded() calls versus points earned`).toBe(suitePoints(e.suite));
    }
  }, 900_000);
});

test("every exercise signature a chapter quotes is its exercise file's own", () => {
  const drifted: string[] = [];
  for (const chapter of loadCourse()) {
    const declared = chapter.exercises.filter(isTypeScript).flatMap((e) => readFileSync(join(ROOT, e.exercise), "utf8").split("\n"));
    for (const [, block] of readFileSync(join(ROOT, chapter.readme), "utf8").matchAll(/^```ts\n([\s\S]*?)^```/gm)) {
      for (const line of block.split("\n").filter((l) => /^export (async )?function /.test(l))) {
        const quoted = line.replace(/;$/, "");
        if (!declared.some((d) => d.replace(/ \{$/, "") === quoted)) drifted.push(`${chapter.slug}: ${quoted}`);
      }
    }
  }
  expect(drifted, "quoted signatures that no exercise file of the chapter declares").toEqual([]);
});

test("every include in the chapters names an existing file and region, and every region is closed", () => {
  expect(checkIncludes()).toEqual([]);
  expect(checkRegions()).toEqual([]);
});

test("nothing imports solutions/ directly: pieces come through #exercise", () => {
  const offenders: string[] = [];
  for (const dir of ["src", "test", "site", "exercises"]) {
    if (!existsSync(join(ROOT, dir))) continue;
    for (const d of readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })) {
      const path = relative(ROOT, join(d.parentPath, d.name));
      if (!d.isFile() || !/\.(ts|js|mjs)$/.test(d.name) || path.startsWith("test/course/fixtures/")) continue;
      if (/from\s+["'][^"']*\/solutions\//.test(readFileSync(join(ROOT, path), "utf8"))) offenders.push(path);
    }
  }
  expect(offenders).toEqual([]);
});
