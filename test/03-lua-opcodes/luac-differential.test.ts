// Differential test of the compiler: every corpus file (hand-written grammar programs and programs drawn
// at random from the grammar) gives the listing `luac5.4 -l -l` gives, and the same binary chunk.
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { luaU_dump } from "../../src/lua/ldump.ts";
import { luaU_undump } from "../../src/lua/lundump.ts";
import { luaProgram } from "./lua-gen.ts";
import { firstDifference, ours, theirs, writeBatch } from "./luac-oracle.ts";

const corpusDir = join(import.meta.dirname, "corpus");
const files = new Map<string, string | Uint8Array>();
for (const name of readdirSync(corpusDir)) files.set(name, readFileSync(join(corpusDir, name)));
fc.sample(luaProgram, { seed: 54, numRuns: 300 }).forEach((p, i) => files.set(`random${i}.lua`, p));
// Every Lua example of chapters 03 and 04
for (const chapter of ["03-lua-opcodes", "04-lua-closures"]) {
  const readme = join(import.meta.dirname, "..", "..", "chapters", chapter, "README.md");
  if (!existsSync(readme)) continue;
  const blocks = readFileSync(readme, "utf8").matchAll(/^```lua[^\n]*\n([\s\S]*?)^```/gm);
  [...blocks].forEach((m, i) => files.set(`${chapter}-example${i}.lua`, m[1]!));
}

needs("luac5.4").describe("luac -l -l, ours against luac5.4", () => {
  const luac = needs("luac5.4");
  luac.test(`${files.size} files: identical listings, errors and binary chunks`, () => {
    const { dir, done } = writeBatch(files);
    try {
      let compiled = 0;
      for (const name of files.keys()) {
        const t = theirs(dir, name);
        const o = ours(dir, name);
        if (o.listing !== t.listing) expect.fail(`${name}: listings differ at ${firstDifference(o.listing, t.listing)}`);
        if (t.chunk) {
          compiled++;
          expect(Buffer.from(o.chunk!).equals(Buffer.from(t.chunk)), `${name}: our chunk differs from luac5.4's`).toBe(true);
          const again = luaU_dump(luaU_undump(t.chunk, "=" + name), false);
          expect(Buffer.from(again).equals(Buffer.from(t.chunk)), `${name}: undump + dump is not byte-identical`).toBe(true);
        }
      }
      expect(compiled).toBeGreaterThan(files.size * 0.7);
    } finally {
      done();
    }
  }, 120_000);

  luac.test("stripped chunks (luac -s): ours identical, and undump + dump byte-identical", () => {
    const some = new Map([...files].slice(0, 80));
    const { dir, done } = writeBatch(some);
    try {
      for (const name of some.keys()) {
        const t = theirs(dir, name, true);
        if (!t.chunk) continue;
        const o = ours(dir, name, true);
        expect(Buffer.from(o.chunk!).equals(Buffer.from(t.chunk)), `${name}: stripped chunk differs`).toBe(true);
        const again = luaU_dump(luaU_undump(t.chunk, "=" + name), true);
        expect(Buffer.from(again).equals(Buffer.from(t.chunk)), `${name}: stripped round trip differs`).toBe(true);
      }
    } finally {
      done();
    }
  }, 60_000);
});
