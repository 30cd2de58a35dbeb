// The tracer (src/lua/ltrace.ts) and the chapter's pictures drawn from its traces.
import { describe, expect, test } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { needs } from "../../src/course/oracle.ts";
import { trace, type Step } from "../../src/lua/ltrace.ts";
import { renderPictures, CHAPTER_DIR } from "../../src/lua/closure-pictures.ts";

const examples = join(CHAPTER_DIR, "examples");
const files = readdirSync(examples).filter((f) => f.endsWith(".lua")).sort();

/** The invariants of lfunc.c's open upvalue list, checked after every instruction. */
function checkStep(s: Step): void {
  const levels = s.open.map((u) => u.level!);
  for (let j = 1; j < levels.length; j++) {
    expect(levels[j], `open upvalues must be sorted by level, highest first (step ${s.n}, ${s.op})`).toBeLessThan(levels[j - 1]!);
  }
  const slots = new Map(s.stack.map((x) => [x.level, x.value]));
  for (const u of s.open) {
    if (slots.has(u.level!)) expect(u.value, `an open upvalue reads its stack slot (step ${s.n})`).toBe(slots.get(u.level!));
  }
  for (const u of s.closed) expect(u.level).toBeNull();
  for (let j = 1; j < s.tbc.length; j++) expect(s.tbc[j]!).toBeGreaterThan(s.tbc[j - 1]!);
}

describe("tracer", () => {
  test("every step of the chapter's examples keeps the open list sorted and each open upvalue on its slot", () => {
    for (const f of files) {
      const t = trace(readFileSync(join(examples, f), "latin1"), { chunkname: `@${f}` });
      expect(t.error, f).toBeNull();
      expect(t.steps.length).toBeGreaterThan(10);
      t.steps.forEach(checkStep);
    }
  });

  test("an upvalue keeps its identity when it closes, and the closure still reads it", () => {
    const t = trace("local function f() local n = 7 return function() n = n + 1 return n end end\nlocal g = f() print(g())");
    expect(t.output).toBe("8\n");
    const ret = t.steps.findIndex((s) => s.op === "RETURN" && s.fn === "function <1>");
    const before = t.steps[ret - 1]!.open.find((u) => u.value === "7")!;
    const after = t.steps[ret]!.closed.find((u) => u.id === before.id)!;
    expect(after.value).toBe("7");
    expect(after.heldBy.map((h) => h.name)).toEqual(["n"]);
    expect(t.steps.at(-1)!.frames).toEqual([]);
  });

  test("the to-be-closed list holds the <close> variables until the block's CLOSE", () => {
    const t = trace("do local a <close> = setmetatable({}, {__close=print}) local b <close> = a end");
    const close = t.steps.findIndex((s) => s.op === "CLOSE");
    expect(t.steps[close - 1]!.tbc).toHaveLength(2);
    expect(t.steps[close]!.tbc).toHaveLength(0);
  });

  test("a budget stops a traced endless loop", () => {
    const t = trace("while true do end", { limit: 50 });
    expect(t.error).toMatch(/budget/);
    expect(t.steps.length).toBeLessThanOrEqual(51);
  });
});

needs("lua5.4").test("the traced examples print what lua5.4 prints", () => {
  for (const f of files) {
    const want = execFileSync("lua5.4", [f], { cwd: examples, encoding: "latin1" });
    expect(trace(readFileSync(join(examples, f), "latin1"), { chunkname: `@${f}` }).output, f).toBe(want);
  }
});

test("the chapter's pictures are up to date (npm run lua-pictures)", () => {
  for (const [file, svg] of renderPictures(".")) {
    expect(readFileSync(join(CHAPTER_DIR, "pictures", file), "utf8"), `${file} is stale: run npm run lua-pictures`).toBe(svg);
  }
});
