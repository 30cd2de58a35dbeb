// Grading one exercise: its graded suite runs in a vitest process of its own, with that exercise alone
// resolved to the learner's file, under a hard wall-clock limit. An infinite loop, a crash or a type error
// costs the exercise's points and says why; it never hangs or aborts the whole run.
import { spawn } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { ROOT, type Exercise } from "./course.ts";
import type { SuiteOutcome, TestOutcome } from "./grade-reporter.ts";

export type GradeStatus = "passed" | "partial" | "failed" | "timeout" | "error" | "not-gradable";

export interface ExerciseGrade {
  id: string;
  chapter: string;
  name: string;
  status: GradeStatus;
  earned: number;
  possible: number;
  tests: TestOutcome[];
  /** Why points were lost or the exercise was left out, in one or a few lines. */
  reason?: string;
  seconds: number;
}

export interface GradeOptions {
  /** The learner's file for this exercise (default: exercises/<id>.<ext> under ROOT). */
  file?: string;
  /** Wall-clock limit for the whole suite, in seconds. */
  timeout: number;
  /** Compiler errors found beforehand for `file`, if any. */
  compileErrors?: string[];
  /** Extra environment for the suite's process (class grading sets a memory limit, for instance). */
  env?: NodeJS.ProcessEnv;
  /** Runs the suite's process through this command prefix (class grading drops privileges with it). */
  wrapper?: string[];
  /** The user the suite's process runs as, who must be able to write its results. */
  owner?: { uid: number; gid: number };
}

const GRADED_CALL = /\bgraded\(\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*,\s*(\d+)\s*,/g;

/** A suite's possible points, read from its graded() calls, so a suite that cannot even load still counts. */
export function suitePoints(suite: string): number {
  const text = readFileSync(resolve(ROOT, suite), "utf8");
  let sum = 0;
  for (const m of text.matchAll(GRADED_CALL)) sum += Number(m[1]);
  return sum;
}

interface Run {
  code: number | null;
  timedOut: boolean;
  output: string;
}

function runSuite(exercise: Exercise, file: string, results: string, options: GradeOptions): Promise<Run> {
  const vitest = join(ROOT, "node_modules", "vitest", "vitest.mjs");
  // The runner config loader bundles vitest.config.ts in memory: an unprivileged grader cannot write node_modules.
  const command = [...(options.wrapper ?? []), process.execPath, vitest, "run", "--configLoader", "runner", exercise.suite];
  return new Promise((done) => {
    const child = spawn(command[0], command.slice(1), {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        ...options.env,
        COURSE_EXERCISE: exercise.id,
        COURSE_EXERCISE_FILE: file,
        COURSE_RESULTS: results,
        // The learner's own runs share the transformed course files; a sandboxed submission may not write
        // a cache that the next submission would read.
        COURSE_MODULE_CACHE: options.wrapper ? "off" : "on",
        FORCE_COLOR: "0",
      },
    });
    let output = "";
    const keep = (chunk: Buffer) => {
      if (output.length < 64_000) output += chunk.toString();
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, options.timeout * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, timedOut, output });
    });
  });
}

function firstLines(text: string, n = 6): string {
  return text.trim().split("\n").slice(0, n).join("\n");
}

export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseGrade> {
  const started = Date.now();
  const file = resolve(options.file ?? join(ROOT, exercise.exercise));
  const possible = suitePoints(exercise.suite);
  const grade = (status: GradeStatus, earned: number, tests: TestOutcome[], reason?: string): ExerciseGrade => ({
    id: exercise.id,
    chapter: exercise.chapter,
    name: exercise.name,
    status,
    earned,
    possible,
    tests,
    reason,
    seconds: (Date.now() - started) / 1000,
  });

  if (!existsSync(file)) return grade("error", 0, [], `missing file ${exercise.exercise}`);
  if (options.compileErrors?.length) {
    return grade("error", 0, [], `does not compile:\n${options.compileErrors.slice(0, 5).join("\n")}`);
  }
  if (!existsSync(resolve(ROOT, exercise.suite))) return grade("error", 0, [], `no graded suite ${exercise.suite}`);

  const scratch = mkdtempSync(join(tmpdir(), "course-grade-"));
  const results = join(scratch, "results.json");
  if (options.owner) chownSync(scratch, options.owner.uid, options.owner.gid);
  try {
    const run = await runSuite(exercise, file, results, options);
    if (run.timedOut) return grade("timeout", 0, [], `timed out after ${options.timeout} s`);
    if (!existsSync(results)) {
      return grade("error", 0, [], `the suite crashed before it reported:\n${firstLines(run.output)}`);
    }
    const outcome = JSON.parse(readFileSync(results, "utf8")) as SuiteOutcome;
    const tests = outcome.tests;
    const notGradable = tests.find((t) => t.notGradable)?.notGradable;
    if (notGradable && tests.every((t) => t.notGradable || t.points === 0)) {
      return { ...grade("not-gradable", 0, tests, `not gradable here: ${notGradable}`), possible: 0 };
    }
    const earned = tests.filter((t) => t.state === "passed").reduce((s, t) => s + t.points, 0);
    if (outcome.errors.length > 0 && tests.length === 0) {
      return grade("error", 0, tests, firstLines(outcome.errors[0]));
    }
    const died = tests.find((t) => t.state === "pending");
    if (died) {
      return grade("error", earned, tests, `the test process died during "${died.name}": a crash, or more memory than the limit`);
    }
    // Tests that cannot run on this machine are left out of the exercise's points, as a whole exercise is.
    const here = possible - tests.filter((t) => t.notGradable).reduce((s, t) => s + t.points, 0);
    const failed = tests.find((t) => t.state === "failed");
    const skipped = notGradable ? `${possible - here} of ${possible} points not gradable here: ${notGradable}` : undefined;
    const reason = failed ? `${failed.name}: ${firstLines(failed.message ?? "failed")}` : (outcome.errors[0] ?? skipped);
    const status: GradeStatus = earned >= here && !failed ? "passed" : earned > 0 ? "partial" : "failed";
    return { ...grade(status, earned, tests, reason), possible: here };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Runs `jobs` tasks at a time, keeping the results in input order. */
export async function inParallel<T, R>(items: T[], jobs: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  return out;
}

/** True for exercises whose learner file TypeScript compiles (a .s or .lua exercise is checked by running it). */
export function isTypeScript(exercise: Exercise): boolean {
  return extname(exercise.exercise) === ".ts";
}
