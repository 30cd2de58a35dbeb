// Prose cannot drift from code: a chapter includes a region of a source file with a line of its own,
//   <<< src/lua/lvm.ts#op-forloop
// and the region is marked in the source with `// #region op-forloop` ... `// #endregion op-forloop`
// (or `# #region` in assembly and `-- #region` in Lua). This module finds regions and checks includes.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { ROOT } from "./course.ts";

export const INCLUDE = /^<<<\s+(\S+?)(?:#([\w.-]+))?(?:\s+\{([\d,\s-]+)\})?\s*$/;
const MARKER = /^\s*(?:\/\/|#|--|;)\s*#(region|endregion)\s+([\w.-]+)\s*$/;

export interface Include {
  /** The markdown file and 1-based line of the include. */
  from: string;
  line: number;
  path: string;
  region?: string;
  /** Line highlights, as written: "1,3-5". */
  highlight?: string;
}

/** Regions of a source text: name -> lines between the markers (markers excluded). */
export function regions(text: string, file = "source"): Map<string, string[]> {
  const lines = text.split("\n");
  const open = new Map<string, number>();
  const found = new Map<string, string[]>();
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return;
    const [, kind, name] = m;
    if (kind === "region") {
      if (open.has(name) || found.has(name)) throw new Error(`${file}:${i + 1}: region '${name}' opened twice`);
      open.set(name, i);
    } else {
      const start = open.get(name);
      if (start === undefined) throw new Error(`${file}:${i + 1}: #endregion ${name} without a #region ${name}`);
      open.delete(name);
      found.set(name, lines.slice(start + 1, i).filter((l) => !MARKER.test(l)));
    }
  });
  for (const [name, start] of open) throw new Error(`${file}:${start + 1}: region '${name}' is never closed`);
  return found;
}

/** The lines a region holds, dedented; the whole file without markers when `region` is undefined. */
export function regionText(path: string, region?: string, root = ROOT): string {
  const full = join(root, path);
  if (!existsSync(full)) throw new Error(`no file ${path}`);
  const text = readFileSync(full, "utf8");
  const found = regions(text, path);
  let lines: string[];
  if (region === undefined) lines = text.split("\n").filter((l) => !MARKER.test(l));
  else {
    const r = found.get(region);
    if (!r) throw new Error(`${path} has no region '${region}' (regions: ${[...found.keys()].join(", ") || "none"})`);
    lines = r;
  }
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join("\n").replace(/\n+$/, "");
}

/** Every include line of a markdown text (outside fenced code blocks). */
export function includesOf(markdown: string, from: string): Include[] {
  const out: Include[] = [];
  let fence = false;
  markdown.split("\n").forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) return;
    const m = INCLUDE.exec(line);
    if (m) out.push({ from, line: i + 1, path: m[1], region: m[2], highlight: m[3] });
  });
  return out;
}

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith(".md"))
    .map((d) => join(d.parentPath, d.name));
}

/** Problems with the includes of every chapter, one line each; empty when all resolve. */
export function checkIncludes(root = ROOT): string[] {
  const problems: string[] = [];
  for (const file of markdownFiles(join(root, "chapters"))) {
    const from = relative(root, file);
    for (const inc of includesOf(readFileSync(file, "utf8"), from)) {
      try {
        regionText(inc.path, inc.region, root);
      } catch (e) {
        problems.push(`${inc.from}:${inc.line}: <<< ${inc.path}${inc.region ? "#" + inc.region : ""}: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}

/** Unbalanced region markers in source files under src/, one line each. */
export function checkRegions(root = ROOT): string[] {
  const problems: string[] = [];
  const dir = join(root, "src");
  for (const d of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!d.isFile() || !/\.(ts|s|lua|c|h|py)$/.test(d.name)) continue;
    const path = relative(root, join(d.parentPath, d.name));
    try {
      regions(readFileSync(join(root, path), "utf8"), path);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  return problems;
}
