// Learn mode's state: the course order, the learner's progress (kept in .course/progress.json so a learner
// can stop and come back), hints revealed one at a time, and resetting an exercise to its shipped content.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT, type Exercise } from "./course.ts";
import type { ExerciseGrade } from "./grading.ts";
import { readShipped } from "./shipped.ts";

export const PROGRESS_FILE = join(".course", "progress.json");

export interface Progress {
  version: 1;
  exercises: Record<string, { status: ExerciseGrade["status"]; earned: number; possible: number; at: string }>;
  /** How many hints of each exercise have been revealed. */
  hints: Record<string, number>;
}

export function loadProgress(root = ROOT): Progress {
  const path = join(root, PROGRESS_FILE);
  if (!existsSync(path)) return { version: 1, exercises: {}, hints: {} };
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Progress;
  } catch {
    // A damaged file is not worth failing over: progress is rebuilt as exercises are graded again.
    return { version: 1, exercises: {}, hints: {} };
  }
}

export function saveProgress(progress: Progress, root = ROOT): void {
  const path = join(root, PROGRESS_FILE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(progress, null, 2) + "\n");
}

export function record(progress: Progress, g: ExerciseGrade): void {
  progress.exercises[g.id] = { status: g.status, earned: g.earned, possible: g.possible, at: new Date().toISOString() };
}

export function isDone(progress: Progress, e: Exercise): boolean {
  return progress.exercises[e.id]?.status === "passed";
}

/** The first exercise in course order that has not passed, or undefined when all have. */
export function firstUnfinished(exercises: Exercise[], progress: Progress): Exercise | undefined {
  return exercises.find((e) => !isDone(progress, e));
}

/** The numbered hints of an exercise, from its .hints.md beside the exercise file. */
export function hints(e: Exercise, root = ROOT): string[] {
  const path = join(root, e.exercise.replace(/\.[a-z]+$/, ".hints.md"));
  if (!existsSync(path)) return [];
  const out: string[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const m = /^\d+\.\s+(.*)$/.exec(line);
    if (m) out.push(m[1]);
    else if (out.length > 0 && /^\s+\S/.test(line)) out[out.length - 1] += " " + line.trim();
  }
  return out;
}

export interface Goal {
  /** "the growth policy of CPython 3.11's list_resize." */
  goal: string;
  /** The chapter section the exercise belongs to, as a path with an anchor. */
  section: string;
}

/** The goal and chapter section, read from the exercise file's header comment. */
export function goalOf(e: Exercise): Goal {
  const goal = new RegExp(`^Exercise ${e.id}:\\s*(.*)$`, "m").exec(e.header)?.[1] ?? e.header.split("\n")[0];
  const heading = /The chapter section: "([^"]+)"/.exec(e.header)?.[1];
  const anchor = heading ? "#" + heading.toLowerCase().replace(/[^a-z0-9 -]/g, "").trim().replace(/\s+/g, "-") : "";
  return { goal, section: `chapters/${e.chapter}/README.md${anchor}${heading ? ` ("${heading}")` : ""}` };
}

/** Puts the exercise file back as the course ships it. */
export function reset(e: Exercise, root = ROOT): void {
  const shipped = readShipped(root)[e.exercise];
  if (shipped === undefined) throw new Error(`no shipped content for ${e.exercise} in exercises/shipped.json`);
  writeFileSync(join(root, e.exercise), shipped);
}
