// npm start: the course map on the console, then the course site built and served on localhost.
// PORT chooses the port (default 8080; the next free one if it is taken).
import { courseMap } from "../map.ts";
import { fail } from "./cli.ts";
import { buildSite } from "../../../site/build.ts";
import { serve } from "../../../site/serve.ts";

console.log(`Virtual Machines from the Source

${courseMap()}

Begin with a chapter's README under chapters/, then grade your work:
  npm run grade                      every exercise
  npm run grade -- 05                one chapter
  npm run grade -- 05-cpython-list/list-resize   one exercise
`);

const wanted = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) fail(`PORT=${process.env.PORT} is not a port number: use 0 to 65535`);
try {
  const site = await buildSite();
  for (const w of site.warnings) console.error(`warning: ${w}`);
  let served: Awaited<ReturnType<typeof serve>> | undefined;
  for (let port = wanted; !served; port++) {
    try {
      served = await serve(site.out, port);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0 || port - wanted > 20) throw e;
    }
  }
  console.log(`The course site (${site.pages.length} pages, built in ${site.seconds.toFixed(1)} s) is at ${served.url}`);
  console.log("Press Ctrl+C to stop.");
} catch (e) {
  fail((e as Error).message);
}
