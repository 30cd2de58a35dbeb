// npm run site [-- --root DIR] [-- --out DIR]: builds the course site (of the project, or of the course in
// DIR) into site/dist (or DIR).
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { fail, parseOptions, userPath } from "../src/course/cli/cli.ts";
import { buildSite } from "./build.ts";

const { values } = parseOptions(() => parseArgs({ options: { root: { type: "string" }, out: { type: "string" } } }));
try {
  const site = await buildSite({ root: values.root && userPath(values.root), out: values.out && userPath(values.out) });
  for (const w of site.warnings) console.error(`warning: ${w}`);
  console.log(`wrote ${site.pages.length} pages and ${site.blocks.length} runnable blocks to ${relative(process.env.INIT_CWD ?? process.cwd(), site.out) || "."} in ${site.seconds.toFixed(2)} s`);
} catch (e) {
  fail((e as Error).message);
}
