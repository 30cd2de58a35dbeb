// Which file holds an exercise's piece. By default every piece is the reference one in solutions/. While
// exercise E is graded (COURSE_EXERCISE=E, in a process of its own), E alone comes from exercises/, or
// from COURSE_EXERCISE_FILE when the grader names another copy (a submission, the shipped content).
import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { Plugin } from "vite";
import { EXERCISE_EXTENSIONS, LEARNER_EDITION, ROOT } from "./course.ts";

/** The exercise under grade in this process, if any: "05-cpython-list/list-resize". */
export function exerciseUnderGrade(): string | undefined {
  return process.env.COURSE_EXERCISE || undefined;
}

function withExtension(folder: "exercises" | "solutions", id: string): string {
  for (const ext of EXERCISE_EXTENSIONS) {
    const path = join(ROOT, folder, `${id}${ext}`);
    if (existsSync(path)) return path;
  }
  return join(ROOT, folder, `${id}.ts`);
}

/** The file that holds exercise `id`'s piece in this process. */
export function exerciseFile(id: string): string {
  if (id !== exerciseUnderGrade()) return withExtension(LEARNER_EDITION ? "exercises" : "solutions", id);
  const named = process.env.COURSE_EXERCISE_FILE;
  return named ? resolve(named) : withExtension("exercises", id);
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * Whether vitest may keep a module's transformed code between processes (grading turns that cache on: it
 * saves each suite's process the transform of the course's files). Not a learner's file, whose imports must
 * be checked on every run, and not a module that imports `#exercise/...`, whose import depends on the
 * exercise under grade.
 */
function cacheable(id: string, sourceCode: string): boolean {
  const named = process.env.COURSE_EXERCISE_FILE;
  return !inside(join(ROOT, "exercises"), id) && !(named && resolve(named) === id) && !sourceCode.includes("#exercise/");
}

/**
 * A vite/vitest plugin: `#exercise/E` goes to the learner's file for the exercise under grade, and that
 * file may not reach into solutions/ (directly or by a relative path): the grade is for the learner's code.
 */
export function exerciseResolver(): Plugin {
  const solutions = join(ROOT, "solutions");
  return {
    name: "course-exercise",
    enforce: "pre",
    configureVitest({ experimental_defineCacheKeyGenerator }) {
      experimental_defineCacheKeyGenerator(({ id, sourceCode }) => (cacheable(id, sourceCode) ? undefined : false));
    },
    async resolveId(source, importer) {
      const id = exerciseUnderGrade();
      if (!id) return null;
      if (source === `#exercise/${id}`) return exerciseFile(id);
      if (!importer) return null;
      const learner = exerciseFile(id);
      const fromLearner = importer === learner || inside(join(ROOT, "exercises"), importer);
      if (!fromLearner) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (resolved && inside(solutions, resolved.id)) {
        throw new Error(`${relative(ROOT, importer)} imports ${relative(ROOT, resolved.id)}: an exercise may not use solutions/; write the piece yourself`);
      }
      return resolved;
    },
  };
}
