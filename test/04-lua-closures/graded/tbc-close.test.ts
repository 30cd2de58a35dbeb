// Graded suite for exercise 04-lua-closures/tbc-close: <close> variables run __close last declared first,
// with nil on a normal exit and the error object on an error, as lua5.4 does.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { ours, theirs } from "../../03-lua-opcodes/vm-oracle.ts";
import { THEMES, generated } from "../closure-programs.ts";

function sameAsLua(sources: string[]): void {
  const programs = sources.map((source, j) => ({ name: `tbc${j}.lua`, source }));
  const want = theirs(programs);
  programs.forEach((p, j) => expect(ours(p), `${p.name} (ours, then lua5.4):\n${p.source}`).toEqual(want[j]));
}
const close = THEMES.close!;

graded("normal exit: block end, return, break, goto; last declared closes first", 2, () => {
  sameAsLua([close[0]!, close[4]!, close[5]!, close[6]!, close[9]!]);
}, { needs: ["lua5.4"] });

graded("on an error: every __close runs with the error object, then pcall sees it", 2, () => {
  sameAsLua([close[1]!, close[7]!, ...generated().filter((s) => s.includes("error('fail"))]);
}, { needs: ["lua5.4"] });

graded("an error inside __close replaces the error; the other variables still close", 2, () => {
  sameAsLua([close[2]!, close[3]!, close[8]!, ...generated().filter((s) => s.includes(", 'e"))]);
}, { needs: ["lua5.4"] });
