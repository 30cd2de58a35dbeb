// What the graded suites of chapter 03 share: compile Lua programs with our compiler (the learner's piece
// inside) and with luac5.4, and compare the `luac -l -l` listings line by line.
import { expect } from "vitest";
import { firstDifference, ours, theirs, writeBatch } from "../luac-oracle.ts";

/** Each program must compile to the listing luac5.4 gives (or fail with the same message). */
export function expectSameListings(programs: string[]): void {
  const files = new Map(programs.map((p, i) => [`program${i}.lua`, p] as const));
  const { dir, done } = writeBatch(files);
  try {
    for (const [name, src] of files) {
      const t = theirs(dir, name);
      const o = ours(dir, name);
      if (o.listing !== t.listing) {
        expect.fail(`the listing of\n${src}\ndiffers from luac5.4's at ${firstDifference(o.listing, t.listing)}`);
      }
    }
  } finally {
    done();
  }
}
