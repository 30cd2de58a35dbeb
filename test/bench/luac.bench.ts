// Benchmark: compile a generated 100,000-line Lua file with our compiler and with `luac5.4 -p`.
//   npm run bench -- luac
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { report, time, timeCommand } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";
import { LuaSyntaxError } from "../../src/lua/llex.ts";
import { luaL_loadfile } from "../../src/lua/lload.ts";
import { luaProgram } from "../03-lua-opcodes/lua-gen.ts";

/** Random programs from the grammar, each the body of a global function, until `lines` lines. */
function generate(lines: number): Uint8Array {
  const parts: string[] = [];
  let n = 0;
  let seed = 1;
  while (n < lines) {
    for (const p of fc.sample(luaProgram, { seed: seed++, numRuns: 200 })) {
      const fn = `function f${parts.length}(...)\n${p}end\n`;
      try {
        luaL_loadfile(new TextEncoder().encode(fn), "check.lua");
      } catch (e) {
        if (e instanceof LuaSyntaxError) continue;
        throw e;
      }
      parts.push(fn);
      n += fn.split("\n").length - 1;
      if (n >= lines) break;
    }
  }
  return new TextEncoder().encode(parts.join(""));
}

const src = generate(100_000);
const dir = mkdtempSync(join(tmpdir(), "luac-bench-"));
const file = join(dir, "big.lua");
writeFileSync(file, src);
try {
  const ours = time(() => luaL_loadfile(src, file), 5);
  const peer = oracle("luac5.4").available ? timeCommand("luac5.4", ["-p", file], 5) : oracle("luac5.4").reason;
  report(`compile a ${(src.length / 1e6).toFixed(1)} MB, 100,000-line Lua file (parse and generate code)`, "luac5.4 -p", [
    { case: "100,000 lines", ours, peer },
  ]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
