// Graded suite for exercise 04-lua-closures/closure-upvals: OP_CLOSURE builds each closure's upvalues from
// its descriptors with the learner's loop; closure programs print what lua5.4 prints.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { ours, theirs } from "../../03-lua-opcodes/vm-oracle.ts";
import { THEMES, generated } from "../closure-programs.ts";

function sameAsLua(sources: string[], theme: string): void {
  const programs = sources.map((source, j) => ({ name: `${theme}${j}.lua`, source }));
  const want = theirs(programs);
  programs.forEach((p, j) => expect(ours(p), `${p.name} (ours, then lua5.4):\n${p.source}`).toEqual(want[j]));
}

graded("registers of the enclosing frame (instack) and shared siblings", 2, () => {
  sameAsLua([...THEMES.shared!, ...THEMES.loops!], "instack");
}, { needs: ["lua5.4"] });

graded("captures two to six levels deep pass through enclosing upvalues (not instack)", 2, () => {
  sameAsLua(generated().filter((s) => s.startsWith("local function make()")), "nested");
}, { needs: ["lua5.4"] });
