// npm run grade [-- TARGET...] [--timeout S] [--jobs N] [--out FILE]
// Grades the learner's exercises/ (or the reference pieces with COURSE_TARGET=solutions): a table of
// chapter, exercise, tests passed and points, the total, and grade.json. Exits 0 whatever the score.
import { writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, selectExercises, type Exercise } from "../course.ts";
import { formatReport, grade } from "../report.ts";
import { fail, parseOptions, userPath } from "./cli.ts";

async function main(): Promise<void> {
  const { values, positionals } = parseOptions(() =>
    parseArgs({
      allowPositionals: true,
      options: {
        timeout: { type: "string", default: "10" },
        jobs: { type: "string", default: String(Math.max(1, Math.min(2, availableParallelism()))) },
        out: { type: "string", default: join(ROOT, "grade.json") },
      },
    }),
  );
  const timeout = Number(values.timeout);
  if (!(timeout > 0)) fail(`--timeout takes a number of seconds, not '${values.timeout}'`);
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) fail(`--jobs takes a whole number of at least 1, not '${values.jobs}'`);
  const target = process.env.COURSE_TARGET === "solutions" ? "solutions" : "exercises";
  let exercises: Exercise[];
  try {
    exercises = selectExercises(positionals);
  } catch (e) {
    fail((e as Error).message);
  }
  if (exercises.length === 0) fail("no exercises to grade yet");
  process.stderr.write(`grading ${exercises.length} exercise(s) from ${target}/ ...\n`);
  const report = await grade(exercises, target, timeout, jobs);
  const out = userPath(values.out!);
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  console.log(formatReport(report));
  console.log(`\nwrote ${out}`);
}

await main();
