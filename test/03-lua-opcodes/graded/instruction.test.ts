// Graded suite for exercise 03-lua-opcodes/instruction: the learner's CREATE_ABCk, getarg and setarg pack
// and unpack every instruction our compiler emits; the listings must equal luac5.4's.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { CREATE_ABCk, getarg, setarg } from "../../../src/lua/seams.ts";
import { expectSameListings } from "./compile-check.ts";

const field = (bits: number) => fc.integer({ min: 0, max: 2 ** bits - 1 });

graded("CREATE_ABCk puts op, A, k, B and C where getarg finds them (bits 0, 7, 15, 16, 24)", 4, () => {
  fc.assert(
    fc.property(field(7), field(8), field(8), field(8), field(1), (o, a, b, c, k) => {
      const i = CREATE_ABCk(o, a, b, c, k);
      expect(i, "the word is an unsigned 32-bit number").toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(2 ** 32);
      expect([getarg(i, 0, 7), getarg(i, 7, 8), getarg(i, 15, 1), getarg(i, 16, 8), getarg(i, 24, 8)], `fields of 0x${i.toString(16)}`).toEqual([o, a, k, b, c]);
    }),
    { numRuns: 500 },
  );
});

graded("setarg replaces one field and leaves the other bits alone", 3, () => {
  fc.assert(
    fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.constantFrom([7, 8], [15, 1], [16, 8], [24, 8], [15, 17], [7, 25]), fc.nat(), (i, [pos, size], v) => {
      const r = setarg(i, v, pos!, size!);
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(2 ** 32);
      expect(getarg(r, pos!, size!), `field at bit ${pos}, ${size} bits`).toBe(v % 2 ** size!);
      const mask = (2 ** size! - 1) * 2 ** pos!;
      expect((r & ~mask) >>> 0, "the bits outside the field").toBe((i & ~mask) >>> 0);
    }),
    { numRuns: 500 },
  );
});

graded("programs compile to the listings luac5.4 prints (registers, constants, k bits, jumps)", 3, () => {
  expectSameListings([
    "local a, b = 1, 2\nlocal c = a + b * 300\nt = {x = c, [a] = b, 'k'}\nprint(t.x, t[1], c)\n",
    "local t = {}\nfor i = 1, 10 do t[i] = i * 2.5 end\nwhile #t > 3 do t[#t] = nil end\nreturn t\n",
    "local s = 0\nfor k, v in pairs({a = 1, b = 2}) do if v > 1 then s = s + v else s = s - 1 end end\nreturn s\n",
  ]);
}, { needs: ["luac5.4"] });
