// npm run bench [-- NAME...]: runs the benchmarks under test/bench/ (NAME.bench.ts; none means all), each
// in a process of its own, one after the other so they do not disturb each other's timings.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../course.ts";
import { fail } from "./cli.ts";

const dir = join(ROOT, "test", "bench");
const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".bench.ts")).sort() : [];
const names = all.map((f) => f.replace(/\.bench\.ts$/, ""));
const wanted = process.argv.slice(2);
for (const w of wanted) if (!names.includes(w)) fail(`no benchmark '${w}'; benchmarks: ${names.join(", ") || "(none yet)"}`);
const chosen = wanted.length ? wanted : names;
if (chosen.length === 0) fail("no benchmarks yet: chapters add them as test/bench/NAME.bench.ts");
let status = 0;
for (const name of chosen) {
  console.log(`== ${name}`);
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), join(dir, `${name}.bench.ts`)], { stdio: "inherit", cwd: ROOT });
  if (r.status !== 0) status = 1;
}
process.exit(status);
