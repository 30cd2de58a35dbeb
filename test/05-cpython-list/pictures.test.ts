// The chapter's pictures: drawn from real runs, well-formed SVG, and the committed files are up to date
// (regenerate them with npm run cpython-pictures).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../../src/course/course.ts";
import { needs } from "../../src/course/oracle.ts";
import { chapterPictures, growthTrace } from "../../src/cpython/pictures.ts";
import { python } from "./python.ts";

/** Every element is closed, in order: the SVG parses. */
function unbalancedTags(svg: string): string[] {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) return [`</${name}> closes nothing open`];
  }
  return stack.map((n) => `<${n}> is never closed`);
}

test.each(Object.entries(chapterPictures()))("%s is well-formed SVG and the committed copy is current", (name, svg) => {
  expect(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")).toBe(true);
  expect(unbalancedTags(svg)).toEqual([]);
  expect(readFileSync(join(ROOT, "chapters", "05-cpython-list", name), "utf8"), `chapters/05-cpython-list/${name} is stale: run npm run cpython-pictures`).toBe(svg);
});

needs("python3").test("the growth picture's capacities are python3's", () => {
  const sizes = python("import sys\na = []\nfor i in range(200):\n    a.append(i)\n    print(sys.getsizeof(a))").trim().split("\n").map(Number);
  expect(growthTrace(200).slice(1).map((t) => 56 + 8 * t.allocated)).toEqual(sizes);
});
