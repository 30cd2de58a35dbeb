// npm run pylist: statements in, results and pictures out; --json for tools; errors as Python prints them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ROOT } from "../../src/course/course.ts";
import { needs } from "../../src/course/oracle.ts";
import { runInPython } from "./python.ts";

const statements = ["a = [3, 1, 2]", "a.append(4)", "a.insert(0, 9)", "a[1:3] = [7, 7, 7]", "del a[::2]", "a.sort(reverse=True)", "len(a)", "a.pop(10)", "a"];

function pylist(args: string[], input: string) {
  return spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cpython/cli/pylist.ts"), ...args], { input, encoding: "utf8", cwd: ROOT, timeout: 30_000 });
}

needs("python3").test("--json: one object per statement, with python3's results and capacities", () => {
  const r = pylist(["--json"], statements.map((s) => JSON.stringify({ stmt: s })).join("\n") + "\n");
  const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { output: string; lists: { name: string; sizeof: number; items: string[] }[] });
  const theirs = runInPython([statements])[0];
  expect(lines.map((l) => l.output)).toEqual(theirs.map((t) => t[0]));
  expect(lines.map((l) => l.lists.find((x) => x.name === "a")!.sizeof)).toEqual(theirs.map((t) => t[2]));
  expect(r.status, "a statement raised, so the run fails as a python3 script would").toBe(1);
});

test("text mode prints results and the ob_item picture; unsupported syntax is a one-line SyntaxError", () => {
  const r = pylist([], "a = [1, 2, 3]\na\nwhile True: pass\n");
  expect(r.stdout).toContain("a  ob_size=3  allocated=4  sys.getsizeof=88\n   ob_item -> [ 1 | 2 | 3 | · ]");
  expect(r.stdout).toContain("[1, 2, 3]\n");
  expect(r.stdout).toMatch(/^SyntaxError: 'while' is not supported by pylist/m);
  expect(r.stderr).toBe("");
});

test("an unknown option is a one-line error with exit status 2", () => {
  const r = pylist(["--bogus"], "");
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
});
