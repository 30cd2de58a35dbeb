// The luac command: `npm run -s luac -- ...` behaves as luac5.4 on the same files.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { normalizeListing } from "../../src/lua/luac.ts";
import { writeBatch } from "./luac-oracle.ts";

const cli = join(import.meta.dirname, "..", "..", "src", "lua", "cli", "luac.ts");
const tsx = join(import.meta.dirname, "..", "..", "node_modules", ".bin", "tsx");

function ourLuac(dir: string, args: string[]) {
  return spawnSync(tsx, [cli, ...args], { cwd: dir, encoding: "latin1", env: { ...process.env, INIT_CWD: dir }, timeout: 30_000 });
}
function realLuac(dir: string, args: string[]) {
  return spawnSync("luac5.4", args, { cwd: dir, encoding: "latin1", timeout: 30_000 });
}

needs("luac5.4").describe("the luac command", () => {
  needs("luac5.4").test("-l -l, -o, -s and errors as luac5.4, with its exit status", () => {
    const { dir, done } = writeBatch(new Map([
      ["prog.lua", "local function f(a, ...) return a, ... end\nprint(f(1, 2.5, 'x'))\n"],
      ["bad.lua", "local x = = 1\n"],
    ]));
    try {
      const ours = ourLuac(dir, ["-l", "-l", "-o", "ours.out", "prog.lua"]);
      const theirs = realLuac(dir, ["-l", "-l", "-o", "theirs.out", "prog.lua"]);
      expect(ours.status).toBe(0);
      expect(normalizeListing(ours.stdout)).toBe(normalizeListing(theirs.stdout));
      expect(readFileSync(join(dir, "ours.out")).equals(readFileSync(join(dir, "theirs.out")))).toBe(true);
      ourLuac(dir, ["-s", "-o", "ours.s.out", "prog.lua"]);
      realLuac(dir, ["-s", "-o", "theirs.s.out", "prog.lua"]);
      expect(readFileSync(join(dir, "ours.s.out")).equals(readFileSync(join(dir, "theirs.s.out")))).toBe(true);
      // listing a binary chunk
      expect(normalizeListing(ourLuac(dir, ["-l", "theirs.out"]).stdout)).toBe(normalizeListing(realLuac(dir, ["-l", "theirs.out"]).stdout));
      for (const args of [["-p", "bad.lua"], ["-p", "missing.lua"]]) {
        const o = ourLuac(dir, args);
        const t = realLuac(dir, args);
        expect(o.status, args.join(" ")).toBe(t.status);
        expect(o.stderr.replace(/^luac: /, ""), args.join(" ")).toBe(t.stderr.replace(/^luac5\.4: /, ""));
        expect(o.stdout).toBe("");
      }
    } finally {
      done();
    }
  }, 60_000);
});
