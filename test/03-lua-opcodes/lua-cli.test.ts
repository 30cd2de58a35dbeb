// The `lua` command against lua5.4: -l mod and -l g=mod require a module into a global, in order with
// -e; a module that fails to load stops the command with lua5.4's message and status.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";

const root = join(import.meta.dirname, "..", "..");

function both(dir: string, args: string[]): { ours: string[]; theirs: string[] } {
  const o = spawnSync(join(root, "node_modules", ".bin", "tsx"), [join(root, "src/lua/cli/lua.ts"), ...args],
    { cwd: dir, env: { ...process.env, INIT_CWD: dir }, encoding: "latin1", timeout: 60_000 });
  const t = spawnSync("lua5.4", args, { cwd: dir, encoding: "latin1", timeout: 10_000 });
  const firstErr = (s: string): string => s.split("\n")[0]!.replace(/^lua(5\.4)?: /, "");
  return { ours: [o.stdout, firstErr(o.stderr), String(o.status)], theirs: [t.stdout, firstErr(t.stderr), String(t.status)] };
}

needs("lua5.4").test("-l mod and -l g=mod load modules as lua5.4 does, and a failing one stops the command", () => {
  const dir = mkdtempSync(join(tmpdir(), "lua-cli-"));
  try {
    writeFileSync(join(dir, "mymod.lua"), 'print("loading", ...) return { hi = function() return "hi" end }\n');
    writeFileSync(join(dir, "bad.lua"), 'error("boom")\n');
    const ok = both(dir, ["-l", "m=mymod", "-e", "print(m.hi(), mymod)", "-lmymod", "-e", "print(mymod == m)"]);
    expect(ok.ours).toEqual(ok.theirs);
    const bad = both(dir, ["-e", "print(1)", "-l", "bad", "-e", "print(2)"]);
    expect(bad.ours).toEqual(bad.theirs);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
