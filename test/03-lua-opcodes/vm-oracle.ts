// Run Lua programs with our VM and with the real lua5.4, and describe each run by what a user sees:
// stdout, the exit status, and the first line of the error (with the interpreter's name removed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { luaL_newstate, docall } from "../../src/lua/lapi.ts";
import { luaL_loadbufferx } from "../../src/lua/lbaselib.ts";
import { LUA_OK, LUA_MULTRET } from "../../src/lua/lstate.ts";
import { BudgetExceeded } from "../../src/lua/ldo.ts";

export interface Run {
  stdout: string;
  status: number;
  error: string;
}

/** A program by name (the chunk is "@name", as `lua5.4 name` loads it) and its source. */
export interface Program {
  name: string;
  source: string;
}

/** lua5.4 on every program, one process each, from a temporary folder (so chunk names are the bare
 * file names). */
export function theirs(programs: Program[]): Run[] {
  const dir = mkdtempSync(join(tmpdir(), "lua-vm-"));
  try {
    for (const p of programs) writeFileSync(join(dir, p.name), p.source, "latin1");
    return programs.map((p) => {
      const r = spawnSync("lua5.4", [p.name], { cwd: dir, encoding: "latin1", timeout: 20_000 });
      const err = (r.stderr ?? "").split("\n")[0]!.replace(/^lua5\.4: /, "");
      return { stdout: r.stdout ?? "", status: r.status ?? -1, error: r.status === 0 ? "" : err };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our VM on one program, in this process, with a fresh state and an instruction budget. */
export function ours(p: Program, budget = 50_000_000): Run {
  let stdout = "";
  const L = luaL_newstate({ stdout: (s) => (stdout += s), budget });
  const bytes = Uint8Array.from(p.source, (c) => c.charCodeAt(0) & 0xff);
  const cl = luaL_loadbufferx(L, bytes, "@" + p.name, "bt");
  if (typeof cl === "string") return { stdout, status: 1, error: cl };
  L.stack[L.top++] = cl;
  try {
    const status = docall(L, 0, LUA_MULTRET);
    if (status === LUA_OK) return { stdout, status: 0, error: "" };
    const msg = L.stack[L.top - 1];
    return { stdout, status: 1, error: (typeof msg === "string" ? msg : "(error object is not a string)").split("\n")[0]! };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { stdout, status: 1, error: e.message };
    throw e;
  }
}

/** Addresses ("table: 0x55...") differ between any two runs, even of lua5.4 itself. */
function normalize(r: Run): Run {
  const addr = (s: string): string => s.replace(/0x[0-9a-f]{6,}/g, "ADDR");
  return { stdout: addr(r.stdout), status: r.status, error: addr(r.error) };
}

/** Each program run with ours against lua5.4's run of it (`expected`): one line per program that differs,
 * naming the first differing stdout line, or the status and error line. */
export function mismatches(programs: Program[], expected: Run[]): string[] {
  const out: string[] = [];
  programs.forEach((p, i) => {
    const got = normalize(ours(p));
    const want = normalize(expected[i]!);
    if (got.stdout === want.stdout && got.status === want.status && got.error === want.error) return;
    const a = got.stdout.split("\n");
    const b = want.stdout.split("\n");
    let line = 0;
    while (line < a.length && a[line] === b[line]) line++;
    out.push(`${p.name}: ` + (got.stdout !== want.stdout
      ? `stdout line ${line + 1}: ours ${JSON.stringify(a[line])}, lua5.4 ${JSON.stringify(b[line])}`
      : `status ${got.status} vs ${want.status}, error ${JSON.stringify(got.error)} vs ${JSON.stringify(want.error)}`));
  });
  return out;
}
