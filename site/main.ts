// npm run site: builds the course site into site/dist.
import { relative } from "node:path";
import { fail } from "../src/course/cli/cli.ts";
import { ROOT } from "../src/course/course.ts";
import { buildSite } from "./build.ts";

try {
  const site = await buildSite();
  for (const w of site.warnings) console.error(`warning: ${w}`);
  console.log(`wrote ${site.pages.length} pages and ${site.blocks.length} runnable blocks to ${relative(ROOT, site.out)} in ${site.seconds.toFixed(2)} s`);
} catch (e) {
  fail((e as Error).message);
}
