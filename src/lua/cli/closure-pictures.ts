// Draws the pictures of chapter 04 from real traces of its example programs.
//   npm run -s lua-pictures            write chapters/04-lua-closures/pictures/*.svg
//   npm run -s lua-pictures -- --check exit 1 when a picture is out of date
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderPictures, CHAPTER_DIR } from "../closure-pictures.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dir = join(root, CHAPTER_DIR, "pictures");
const check = process.argv.includes("--check");
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const [file, svg] of renderPictures(root)) {
  const path = join(dir, file);
  let old = "";
  try {
    old = readFileSync(path, "utf8");
  } catch {
    // a new picture
  }
  if (old === svg) continue;
  if (check) {
    process.stderr.write(`${CHAPTER_DIR}/pictures/${file} is out of date: run npm run lua-pictures\n`);
    stale++;
  } else {
    writeFileSync(path, svg);
    process.stdout.write(`wrote ${CHAPTER_DIR}/pictures/${file}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
