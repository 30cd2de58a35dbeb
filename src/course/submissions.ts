// Class grading: every learner checkout under a folder is graded with only its exercises/ files and this
// repository's own suites, so a learner who edited tests gains nothing. Each learner file is copied beside
// the course's own exercise (so its relative imports reach this course's src/, not the learner's), graded
// in a sandboxed process of its own, and removed again.
import { copyFileSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { ROOT, type Exercise } from "./course.ts";
import { gradeExercise, inParallel, isTypeScript, suitePoints, type ExerciseGrade } from "./grading.ts";
import { summarize, formatReport, type GradeReport } from "./report.ts";
import type { Sandbox } from "./sandbox.ts";
import { typecheck } from "./typecheck.ts";

export interface Submission {
  learner: string;
  dir: string;
}

/** Every folder directly under `dir`, each one learner's copy of the course. */
export function findSubmissions(dir: string): Submission[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => ({ learner: d.name, dir: join(dir, d.name) }))
    .sort((a, b) => a.learner.localeCompare(b.learner));
}

/** A learner name made safe for a file name. */
function slug(learner: string): string {
  return learner.replace(/[^A-Za-z0-9_-]/g, "_");
}

/** Where learner `learner`'s copy of `exercise` is graded from: beside the course's own exercise file. */
function copyPath(exercise: Exercise, learner: string): string {
  const ext = extname(exercise.exercise);
  return join(ROOT, exercise.exercise.slice(0, -ext.length) + `.submission-${slug(learner)}${ext}`);
}

export interface ClassOptions {
  timeout: number;
  jobs: number;
  sandbox?: Sandbox;
  /** Called after each graded exercise, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface LearnerReport extends GradeReport {
  learner: string;
}

export async function gradeClass(submissions: Submission[], exercises: Exercise[], options: ClassOptions): Promise<LearnerReport[]> {
  const tasks = submissions.flatMap((s) => exercises.map((e) => ({ s, e, from: join(s.dir, e.exercise), copy: copyPath(e, s.learner) })));
  const present = tasks.filter((t) => existsSync(t.from) && statSync(t.from).isFile());
  try {
    for (const t of present) copyFileSync(t.from, t.copy);
    const compileErrors = typecheck(present.filter((t) => isTypeScript(t.e)).map((t) => t.copy));
    let done = 0;
    const grades = await inParallel(tasks, options.jobs, async (t): Promise<ExerciseGrade> => {
      const grade = present.includes(t)
        ? await gradeExercise(t.e, {
            file: t.copy,
            timeout: options.timeout,
            compileErrors: compileErrors.get(t.copy)?.map((m) => m.replaceAll(basename(t.copy), basename(t.e.exercise))),
            wrapper: options.sandbox?.wrapper,
            env: options.sandbox?.env,
            owner: options.sandbox?.owner,
          })
        : missingFile(t.e);
      options.onProgress?.(++done, tasks.length);
      return grade;
    });
    return submissions.map((s) => ({
      ...summarize(grades.filter((_, i) => tasks[i].s === s), "exercises"),
      learner: s.learner,
    }));
  } finally {
    for (const t of present) rmSync(t.copy, { force: true });
    options.sandbox?.release();
  }
}

function missingFile(e: Exercise): ExerciseGrade {
  return { id: e.id, chapter: e.chapter, name: e.name, status: "error", earned: 0, possible: suitePoints(e.suite), tests: [], reason: `missing file ${e.exercise}`, seconds: 0 };
}

function csvCell(value: string | number): string {
  const s = String(value);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** gradebook.csv: one row per learner, one column per exercise (points earned), then the total. */
export function gradebook(reports: LearnerReport[], exercises: Exercise[]): string {
  const possible = exercises.map((e) => suitePoints(e.suite));
  const header = ["learner", ...exercises.map((e, i) => `${e.id} (${possible[i]})`), `total (${possible.reduce((a, b) => a + b, 0)})`];
  const rows = reports.map((r) => [r.learner, ...exercises.map((e) => r.exercises.find((g) => g.id === e.id)?.earned ?? 0), r.earned]);
  return [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\n") + "\n";
}

/** Writes gradebook.csv and, per learner, LEARNER.json and LEARNER.txt into `out`. */
export function writeGradebook(out: string, reports: LearnerReport[], exercises: Exercise[]): void {
  writeFileSync(join(out, "gradebook.csv"), gradebook(reports, exercises));
  for (const r of reports) {
    writeFileSync(join(out, `${slug(r.learner)}.json`), JSON.stringify(r, null, 2) + "\n");
    writeFileSync(join(out, `${slug(r.learner)}.txt`), `${r.learner}\n\n${formatReport(r)}\n`);
  }
}
