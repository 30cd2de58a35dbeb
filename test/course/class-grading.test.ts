// Class grading of a folder of synthetic submissions: all solved, none solved, one with edited tests, one
// with an infinite loop, one that does not compile, one that borrows solutions/, one missing its file,
// one that takes more memory than its limit.
// The gradebook is checked cell by cell.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { LEARNER_EDITION, ROOT } from "../../src/course/course.ts";
import { needs, type Needs } from "../../src/course/oracle.ts";

const exercise = "exercises/05-cpython-list/list-resize.ts";
const fixture = (name: string) => readFileSync(join(ROOT, "test/course/fixtures", `list-resize-${name}.ts`), "utf8");
const dir = mkdtempSync(join(tmpdir(), "class-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function learner(name: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, "submissions", name, path)), { recursive: true });
    writeFileSync(join(dir, "submissions", name, path), text);
  }
}

// Grading needs the reference pieces of the other exercises, which the learner edition does not have.
const grading: Pick<Needs, "test"> = LEARNER_EDITION
  ? { test: (name) => test.skip(`${name} (full edition only: needs solutions/)`, () => {}) }
  : needs("unprivileged user", "python3");

grading.test("grades every submission with the course's own suites, in a sandbox", () => {
  learner("ada", { [exercise]: readFileSync(join(ROOT, "solutions/05-cpython-list/list-resize.ts"), "utf8").replace(/^\/\/.*\n/gm, "") });
  learner("bob", { [exercise]: readFileSync(join(ROOT, exercise), "utf8") });
  learner("cyd", {
    [exercise]: readFileSync(join(ROOT, exercise), "utf8"),
    "test/05-cpython-list/graded/list-resize.test.ts": 'import { graded } from "../../../src/course/graded.ts";\ngraded("free points", 10, () => {});\n',
  });
  learner("dee", { [exercise]: fixture("loops") });
  learner("eve", { [exercise]: fixture("untyped") });
  learner("fay", { [exercise]: fixture("borrowed").replace("../../../solutions/", "../../solutions/") });
  learner("gus", { "README.md": "forgot to add my work\n" });
  cpSync(join(ROOT, "test/course/fixtures/list-resize-half.ts"), join(dir, "submissions/hal", exercise), { recursive: true });
  learner("ivy", { [exercise]: fixture("hog") });

  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/course/cli/grade.ts"), "05-cpython-list/list-resize", "--submissions", join(dir, "submissions"), "--gradebook", join(dir, "out"), "--timeout", "20"], { encoding: "utf8", cwd: ROOT });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/as user course-grader \((cgroup v[12] memory|V8 heap only), 1024 MiB\)/);

  const rows = readFileSync(join(dir, "out/gradebook.csv"), "utf8").trimEnd().split("\n").map((l) => l.split(","));
  expect(rows).toEqual([
    ["learner", "05-cpython-list/list-resize (10)", "total (10)"],
    ["ada", "10", "10"],
    ["bob", "0", "0"],
    ["cyd", "0", "0"],
    ["dee", "0", "0"],
    ["eve", "0", "0"],
    ["fay", "0", "0"],
    ["gus", "0", "0"],
    ["hal", "3", "3"],
    ["ivy", "0", "0"],
  ]);
  const reason = (name: string) => JSON.parse(readFileSync(join(dir, "out", `${name}.json`), "utf8")).exercises[0].reason as string;
  expect(reason("bob")).toContain("is not written yet");
  expect(reason("cyd")).toContain("is not written yet");
  expect(reason("dee")).toBe("timed out after 20 s");
  expect(reason("eve")).toMatch(/does not compile:\nexercises\/05-cpython-list\/list-resize\.ts:3:9 - error TS2322/);
  expect(reason("fay")).toMatch(/may not use solutions\//);
  expect(reason("gus")).toBe("missing file exercises/05-cpython-list/list-resize.ts");
  expect(readFileSync(join(dir, "out/hal.txt"), "utf8")).toContain("partial");
  if (/cgroup/.test(r.stderr)) expect(reason("ivy")).toMatch(/^the test process died during ".*": a crash, or more memory than the limit$/);
}, 300_000);
