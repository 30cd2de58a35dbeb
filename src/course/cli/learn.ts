// npm run learn [-- TARGET...]: the first unfinished exercise, its goal and chapter section, its graded
// suite run again every time the file is saved, hints one at a time, and a progress bar. Keys: h hint,
// n next (once it passes), l list, r reset (after a confirmation), q quit. Without a terminal it prints the
// same information once and exits.
import { watch, type FSWatcher } from "node:fs";
import { basename, dirname, join } from "node:path";
import { ROOT, selectExercises, type Exercise } from "../course.ts";
import { gradeExercise, isTypeScript, type ExerciseGrade } from "../grading.ts";
import { firstUnfinished, goalOf, hints, isDone, loadProgress, record, reset, saveProgress } from "../learn.ts";
import { progressBar } from "../progress-bar.ts";
import { typecheck } from "../typecheck.ts";
import { fail } from "./cli.ts";

const TIMEOUT = 10;

let exercises: Exercise[] = [];
try {
  exercises = selectExercises(process.argv.slice(2));
} catch (e) {
  fail((e as Error).message);
}
if (exercises.length === 0) fail("no exercises yet");

const progress = loadProgress();
let current = firstUnfinished(exercises, progress);
let grade: ExerciseGrade | undefined;
let grading = false;
let again = false;
let message = "";
let mode: "main" | "list" | "confirm-reset" = "main";
let watcher: FSWatcher | undefined;
const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);

async function runSuite(): Promise<void> {
  if (!current) return;
  if (grading) {
    again = true;
    return;
  }
  grading = true;
  draw();
  const e = current;
  const file = join(ROOT, e.exercise);
  const compileErrors = isTypeScript(e) ? typecheck([file]).get(file) : undefined;
  grade = await gradeExercise(e, { timeout: TIMEOUT, compileErrors });
  record(progress, grade);
  saveProgress(progress);
  grading = false;
  if (again) {
    again = false;
    return runSuite();
  }
  draw();
}

function points(): { done: number; earned: number; possible: number } {
  let done = 0;
  let earned = 0;
  let possible = 0;
  for (const e of exercises) {
    const p = progress.exercises[e.id];
    if (isDone(progress, e)) done++;
    earned += p?.earned ?? 0;
    possible += p?.possible ?? 0;
  }
  return { done, earned, possible };
}

function statusLines(): string[] {
  if (grading) return ["Status: grading ..."];
  if (!grade) return [];
  const passed = grade.tests.filter((t) => t.state === "passed").length;
  const out = [`Status: ${grade.earned}/${grade.possible} points, ${passed} of ${grade.tests.length} tests pass`];
  if (grade.status === "passed") out.push("", "  All tests pass. Press n for the next exercise.");
  else if (grade.status === "not-gradable") out.push(`  ${grade.reason}`);
  else {
    const failed = grade.tests.filter((t) => t.state === "failed").slice(0, 3);
    if (failed.length === 0 && grade.reason) out.push(...grade.reason.split("\n").slice(0, 12).map((l) => `  ${l}`));
    for (const t of failed) {
      out.push("", `  x ${t.name}`);
      out.push(...(t.message ?? "").split("\n").slice(0, 10).map((l) => `    ${l}`));
    }
  }
  return out;
}

function screen(): string {
  const p = points();
  const bar = progressBar(p.done, exercises.length, `exercises, ${p.earned}/${p.possible} points`);
  if (!current) {
    return [`Every exercise passes: ${p.earned}/${p.possible} points. Well done.`, "", bar].join("\n");
  }
  if (mode === "list") {
    const rows = exercises.map((e) => {
      const s = progress.exercises[e.id];
      const mark = isDone(progress, e) ? "ok" : s ? `${s.earned}/${s.possible}` : "--";
      return `  ${e === current ? ">" : " "} ${mark.padEnd(7)} ${e.id}`;
    });
    return ["Exercises, in course order:", "", ...rows, "", "Press any key to go back.", "", bar].join("\n");
  }
  const g = goalOf(current);
  const shown = hints(current).slice(0, progress.hints[current.id] ?? 0);
  const lines = [
    `Exercise ${exercises.indexOf(current) + 1} of ${exercises.length}: ${current.id}`,
    `Goal: ${g.goal}`,
    `Read: ${g.section}`,
    `Edit: ${current.exercise} (every save is graded)`,
    "",
    ...statusLines(),
    ...shown.flatMap((h, i) => ["", `Hint ${i + 1}: ${h}`]),
  ];
  if (message) lines.push("", message);
  if (mode === "confirm-reset") lines.push("", `Reset ${current.exercise} to its shipped state? Your changes are lost. (y/N)`);
  if (interactive) lines.push("", "h hint   n next   l list   r reset   q quit");
  lines.push(bar);
  return lines.join("\n");
}

function draw(): void {
  if (interactive) process.stdout.write(`\x1b[2J\x1b[H${screen()}\n`);
}

function follow(e: Exercise | undefined): void {
  watcher?.close();
  current = e;
  grade = undefined;
  message = "";
  if (!e || !interactive) return;
  // Editors often save by replacing the file, so watch its folder and pick out its name.
  let timer: NodeJS.Timeout | undefined;
  watcher = watch(dirname(join(ROOT, e.exercise)), (_, name) => {
    if (name !== basename(e.exercise)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runSuite(), 200);
  });
}

function key(k: string): void {
  message = "";
  if (k === "\u0003" || k === "q") {
    watcher?.close();
    process.stdout.write("\n");
    process.exit(0);
  }
  if (mode === "list") {
    mode = "main";
  } else if (mode === "confirm-reset") {
    mode = "main";
    if (k === "y" || k === "Y") {
      reset(current!);
      message = `${current!.exercise} is back as shipped.`;
    }
  } else if (!current) {
    // all done: only q does anything
  } else if (k === "h") {
    const all = hints(current);
    const n = progress.hints[current.id] ?? 0;
    if (n < all.length) progress.hints[current.id] = n + 1;
    else message = all.length ? "That was the last hint." : "This exercise has no hints.";
    saveProgress(progress);
  } else if (k === "n") {
    if (grade?.status !== "passed") message = "This exercise does not pass yet: n moves on once it does.";
    else {
      const after = exercises.slice(exercises.indexOf(current) + 1);
      follow(firstUnfinished(after, progress) ?? firstUnfinished(exercises, progress));
      void runSuite();
    }
  } else if (k === "l") mode = "list";
  else if (k === "r") mode = "confirm-reset";
  draw();
}

follow(current);
if (current) await runSuite();
if (!interactive) {
  process.stdout.write(screen() + "\n");
  process.exit(0);
}
draw();
process.stdin.setRawMode(true);
process.stdin.setEncoding("utf8");
process.stdin.on("data", (data: string) => {
  for (const k of data) key(k);
});
