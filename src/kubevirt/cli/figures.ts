// npm run kubevirt-figures [-- --capture]
// Regenerates chapter 06's pictures and packet tables; with --capture (root), first records a real exchange
// between busybox udhcpc and our server (bridge binding, in fresh namespaces) into exchange.json.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { fail, parseOptions } from "../../course/cli/cli.ts";
import { exchange } from "../exchange.ts";
import { CHAPTER, chapterWithTables, pictures, readCapture, type Capture } from "../figures.ts";

const { values } = parseOptions(() => parseArgs({ options: { capture: { type: "boolean", default: false } } }));

if (values.capture) {
  if (process.getuid?.() !== 0) fail("--capture makes network namespaces: run as root");
  await exchange("bridge", "cap", ({ log }) => {
    const received = log.filter((l) => l.startsWith("< ")).map((l) => l.slice(2));
    const sent = log.filter((l) => l.startsWith("> ")).map((l) => l.slice(2));
    const capture: Capture = { discover: received[0], offer: sent[0], request: received[1], ack: sent[1] };
    writeFileSync(`${CHAPTER}/exchange.json`, JSON.stringify(capture, null, 2) + "\n");
    console.log(`recorded ${CHAPTER}/exchange.json`);
  }, ["--hex"]);
}
for (const [path, svg] of Object.entries(pictures())) {
  writeFileSync(path, svg);
  console.log(`wrote ${path}`);
}
const readme = `${CHAPTER}/README.md`;
writeFileSync(readme, chapterWithTables(readFileSync(readme, "utf8"), readCapture()));
console.log(`refreshed the packet tables in ${readme}`);
