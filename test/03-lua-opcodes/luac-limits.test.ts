// Extreme inputs: deep nesting, too many locals or registers, huge literals and tables. Ours must give
// luac5.4's limit errors, or its exact chunk, and never a JavaScript exception.
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { ours, theirs, writeBatch } from "./luac-oracle.ts";

const list = (n: number, f: (i: number) => string, sep = ", ") => Array.from({ length: n }, (_, i) => f(i)).join(sep);

const extreme = new Map<string, string>([
  ["braces199.lua", `local x = ${"{".repeat(199)}${"}".repeat(199)}`],
  ["braces150.lua", `local x = ${"{".repeat(150)}${"}".repeat(150)}`],
  ["parens196.lua", `local x = ${"(".repeat(196)}1${")".repeat(196)}`],
  ["parens197.lua", `local x = ${"(".repeat(197)}1${")".repeat(197)}`],
  ["blocks197.lua", `local a = 1 ${"do ".repeat(197)}${"end ".repeat(197)}`],
  ["blocks198.lua", `local a = 1 ${"do ".repeat(198)}${"end ".repeat(198)}`],
  ["locals250.lua", `local a${list(250, (i) => `, a${i}`, "")}`],
  ["locals200.lua", `local a${list(199, (i) => `, a${i}`, "")}`],
  ["args300.lua", `f(${list(300, String)})`],
  ["returns300.lua", `return ${list(300, (i) => `"s${i}"`)}`],
  ["tables300.lua", `local t = {${list(300, (i) => `{${i}}`)}}`],
  ["concat300.lua", `local x = ${list(300, () => "a", " .. ")}`],
  ["functions100.lua", `local x = ${"function() return ".repeat(100)}1${" end".repeat(100)}`],
  ["manylocals.lua", list(20000, (i) => `function f${i}(p) local a, b, c, d, e = p, ${i} end`, "\n")],
  ["manylocalfunctions.lua", list(300, (i) => `local function f${i}() local a${i} = ${i} end`, "\n")],
  ["chain300.lua", `x = ${"a.".repeat(300)}b`],
  ["upvalues256.lua", `local ${list(180, (i) => `u${i}`)}\nlocal ${list(80, (i) => `w${i}`)}\nreturn function() return ${list(180, (i) => `u${i}`)}, ${list(80, (i) => `w${i}`)} end`],
  ["bigarray.lua", `local t = {${list(70000, String)}}`],
  ["bigstring.lua", `x = "${"a".repeat(10 * 1024 * 1024)}"`],
  ["jumps.lua", `if x then\n${list(40000, (i) => `y = ${i}`, "\n")}\nend`],
]);

needs("luac5.4").describe("limits, ours against luac5.4", () => {
  needs("luac5.4").test(`${extreme.size} extreme inputs: the same error or the same chunk`, () => {
    const { dir, done } = writeBatch(extreme);
    try {
      for (const name of extreme.keys()) {
        const t = theirs(dir, name, false, false);
        const o = ours(dir, name, false, false);
        if (t.chunk) expect(Buffer.from(o.chunk!).equals(Buffer.from(t.chunk)), `${name}: chunks differ`).toBe(true);
        else expect(o.listing, name).toBe(t.listing);
        if (t.chunk) expect(o.listing.startsWith("error"), name).toBe(false);
      }
    } finally {
      done();
    }
  }, 120_000);
});
