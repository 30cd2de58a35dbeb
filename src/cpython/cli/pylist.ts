// npm run pylist [-- --json]: a REPL for list statements in Python syntax, run by our PyListObject.
// After each statement it prints the result (as Python's REPL does) and a picture of each list the
// statement names: ob_size, allocated, sys.getsizeof and the ob_item block.
//   --json    read one JSON object per line, {"stmt": "a.append(1)"}, and write one per line:
//             {"output": "...", "error": false, "lists": [{name, ob_size, allocated, sizeof, items, null}]}
//   --no-picture  print only the results
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { fail, parseOptions } from "../../course/cli/cli.ts";
import { drawList } from "../pylist/picture.ts";
import { Session } from "../pylist/session.ts";

const { values } = parseOptions(() =>
  parseArgs({ options: { json: { type: "boolean", default: false }, "no-picture": { type: "boolean", default: false } }, allowPositionals: false }),
);

const session = new Session();
const interactive = process.stdin.isTTY === true && !values.json;
const rl = createInterface({ input: process.stdin, output: interactive ? process.stdout : undefined, prompt: ">>> ", terminal: interactive });
let failed = false;

/** The names a statement mentions, in order: the lists to draw. */
function namesIn(source: string): string[] {
  return [...new Set(source.replace(/(['"])(?:\\.|(?!\1).)*\1/g, "").match(/[A-Za-z_]\w*/g) ?? [])];
}

function runJson(line: string): void {
  let stmt: unknown;
  try {
    const parsed: unknown = JSON.parse(line);
    stmt = typeof parsed === "string" ? parsed : (parsed as { stmt?: unknown } | null)?.stmt;
  } catch {
    stmt = undefined;
  }
  if (typeof stmt !== "string") {
    process.stdout.write(JSON.stringify({ output: 'pylist: each input line must be JSON: {"stmt": "a.append(1)"}', error: true, lists: [] }) + "\n");
    failed = true;
    return;
  }
  const r = session.run(stmt);
  failed ||= r.error;
  process.stdout.write(JSON.stringify(r) + "\n");
}

function runText(line: string): void {
  if (line.trim() === "") return;
  const r = session.run(line);
  failed ||= r.error;
  if (r.output) process.stdout.write(r.output + "\n");
  if (values["no-picture"]) return;
  const names = namesIn(line);
  for (const p of r.lists.filter((l) => names.includes(l.name))) process.stdout.write(drawList(p) + "\n");
  if (r.comparisons !== undefined) process.stdout.write(`   sort made ${r.comparisons} comparisons\n`);
}

if (interactive) {
  process.stdout.write("pylist: CPython 3.11's list, statement by statement (a = [3, 1, 2], a.append(4), del a[::2], sys.getsizeof(a)). Ctrl-D to leave.\n");
  rl.prompt();
}
rl.on("line", (line) => {
  try {
    if (values.json) runJson(line);
    else runText(line);
  } catch (e) {
    fail(`internal error on ${JSON.stringify(line)}: ${(e as Error).message}`, 70);
  }
  if (interactive) rl.prompt();
});
rl.on("close", () => {
  if (interactive) process.stdout.write("\n");
  session.close();
  // A script (stdin not a terminal) fails as python3 does when a statement raised.
  process.exitCode = !interactive && failed ? 1 : 0;
});
