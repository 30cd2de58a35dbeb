// The lexer on random numerals and string escapes: the constants in our chunks must be bit for bit the
// ones luac5.4 writes (a float off by one unit in the last place would show in the chunk, not the listing).
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { firstDifference, ours, theirs, writeBatch } from "./luac-oracle.ts";

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: min, maxLength: max });
const hexdigits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: min, maxLength: max });
const numeral = fc.oneof(
  digits(1, 22),
  fc.tuple(digits(0, 12), digits(1, 12)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(digits(1, 10), fc.constantFrom("e", "E", "e+", "e-"), digits(1, 3)).map(([a, e, b]) => `${a}${e}${b}`),
  fc.tuple(digits(1, 6), digits(1, 6), fc.constantFrom("e", "e-"), digits(1, 3)).map(([a, b, e, c]) => `${a}.${b}${e}${c}`),
  fc.tuple(fc.constantFrom("0x", "0X"), hexdigits(1, 20)).map(([p, h]) => p + h),
  fc.tuple(hexdigits(0, 8), hexdigits(1, 8), fc.constantFrom("p", "P", "p-", "p+"), digits(1, 3)).map(([a, b, p, e]) => `0x${a}.${b}${p}${e}`),
);
const escape = fc.oneof(
  fc.constantFrom("\\n", "\\t", "\\\\", '\\"', "\\'", "\\a", "\\b", "\\f", "\\v", "\\r", "\\z  \n  "),
  fc.integer({ min: 0, max: 255 }).map((n) => `\\${n}`),
  fc.integer({ min: 0, max: 255 }).map((n) => `\\x${n.toString(16).padStart(2, "0")}`),
  fc.integer({ min: 0, max: 0x7fffffff }).map((n) => `\\u{${n.toString(16)}}`),
  fc.string({ unit: fc.constantFrom(..."abc xyz"), maxLength: 5 }),
);

needs("luac5.4").describe("the lexer, ours against luac5.4", () => {
  needs("luac5.4").test("400 random numerals and 300 random escaped strings give identical constants", () => {
    const nums = fc.sample(numeral, { seed: 5, numRuns: 400 });
    const strs = fc.sample(fc.array(escape, { minLength: 1, maxLength: 6 }), { seed: 6, numRuns: 300 });
    const files = new Map<string, string>();
    for (let i = 0; i < nums.length; i += 100) files.set(`numerals${i}.lua`, `local t = {\n${nums.slice(i, i + 100).map((n) => `  ${n},`).join("\n")}\n}\nreturn t\n`);
    for (let i = 0; i < strs.length; i += 100) files.set(`strings${i}.lua`, `local t = {\n${strs.slice(i, i + 100).map((s) => `  "${s.join("")}",`).join("\n")}\n}\nreturn t\n`);
    const { dir, done } = writeBatch(files);
    try {
      for (const name of files.keys()) {
        const t = theirs(dir, name);
        const o = ours(dir, name);
        if (o.listing !== t.listing) expect.fail(`${name}: ${firstDifference(o.listing, t.listing)}`);
        if (t.chunk) expect(Buffer.from(o.chunk!).equals(Buffer.from(t.chunk)), `${name}: constants differ in their bits`).toBe(true);
      }
    } finally {
      done();
    }
  }, 60_000);
});
