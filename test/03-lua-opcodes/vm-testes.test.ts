// The official Lua 5.4.4 test files (testes/ of github.com/lua/lua at tag v5.4.4) that need no C API,
// run with our VM as `lua5.4 -e"_U=true" FILE` runs them, from the folder named by LUA_TESTES. The files
// stay outside the project. Each file is one test: it passes when the file runs to its end without error.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

const FILES = ["constructs", "vararg", "closure", "calls", "locals", "goto", "events", "nextvar", "coroutine",
  "errors", "math", "bitwise", "literals", "sort", "strings", "pm", "tpack", "utf8"];
const dir = process.env.LUA_TESTES;
const root = join(import.meta.dirname, "..", "..");

describe.skipIf(!dir)(`official Lua 5.4.4 tests${dir ? "" : " (skipped: set LUA_TESTES to a folder holding testes/ of lua 5.4.4)"}`, () => {
  for (const f of FILES) {
    test(`${f}.lua`, () => {
      const file = join(dir!, `${f}.lua`);
      expect(existsSync(file), `${file} is missing`).toBe(true);
      const r = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "src/lua/cli/lua.ts"), "-e_U=true", `${f}.lua`],
        { cwd: dir, env: { ...process.env, INIT_CWD: dir }, encoding: "latin1", timeout: 120_000 });
      expect(r.status, `${f}.lua: ${(r.stderr ?? "").split("\n").slice(0, 3).join(" | ")}`).toBe(0);
    }, 130_000);
  }
});
