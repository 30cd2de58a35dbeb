// The course map, discovered from the folders: a chapter is a folder chapters/NN-slug/ with a README.md,
// an exercise is a file exercises/NN-slug/<name>.(ts|s|lua) with a graded suite
// test/NN-slug/graded/<name>.test.ts. New chapters and exercises appear here without code changes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: two folders above this file. */
export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/**
 * The learner edition (npm run learner-edition) ships without solutions/: its working modules run with the
 * learner's own pieces, and only the course checks run in npm test.
 */
export const LEARNER_EDITION = !existsSync(join(ROOT, "solutions"));

/** Where grading keeps the course's transformed files between its vitest processes. */
export const MODULE_CACHE = join(ROOT, "node_modules", ".vitest-module-cache");

export const EXERCISE_EXTENSIONS = [".ts", ".s", ".lua"] as const;

export interface Chapter {
  /** "05-cpython-list" */
  slug: string;
  /** "05" */
  number: string;
  /** The README's first heading, without the leading "#". */
  title: string;
  /** The README's first paragraph after the heading. */
  summary: string;
  readme: string;
  exercises: Exercise[];
}

export interface Exercise {
  /** "05-cpython-list/list-resize" */
  id: string;
  chapter: string;
  name: string;
  /** Paths relative to ROOT. */
  exercise: string;
  solution: string;
  suite: string;
  /** The first comment block of the exercise file: goal, points, command, hints. */
  header: string;
}

const CHAPTER_DIR = /^(\d\d)-[a-z0-9-]+$/;

function firstParagraph(markdown: string): string {
  const lines = markdown.split("\n");
  const start = lines.findIndex((l, i) => i > 0 && l.trim() !== "" && !l.startsWith("#"));
  if (start < 0) return "";
  const para: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.trim() === "" || line.startsWith("#") || line.startsWith("```") || line.startsWith("<")) break;
    para.push(line.trim());
  }
  return para.join(" ");
}

/** The leading comment of a source file (`//` lines, `#` or `;` lines, or `--` lines), as plain text. */
export function leadingComment(text: string): string {
  const out: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(?:\/\/|--|#|;)\s?(.*)$/.exec(line);
    if (!m) break;
    out.push(m[1]);
  }
  return out.join("\n").trim();
}

export function findExercises(chapter: string, root = ROOT): Exercise[] {
  const dir = join(root, "exercises", chapter);
  if (!existsSync(dir)) return [];
  const out: Exercise[] = [];
  for (const file of readdirSync(dir).sort()) {
    const ext = extname(file);
    const name = basename(file, ext);
    // Names have no dots: "list-resize.shipped.ts" and "list-resize.submission-ada.ts" are the grader's copies.
    if (!(EXERCISE_EXTENSIONS as readonly string[]).includes(ext) || name.includes(".")) continue;
    const exercise = join("exercises", chapter, file);
    out.push({
      id: `${chapter}/${name}`,
      chapter,
      name,
      exercise,
      solution: join("solutions", chapter, file),
      suite: join("test", chapter, "graded", `${name}.test.ts`),
      header: leadingComment(readFileSync(join(root, exercise), "utf8")),
    });
  }
  return out;
}

export function loadCourse(root = ROOT): Chapter[] {
  const dir = join(root, "chapters");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => CHAPTER_DIR.test(d) && existsSync(join(dir, d, "README.md")))
    .sort()
    .map((slug) => {
      const readme = join("chapters", slug, "README.md");
      const text = readFileSync(join(root, readme), "utf8");
      const title = (/^#\s+(.*)$/m.exec(text)?.[1] ?? slug).trim();
      return { slug, number: slug.slice(0, 2), title, summary: firstParagraph(text), readme, exercises: findExercises(slug, root) };
    });
}

export function allExercises(root = ROOT): Exercise[] {
  return loadCourse(root).flatMap((c) => c.exercises);
}

/**
 * Turns grade targets ("05", "05-cpython-list", "05-cpython-list/list-resize") into exercises.
 * Throws a one-line message naming the valid chapters when a target matches nothing.
 */
export function selectExercises(targets: string[], root = ROOT): Exercise[] {
  const course = loadCourse(root);
  const exercises = course.flatMap((c) => c.exercises);
  if (targets.length === 0) return exercises;
  const picked = new Set<Exercise>();
  for (const target of targets) {
    const t = target.replace(/\/+$/, "");
    const chapter = course.find((c) => c.slug === t || c.number === t);
    const matches = chapter
      ? chapter.exercises
      : exercises.filter((e) => e.id === t || `${e.chapter.slice(0, 2)}/${e.name}` === t);
    if (matches.length === 0) {
      const valid = course.map((c) => c.slug).join(", ");
      throw new Error(`no chapter or exercise named '${target}'; valid chapters: ${valid || "(none yet)"}`);
    }
    for (const e of matches) picked.add(e);
  }
  return exercises.filter((e) => picked.has(e));
}
