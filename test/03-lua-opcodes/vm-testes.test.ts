// The official Lua 5.4.4 test files (testes/ of github.com/lua/lua at tag v5.4.4) that need no C API,
// run with our VM as `lua5.4 -e"_U=true" FILE` runs them, from the folder named by LUA_TESTES. The files
// stay outside the project. Each file is one test: it passes when the file runs to its end without error.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

const FILES = ["constructs", "vararg", "closure", "calls", "locals", "goto", "events", "nextvar", "coroutine",
  "errors", "math", "bitwise", "literals", "sort", "strings", "pm", "tpack", "utf8"];
/** Files that cannot run to their end here, and why. `stopsAt`: the file must run without error up to that
 * assertion, which fails for the reason given; `skip`: the file cannot finish at all. */
const LIMITS: Record<string, { stopsAt?: string; skip?: string; reason: string }> = {
  closure: {
    skip: "line 29 loops until the garbage collector empties a weak table, which never happens here",
    reason: "weak tables are not cleared while a program runs (chapter 04, \"Where our version differs\")",
  },
  coroutine: {
    stopsAt: "coroutine.lua:348",
    reason: "debug.sethook counts instructions only: call, line and return events never fire (chapter 03)",
  },
  locals: {
    stopsAt: "locals.lua:552",
    reason: "debug.sethook counts instructions only: the return hooks of lines 740-765 never fire (chapter 03)",
  },
  literals: {
    stopsAt: "literals.lua:225",
    reason: "string.format('%p', s) cannot tell two equal strings apart: JavaScript strings have no identity",
  },
  pm: {
    stopsAt: "pm.lua:394",
    reason: "string.format('%p', s) cannot tell two equal strings apart: JavaScript strings have no identity",
  },
};
const dir = process.env.LUA_TESTES;
const root = join(import.meta.dirname, "..", "..");

describe.skipIf(!dir)(`official Lua 5.4.4 tests${dir ? "" : " (skipped: set LUA_TESTES to a folder holding testes/ of lua 5.4.4)"}`, () => {
  for (const f of FILES) {
    const limit = LIMITS[f];
    if (limit?.skip !== undefined) {
      test.skip(`${f}.lua (skipped: ${limit.skip}; ${limit.reason})`, () => {});
      continue;
    }
    const name = limit?.stopsAt !== undefined ? `${f}.lua (runs up to ${limit.stopsAt}: ${limit.reason})` : `${f}.lua`;
    test(name, () => {
      const file = join(dir!, `${f}.lua`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      const r = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "src/lua/cli/lua.ts"), "-e_U=true", `${f}.lua`],
        { cwd: dir, env: { ...process.env, INIT_CWD: dir }, encoding: "latin1", timeout: 120_000 });
      const err = (r.stderr ?? "").split("\n").slice(0, 3).join(" | ");
      if (limit?.stopsAt !== undefined) {
        expect(err, `${f}.lua should fail only at ${limit.stopsAt}`).toMatch(`: ${limit.stopsAt}: assertion failed!`);
        return;
      }
      expect(r.status, `${f}.lua: ${err}`).toBe(0);
    }, 130_000);
  }
});
