// The checks `npm test` runs on a built site: every runnable block runs headlessly on its runtime (the
// same module the browser's worker runs) and finishes cleanly or as its ```output / ```error fences say;
// every internal link and anchor resolves.
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Block } from "./markdown.ts";
import { execute, type RunResult } from "./runtime.ts";
import { loadRuntime } from "./build.ts";

/** Runs a block of the course at `root` as the page would, with its own budget or its runtime's. */
export async function runBlock(block: Block, root?: string): Promise<RunResult> {
  const runtime = await loadRuntime(block.kind, root);
  return execute(runtime, block.source, block.steps ?? runtime.steps);
}

/** What is wrong with a block's run, or undefined when it did what the chapter says it does. */
export function judgeRun(block: Block, r: RunResult): string | undefined {
  const where = `${block.from}:${block.line} (${block.kind} run)`;
  if (block.expectedError !== undefined) {
    if (r.error?.trimEnd() !== block.expectedError.trimEnd()) return `${where}: expected the error\n${block.expectedError}\nbut got ${r.error ? `the error\n${r.error}` : "no error"}`;
  } else if (r.error) return `${where}: ${r.error}`;
  if (block.expectedOutput !== undefined && r.output.trimEnd() !== block.expectedOutput.trimEnd()) {
    return `${where}: expected the output\n${block.expectedOutput}\nbut it printed\n${r.output}`;
  }
  return undefined;
}

const ATTR = /<(\w+)\b[^>]*?\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;

/** Links and anchors of the pages that lead nowhere, and anything loaded from outside, one line each. */
export function checkLinks(out: string, pages: string[]): string[] {
  const ids = new Map<string, Set<string>>();
  const idsOf = (page: string) => {
    if (!ids.has(page)) ids.set(page, new Set([...readFileSync(join(out, page), "utf8").matchAll(ID)].map((m) => m[1])));
    return ids.get(page)!;
  };
  const problems: string[] = [];
  for (const page of pages) {
    const html = readFileSync(join(out, page), "utf8");
    for (const [, tag, raw] of html.matchAll(ATTR)) {
      const href = raw.replace(/&amp;/g, "&");
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(href)) {
        // A link may lead out (further reading); what the page loads may not: the site works offline.
        if (tag !== "a" && !/^data:/i.test(href)) problems.push(`${page}: <${tag}> loads ${href} from outside the site (the site must work offline)`);
        continue;
      }
      const [path, hash] = href.split("#");
      const target = path === "" ? page : posix.normalize(posix.join(posix.dirname(page), decodeURIComponent(path)));
      if (target.startsWith("..") || !existsSync(join(out, target))) {
        problems.push(`${page}: ${href} names no file of the site`);
        continue;
      }
      if (hash && target.endsWith(".html") && !idsOf(target).has(decodeURIComponent(hash))) problems.push(`${page}: ${href} names no anchor of ${target}`);
    }
  }
  return problems;
}
