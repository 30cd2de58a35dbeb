// npm run cpython-pictures [-- FOLDER]: writes the chapter 05 pictures (growth.svg, run-stack.svg), drawn
// from real runs of our list, into FOLDER (default: chapters/05-cpython-list).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT } from "../../course/course.ts";
import { fail, parseOptions, userPath } from "../../course/cli/cli.ts";
import { chapterPictures } from "../pictures.ts";

const { positionals } = parseOptions(() => parseArgs({ allowPositionals: true, options: {} }));
if (positionals.length > 1) fail("give at most one folder to write the pictures into");
const folder = positionals[0] ? userPath(positionals[0]) : join(ROOT, "chapters", "05-cpython-list");
for (const [name, svg] of Object.entries(chapterPictures())) {
  try {
    writeFileSync(join(folder, name), svg);
  } catch (e) {
    fail(`cannot write ${join(folder, name)}: ${(e as Error).message} (does the folder exist?)`);
  }
  console.log(`wrote ${join(folder, name)}`);
}
