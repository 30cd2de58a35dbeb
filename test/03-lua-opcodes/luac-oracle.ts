// The real luac5.4 and our compiler side by side: listings, binary chunks and error messages for a batch
// of Lua files written to a temporary folder.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LuaSyntaxError } from "../../src/lua/llex.ts";
import { luaU_dump } from "../../src/lua/ldump.ts";
import { luaL_loadfile } from "../../src/lua/lload.ts";
import { PrintFunction, normalizeListing } from "../../src/lua/luac.ts";

export interface Side {
  /** The normalized `-l -l` listing, or "error: <message>" when the file does not compile. */
  listing: string;
  /** The binary chunk (not stripped), absent on error. */
  chunk?: Uint8Array;
}

/** A temporary folder holding `files` (name → source), removed by `done`. */
export function writeBatch(files: Map<string, string | Uint8Array>): { dir: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "luac-"));
  for (const [name, src] of files) writeFileSync(join(dir, name), src);
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/** luac5.4 [-l -l] [-s] -o chunk FILE, run in `dir` so chunk names are the bare file names. */
export function theirs(dir: string, name: string, strip = false, list = true): Side {
  const out = join(dir, name + (strip ? ".s.luac" : ".luac"));
  const args = [...(list ? ["-l", "-l"] : []), ...(strip ? ["-s"] : []), "-o", out, name];
  const r = spawnSync("luac5.4", args, { cwd: dir, encoding: "latin1", timeout: 30_000, maxBuffer: 1 << 28 });
  if (r.status !== 0) return { listing: "error: " + r.stderr.replace(/^luac5\.4: /, "").trimEnd() };
  return { listing: normalizeListing(r.stdout), chunk: new Uint8Array(readFileSync(out)) };
}

/** Our compiler on the same file, in process. */
export function ours(dir: string, name: string, strip = false, list = true): Side {
  try {
    const f = luaL_loadfile(readFileSync(join(dir, name)), name);
    return { listing: list ? normalizeListing(PrintFunction(f, true)) : "", chunk: luaU_dump(f, strip) };
  } catch (e) {
    if (e instanceof LuaSyntaxError) return { listing: "error: " + e.message };
    throw e;
  }
}

/** The first differing line of two texts, for a readable failure. */
export function firstDifference(a: string, b: string): string {
  const la = a.split("\n");
  const lb = b.split("\n");
  let i = 0;
  while (i < la.length && la[i] === lb[i]) i++;
  return `line ${i + 1}:\n  ours:    ${la[i] ?? "<end>"}\n  luac5.4: ${lb[i] ?? "<end>"}`;
}
