// Learn mode driven in a real terminal (tmux) through a hint, a reset, solving the exercise and moving on,
// in a copy of the course so the real exercises are never touched. Also the learner edition: no
// solutions/, and the working module runs with the learner's own piece.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { LEARNER_EDITION, ROOT } from "../../src/course/course.ts";
import { copyCourse, writeLearnerEdition } from "../../src/course/edition.ts";
import { needs } from "../../src/course/oracle.ts";
import { readShipped } from "../../src/course/shipped.ts";

const scratch = mkdtempSync(join(tmpdir(), "learn-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const exercise = "exercises/05-cpython-list/list-resize.ts";
const tsx = join(ROOT, "node_modules/tsx/dist/cli.mjs");

function course(name: string, solutions: boolean): string {
  const dir = join(scratch, name);
  if (solutions) copyCourse(dir, { solutions: true });
  else writeLearnerEdition(dir);
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const session = `learn-${process.pid}`;
const pane = () => execFileSync("tmux", ["capture-pane", "-p", "-t", session], { encoding: "utf8" });
const keys = (...k: string[]) => execFileSync("tmux", ["send-keys", "-t", session, ...k]);

async function waitFor(text: string | RegExp, seconds = 40): Promise<string> {
  const end = Date.now() + seconds * 1000;
  let last = "";
  while (Date.now() < end) {
    last = pane();
    if (typeof text === "string" ? last.includes(text) : text.test(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the terminal never showed ${text}; it shows:\n${last}`);
}

// Learn mode grades with the reference pieces of the other exercises, which the learner edition lacks.
const terminal = LEARNER_EDITION ? { test: (name: string) => test.skip(`${name} (full edition only)`, () => {}) } : needs("tmux", "python3");

terminal.test("learn: hint, reset, solve, next, quit, in a real terminal", async () => {
  const dir = course("full", true);
  const command = `cd ${dir} && ${process.execPath} ${tsx} src/course/cli/learn.ts 05-cpython-list/list-resize`;
  execFileSync("tmux", ["new-session", "-d", "-s", session, "-x", "160", "-y", "60", command]);
  try {
    await waitFor("is not written yet");
    expect(pane()).toMatch(/Exercise 1 of 1: 05-cpython-list\/list-resize/);
    expect(pane()).toMatch(/\[\.+\] 0\/1 exercises, 0\/10 points/);

    keys("h");
    await waitFor("Hint 1: There are two questions");
    expect(pane()).not.toContain("Hint 2:");

    writeFileSync(join(dir, exercise), readFileSync(join(dir, exercise), "utf8") + "\n// my attempt\n");
    keys("r");
    await waitFor("to its shipped state? Your changes are lost. (y/N)");
    keys("y");
    await waitFor("is back as shipped");
    expect(readFileSync(join(dir, exercise), "utf8")).toBe(readShipped(dir)[exercise]);

    keys("n");
    await waitFor("does not pass yet");

    writeFileSync(join(dir, exercise), readFileSync(join(dir, "solutions/05-cpython-list/list-resize.ts"), "utf8"));
    await waitFor("All tests pass. Press n for the next exercise.");
    expect(pane()).toMatch(/\[#+\] 1\/1 exercises, 10\/10 points/);
    keys("n");
    await waitFor("Every exercise passes: 10/10 points. Well done.");
    const progress = JSON.parse(readFileSync(join(dir, ".course/progress.json"), "utf8"));
    expect(progress.exercises["05-cpython-list/list-resize"]).toMatchObject({ status: "passed", earned: 10, possible: 10 });
    expect(progress.hints["05-cpython-list/list-resize"]).toBe(1);
    keys("q");
  } finally {
    spawnSync("tmux", ["kill-session", "-t", session]);
  }
}, 180_000);

describe.skipIf(LEARNER_EDITION)("the learner edition", () => {
  test("has no solutions, and runs the working modules with the learner's pieces", () => {
    const dir = course("edition", false);
    expect(existsSync(join(dir, "solutions"))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).imports["#exercise/*"]).toBe("./exercises/*.ts");
    const run = spawnSync(process.execPath, [tsx, "-e", 'import { app1, PyListObject } from "./src/cpython/listobject.ts"; app1(new PyListObject(), 1); console.log("appended")'], { cwd: dir, encoding: "utf8" });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("exercise 05-cpython-list/list-resize is not written yet");
    const again = spawnSync(process.execPath, [tsx, "src/course/cli/learner-edition.ts", join(scratch, "again")], { cwd: dir, encoding: "utf8" });
    expect(again.stderr.trim()).toBe("learner-edition: this is already a learner edition: run the command in the full edition");
  });
});
