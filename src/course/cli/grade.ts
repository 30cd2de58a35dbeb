// npm run grade [-- TARGET...] [--timeout S] [--jobs N] [--out FILE] [--junit FILE] [--classroom FILE]
// npm run grade -- --submissions DIR [--gradebook DIR] [--memory MIB] [TARGET...]
// Grades the learner's exercises/ (or the reference pieces with COURSE_TARGET=solutions): a table of
// chapter, exercise, tests passed and points, the total, and grade.json. Exits 0 whatever the score.
// With --submissions, grades every learner checkout under DIR into gradebook.csv and a report per learner.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, selectExercises, type Exercise } from "../course.ts";
import { classroomPayload, toJUnit } from "../gradebook-formats.ts";
import { progressBar } from "../progress-bar.ts";
import { formatReport, grade } from "../report.ts";
import { createSandbox } from "../sandbox.ts";
import { findSubmissions, gradeClass, writeGradebook } from "../submissions.ts";
import { fail, parseOptions, userPath } from "./cli.ts";

const { values, positionals } = parseOptions(() =>
  parseArgs({
    allowPositionals: true,
    options: {
      timeout: { type: "string", default: "10" },
      jobs: { type: "string", default: String(Math.max(1, Math.min(2, availableParallelism()))) },
      out: { type: "string", default: join(ROOT, "grade.json") },
      junit: { type: "string" },
      classroom: { type: "string" },
      submissions: { type: "string" },
      gradebook: { type: "string", default: "gradebook" },
      memory: { type: "string", default: "1024" },
    },
  }),
);

const number = (name: string, text: string, min: number, whole = false): number => {
  const n = Number(text);
  if (!(n >= min) || (whole && !Number.isInteger(n))) fail(`--${name} takes ${whole ? "a whole number" : "a number"} of at least ${min}, not '${text}'`);
  return n;
};
const timeout = number("timeout", values.timeout!, 0.1);
const jobs = number("jobs", values.jobs!, 1, true);
const memory = number("memory", values.memory!, 64, true);

let exercises: Exercise[] = [];
try {
  exercises = selectExercises(positionals);
} catch (e) {
  fail((e as Error).message);
}
if (exercises.length === 0) fail("no exercises to grade yet");

const tty = process.stderr.isTTY;
const progress = (done: number, total: number, label: string) => {
  if (tty) process.stderr.write(`\r${progressBar(done, total, label)}${done === total ? "\n" : ""}`);
  else if (done === total || done % 10 === 0) process.stderr.write(`${progressBar(done, total, label)}\n`);
};

if (values.submissions !== undefined) {
  const dir = userPath(values.submissions);
  if (!existsSync(dir)) fail(`no folder ${dir}: --submissions takes a folder holding one checkout per learner`);
  const submissions = findSubmissions(dir);
  if (submissions.length === 0) fail(`no submissions in ${dir}: put one folder per learner there`);
  let sandbox;
  try {
    sandbox = createSandbox(memory);
  } catch (e) {
    fail((e as Error).message);
  }
  process.stderr.write(`grading ${submissions.length} submission(s), ${exercises.length} exercise(s) each, as user course-grader (${sandbox.memory})\n`);
  const reports = await gradeClass(submissions, exercises, { timeout, jobs, sandbox, onProgress: (d, t) => progress(d, t, "exercises graded") });
  const out = userPath(values.gradebook!);
  mkdirSync(out, { recursive: true });
  writeGradebook(out, reports, exercises);
  for (const r of reports) console.log(`${r.learner.padEnd(24)} ${r.earned}/${r.possible}`);
  console.log(`\nwrote ${join(out, "gradebook.csv")} and a report per learner`);
} else {
  const target = process.env.COURSE_TARGET === "solutions" ? "solutions" : "exercises";
  process.stderr.write(`grading ${exercises.length} exercise(s) from ${target}/\n`);
  let done = 0;
  const report = await grade(exercises, target, timeout, jobs, () => progress(++done, exercises.length, "exercises graded"));
  const out = userPath(values.out!);
  writeFileSync(out, JSON.stringify(report, null, 2) + "\n");
  if (values.junit) writeFileSync(userPath(values.junit), toJUnit(report));
  if (values.classroom) writeFileSync(userPath(values.classroom), classroomPayload(report) + "\n");
  console.log(formatReport(report));
  console.log(`\nwrote ${out}${values.junit ? ", " + userPath(values.junit) : ""}${values.classroom ? ", " + userPath(values.classroom) : ""}`);
}
