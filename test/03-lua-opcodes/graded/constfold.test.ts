// Graded suite for exercise 03-lua-opcodes/constfold: with the learner's constfold inside lcode.c's
// constfolding, the compiler must fold exactly what luac5.4 folds.
import fc from "fast-check";
import { graded } from "../../../src/course/graded.ts";
import { expectSameListings } from "./compile-check.ts";

const needs = { needs: ["luac5.4" as const] };

graded("arithmetic on numerals folds to one constant, integers and floats as luac5.4", 4, () => {
  expectSameListings([
    "local a = 1 + 2\nlocal b = 10 - 3 * 2\nlocal c = 7 // 2\nlocal d = 7 % 3\nlocal e = 2 ^ 10\nlocal f = 1 / 4\nreturn a, b, c, d, e, f\n",
    "local a = 1.5 + 2\nlocal b = -7 // 2.0\nlocal c = -7 % 3\nlocal d = 5.5 % -2\nlocal e = -(3)\nlocal f = 2^0.5\nreturn a, b, c, d, e, f\n",
    "local a = math.maxinteger + 1\nlocal b = 9223372036854775807 * 2\nlocal c = -9223372036854775807 - 1\nreturn a, b, c\n",
  ]);
}, needs);

graded("no folding where it could raise an error, or give NaN or -0.0", 3, () => {
  expectSameListings([
    "local a = 1 // 0\nlocal b = 1 % 0\nlocal c = 1 / 0\nlocal d = 0 / 0\nlocal e = 1.0 // 0.0\nreturn a, b, c, d, e\n",
    "local a = 1.5 | 1\nlocal b = 3 & 2.0\nlocal c = ~1.5\nlocal d = 1 << 2.0\nlocal e = 2 >> 1\nreturn a, b, c, d, e\n",
    "local a = -0.0\nlocal b = 0.0 * 5\nlocal c = 3 - 3.0\nlocal d = -(0.0)\nlocal e = 0 * -1\nreturn a, b, c, d, e\n",
  ]);
}, needs);

const numeral = fc.constantFrom("0", "1", "2", "3", "-1", "7", "255", "0.0", "0.5", "2.5", "-3.5", "1e300", "0x7fffffffffffffff", "100");
const op = fc.constantFrom("+", "-", "*", "/", "%", "^", "//", "&", "|", "~", "<<", ">>");
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof({ depthSize: "small", withCrossShrink: true }, numeral, fc.tuple(tie("e"), op, tie("e")).map(([a, o, b]) => `(${a} ${o} ${b})`), tie("e").map((a) => `-${a}`)),
})).e;

graded("60 random constant expressions compile as luac5.4 compiles them", 3, () => {
  const exprs = fc.sample(expr, { seed: 3, numRuns: 60 });
  expectSameListings([exprs.map((e, i) => `local v${i % 150} = ${e}`).join("\n") + "\n"]);
}, needs);
