// The exercises as the course ships them. npm test proves every shipped exercise fails its suite; it reads
// the content from exercises/shipped.json, not from the working files, so a learner who has solved some
// exercises still gets a green npm test. `npm run course -- ship` writes the manifest after an exercise
// changes; learn mode resets an exercise from it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, allExercises, type Exercise } from "./course.ts";

export const MANIFEST = join("exercises", "shipped.json");

export type Shipped = Record<string, string>;

export function readShipped(root = ROOT): Shipped {
  const path = join(root, MANIFEST);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Shipped) : {};
}

/** Records the current content of every exercise file as its shipped content. */
export function ship(root = ROOT): Shipped {
  const shipped: Shipped = {};
  for (const e of allExercises(root)) shipped[e.exercise] = readFileSync(join(root, e.exercise), "utf8");
  writeFileSync(join(root, MANIFEST), JSON.stringify(shipped, null, 2) + "\n");
  return shipped;
}

/** The shipped content of `exercise`, or undefined when the manifest does not have it. */
export function shippedContent(exercise: Exercise, root = ROOT): string | undefined {
  return readShipped(root)[exercise.exercise];
}

/** Where a copy of the shipped content is written to be graded: beside the exercise, so its imports resolve. */
export function shippedCopyPath(exercise: Exercise): string {
  return join(ROOT, exercise.exercise.replace(/(\.[a-z]+)$/, ".shipped$1"));
}
