// npm run bench -- site: the time to build the whole course site, the bytes a chapter page loads before
// any Run (HTML, CSS, JavaScript and pictures, minified and gzipped), and the size of each runtime worker, against
// the targets: a build under 10 s, under 100 KB of JavaScript before the first Run, each worker under 100 KB.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { median, timeCommand } from "../../src/course/bench.ts";
import { ROOT } from "../../src/course/course.ts";
import { buildSite, type Site } from "../../site/build.ts";

const out = mkdtempSync(join(tmpdir(), "course-site-bench-"));
const seconds: number[] = [];
let site: Site | undefined;
for (let i = 0; i < 3; i++) {
  const t = process.hrtime.bigint();
  site = await buildSite({ out });
  seconds.push(Number(process.hrtime.bigint() - t) / 1e9);
}
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sizes = (file: string) => {
  const bytes = readFileSync(join(out, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const rows: string[][] = [["what", "raw", "gzipped", "target"]];
rows.push(["whole build, in one process (median of 3)", `${median(seconds).toFixed(2)} s`, "", "< 10 s"]);
const cold = timeCommand(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(ROOT, "site", "main.ts"), "--out", out], 3, { cwd: ROOT });
rows.push(["npm run site, a fresh process (median of 3)", `${cold.toFixed(2)} s`, "", "< 10 s"]);
for (const chapter of site!.chapters) {
  // What the page's own tags load: the page, the stylesheet and the page script (workers load on Run).
  const html = sizes(chapter);
  const css = sizes("assets/site.css");
  const js = sizes("assets/page.js");
  rows.push([`${chapter}: HTML`, kb(html.raw), kb(html.gzip), ""]);
  rows.push([`${chapter}: CSS`, kb(css.raw), kb(css.gzip), ""]);
  rows.push([`${chapter}: JavaScript before any Run`, kb(js.raw), kb(js.gzip), "< 100 KB"]);
  const images = [...new Set([...readFileSync(join(out, chapter), "utf8").matchAll(/<img [^>]*src="([^"]+)"/g)].map((m) => posix.join(posix.dirname(chapter), m[1])))].map(sizes);
  const img = { raw: images.reduce((n, i) => n + i.raw, 0), gzip: images.reduce((n, i) => n + i.gzip, 0) };
  if (images.length) rows.push([`${chapter}: ${images.length} pictures`, kb(img.raw), kb(img.gzip), ""]);
  rows.push([`${chapter}: all before any Run`, kb(html.raw + css.raw + js.raw + img.raw), kb(html.gzip + css.gzip + js.gzip + img.gzip), ""]);
}
for (const worker of readdirSync(join(out, "assets")).filter((f) => f.startsWith("worker-")).sort()) {
  const w = sizes(join("assets", worker));
  rows.push([worker, kb(w.raw), kb(w.gzip), "< 100 KB gzipped"]);
}
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
console.log(`\nThe course site: ${site!.pages.length} pages, ${site!.blocks.length} runnable blocks`);
for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "));
rmSync(out, { recursive: true, force: true });
