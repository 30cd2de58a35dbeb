// A grade report: every selected exercise graded, totals per chapter and overall, and the table the
// grade command prints. grade.json is this object; its schema is documented in the README.
import { join } from "node:path";
import { ROOT, type Exercise } from "./course.ts";
import { gradeExercise, inParallel, isTypeScript, type ExerciseGrade } from "./grading.ts";
import { typecheck } from "./typecheck.ts";

export interface GradeReport {
  version: 1;
  target: "exercises" | "solutions";
  date: string;
  earned: number;
  possible: number;
  chapters: { chapter: string; earned: number; possible: number }[];
  exercises: ExerciseGrade[];
}

function learnerFile(exercise: Exercise, target: GradeReport["target"]): string {
  return join(ROOT, target === "solutions" ? exercise.solution : exercise.exercise);
}

export async function grade(exercises: Exercise[], target: GradeReport["target"], timeout: number, jobs: number, onDone?: (g: ExerciseGrade) => void): Promise<GradeReport> {
  const files = exercises.filter(isTypeScript).map((e) => learnerFile(e, target));
  const compileErrors = typecheck(files);
  const grades = await inParallel(exercises, jobs, async (exercise) => {
    const file = learnerFile(exercise, target);
    const g = await gradeExercise(exercise, { file, timeout, compileErrors: compileErrors.get(file) });
    onDone?.(g);
    return g;
  });
  return summarize(grades, target);
}

/** Totals per chapter and overall for a list of graded exercises. */
export function summarize(grades: ExerciseGrade[], target: GradeReport["target"]): GradeReport {
  const chapters = [...new Set(grades.map((g) => g.chapter))].map((chapter) => {
    const mine = grades.filter((g) => g.chapter === chapter);
    return { chapter, earned: sum(mine.map((g) => g.earned)), possible: sum(mine.map((g) => g.possible)) };
  });
  return {
    version: 1,
    target,
    date: new Date().toISOString(),
    earned: sum(grades.map((g) => g.earned)),
    possible: sum(grades.map((g) => g.possible)),
    chapters,
    exercises: grades,
  };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

const STATUS: Record<ExerciseGrade["status"], string> = {
  passed: "ok",
  partial: "partial",
  failed: "failed",
  timeout: "timed out",
  error: "error",
  "not-gradable": "not gradable here",
};

export function formatReport(report: GradeReport): string {
  const rows = report.exercises.map((g) => {
    const passed = g.tests.filter((t) => t.state === "passed").length;
    return [g.chapter, g.name, `${passed}/${g.tests.length}`, g.status === "not-gradable" ? "-" : `${g.earned}/${g.possible}`, STATUS[g.status]];
  });
  const header = ["chapter", "exercise", "tests", "points", "status"];
  const all = [header, ...rows, ["total", "", "", `${report.earned}/${report.possible}`, ""]];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  const out = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line), widths.map((w) => "-".repeat(w)).join("  "), line(all[all.length - 1])];
  const reasons = report.exercises.filter((g) => g.reason && g.status !== "passed");
  if (reasons.length > 0) {
    out.push("");
    for (const g of reasons) out.push(`${g.id}: ${g.reason!.split("\n").join("\n    ")}`);
  }
  return out.join("\n");
}
