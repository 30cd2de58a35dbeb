// The learner edition: a copy of the course for a class, without solutions/ and without solution reveals
// on its site. In it `#exercise/*` resolves to exercises/, so the working modules run with the learner's
// own pieces, and a piece not yet written fails with a message naming its exercise.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ROOT } from "./course.ts";

/** The files of the course: what git tracks, or, outside a checkout, everything but build output. */
function courseFiles(): string[] {
  try {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" })
      .split("\0")
      .filter((f) => f && existsSync(join(ROOT, f)));
  } catch {
    const skip = /^(node_modules|build|site\/dist|\.git|\.course)(\/|$)/;
    return readdirSync(ROOT, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(ROOT.length + 1))
      .filter((f) => !skip.test(f));
  }
}

/** Copies the course's files into `dir` (which must be empty or absent); returns the number of files. */
export function copyCourse(dir: string, { solutions }: { solutions: boolean }): number {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: name a new folder`);
  const files = courseFiles().filter((f) => (solutions || !f.startsWith("solutions/")) && !/\.(shipped|submission-[^.]*)\.[a-z]+$/.test(f));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  return files.length;
}

/** Writes the learner edition into `dir` (which must be empty or absent); returns the number of files. */
export function writeLearnerEdition(dir: string): number {
  const n = copyCourse(dir, { solutions: false });
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { imports: Record<string, string> };
  pkg.imports["#exercise/*"] = "./exercises/*.ts";
  writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
  return n;
}
