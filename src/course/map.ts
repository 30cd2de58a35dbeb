// The course map as text: both kinds of virtual machine, each chapter with its exercises and points.
import { ROOT, loadCourse } from "./course.ts";
import { suitePoints } from "./grading.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";

export function courseMap(root = ROOT): string {
  const out: string[] = [];
  for (const c of loadCourse(root)) {
    const points = c.exercises.map((e) => (existsSync(join(root, e.suite)) ? suitePoints(e.suite) : 0));
    const total = points.reduce((a, b) => a + b, 0);
    out.push(`${c.slug.padEnd(22)} ${c.title}`);
    out.push(`${"".padEnd(22)} ${c.exercises.length} exercise(s), ${total} points: ${c.readme}`);
    c.exercises.forEach((e, i) => out.push(`${"".padEnd(24)}- ${e.name} (${points[i]} points): npm run grade -- ${e.id}`));
  }
  return out.join("\n");
}
