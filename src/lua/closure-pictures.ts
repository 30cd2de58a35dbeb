// The pictures of chapter 04, each drawn from a real trace of one of the chapter's example programs
// (chapters/04-lua-closures/examples) at a chosen program point: before and after an upvalue closes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { trace, type Step } from "./ltrace.ts";
import { stepSvg } from "./closure-svg.ts";

export const CHAPTER_DIR = "chapters/04-lua-closures";

/** A program point: the step after the k-th execution (1-based) of `op` in function `fn`, or the step
 * before it when `before` is set. */
interface Point {
  op: string;
  fn: string;
  k: number;
  before?: boolean;
}

interface Picture {
  file: string;
  example: string;
  title: string;
  at: Point;
}

export const PICTURES: readonly Picture[] = [
  { file: "counter-open.svg", example: "counter.lua", title: "counter(): before its RETURN, n is an open upvalue",
    at: { op: "RETURN", fn: "function <1>", k: 1, before: true } },
  { file: "counter-closed.svg", example: "counter.lua", title: "after the RETURN: the upvalue owns n",
    at: { op: "RETURN", fn: "function <1>", k: 1 } },
  { file: "siblings.svg", example: "siblings.lua", title: "inc and get share one upvalue",
    at: { op: "RETURN", fn: "function <1>", k: 1, before: true } },
  { file: "siblings-closed.svg", example: "siblings.lua", title: "closed, still shared: inc() twice, get() sees 2",
    at: { op: "CALL", fn: "main chunk", k: 3 } },
  { file: "loop-open.svg", example: "loop.lua", title: "second iteration: a fresh open upvalue for i",
    at: { op: "CLOSE", fn: "main chunk", k: 2, before: true } },
  { file: "loop-closed.svg", example: "loop.lua", title: "after the loop: three closed upvalues, one per i",
    at: { op: "FORLOOP", fn: "main chunk", k: 3 } },
  { file: "tbc.svg", example: "close.lua", title: "two <close> variables, before the block's CLOSE",
    at: { op: "CLOSE", fn: "main chunk", k: 1, before: true } },
];

function pick(steps: Step[], at: Point, name: string): Step {
  let seen = 0;
  for (let j = 0; j < steps.length; j++) {
    const s = steps[j]!;
    if (s.op === at.op && s.fn === at.fn && ++seen === at.k) {
      const chosen = at.before ? steps[j - 1] : s;
      if (chosen !== undefined) return chosen;
    }
  }
  throw new Error(`${name}: no step ${at.before ? "before" : "after"} ${at.op} #${at.k} in ${at.fn}`);
}

/** Every picture of the chapter as file name → SVG text, computed from the examples under `root`. */
export function renderPictures(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const pic of PICTURES) {
    const source = readFileSync(join(root, CHAPTER_DIR, "examples", pic.example), "latin1");
    const t = trace(source, { chunkname: `@${pic.example}` });
    if (t.error !== null) throw new Error(`${pic.example}: ${t.error}`);
    out.set(pic.file, stepSvg(pick(t.steps, pic.at, pic.file), pic.title));
  }
  return out;
}
