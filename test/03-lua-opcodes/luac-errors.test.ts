// Syntax errors and malformed binary chunks: our messages against `luac5.4 -p` on the same files.
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { luaProgram } from "./lua-gen.ts";
import { ours, theirs, writeBatch } from "./luac-oracle.ts";

/** Broken programs written by hand, one per message of llex.c and lparser.c (and then some). */
const broken: string[] = [
  "x = ", "x = 1 +", "local function", "function f(", "function f() return 1", "if x then", "if x then else",
  "if x print(1) end", "while x print(1) end", "while x do", "for i = 1 do end", "for i do end", "for i, j = 1, 2 do end",
  "for 1 = 1, 2 do end", "repeat x = 1", "repeat until", "do local x", "local x <foo> = 1", "local x <const> = 1; x = 2",
  "local x <const> = {}; x = 2", "local a <close>, b <close> = 1, 2", "local function f() local y <const> = 1; return function() y = 2 end end",
  "break", "if x then break end", "goto nowhere", "do goto l end ::l:: ::l::", "::l:: ::l::", "goto l; local x; ::l:: print(x)",
  "repeat goto l; local x ::l:: until x", "return return", "return 1 2", "x = 3x", "x = 0x", "x = 1e", "x = 1e+", "x = 0x1p",
  "x = 1..2", "x = 3.4.5", "x = .", "x = 08z", 'x = "abc', "x = 'abc\ndef'", 'x = "\\q"', 'x = "\\x4"', 'x = "\\xzz"',
  'x = "\\400"', 'x = "\\u{110000000}"', 'x = "\\u{}"', 'x = "\\u123"', 'x = "\\u{12"', "x = [[abc", "x = [==[abc]]",
  "--[[ unfinished", "x = [=", "x = [==", "x = #", "x = not", "x = -", "x = 1 + * 2", "x = (1", "x = (1))", "x = {1, 2",
  "x = {1 2}", "x = {[1] 2}", "x = {x = }", "x = f(", "x = f(1,)", "x = f(1 2)", "x = a.", "x = a.1", "x = a:b", "x = a:b.c()",
  "a:b", "a.b", "a", "1 = 2", "a, 1 = 2, 3", "a, b", "a + 1", "(a)", "f() = 1", "local 1 = 2", "local x, = 1", "local = 1",
  "function 1() end", "function a.1() end", "function a:b.c() end", "function f(1) end", "function f(a,) end",
  "function f(..., a) end", "x = ...", "function f() return ... end", "local t = {...}; function g() return ... end",
  "x = function() return end end", "end", "else", "elseif", "until", "then", "in", "x = @", "x = $", "x = `", "x = ~= 1",
  "x = 1 ==", "x = a[", "x = a[1", "x = a[]", "for k, v in pairs(t) print(k) end", "for k, v pairs(t) do end",
  "if x then elseif then end", "x = y y = x", "local x = 1 local y = 2 z", "return\nx", "print('a' 'b')",
  "x = 1\n\n\ny = ", "local function f()\n  if x then\n    return\n  end", "\x01", "x = \x7f", "x = 'tab\tok' .. \x00",
  "x = \"" + "a".repeat(80), "goto 1", "::1::", ":: a ::", "local <const> x = 1", "local x <const>", "f{", "f'",
  "for i = 1, 2, 3, 4 do end", "a.b:c = 1", "x = {f = function() end", "local x <close> = 1 local y <close> = 2 z",
];

needs("luac5.4").describe("syntax errors, ours against luac5.4 -p", () => {
  const luac = needs("luac5.4");
  luac.test(`${broken.length} hand-written broken programs and 60 mutated programs: the same message`, () => {
    const files = new Map<string, string>();
    broken.forEach((src, i) => files.set(`broken${i}.lua`, src));
    // Mutations of random valid programs: drop one character somewhere
    const progs = fc.sample(fc.tuple(luaProgram, fc.nat()), { seed: 7, numRuns: 60 });
    progs.forEach(([p, at], i) => {
      const k = p.length > 1 ? at % (p.length - 1) : 0;
      files.set(`mutated${i}.lua`, p.slice(0, k) + p.slice(k + 1));
    });
    const { dir, done } = writeBatch(files);
    try {
      let errors = 0;
      for (const name of files.keys()) {
        const t = theirs(dir, name);
        const o = ours(dir, name);
        expect(o.listing.startsWith("error: ") ? o.listing : "(compiled)", `${name}: ${JSON.stringify(files.get(name))}`).toBe(
          t.listing.startsWith("error: ") ? t.listing : "(compiled)",
        );
        if (t.listing.startsWith("error: ")) errors++;
      }
      expect(errors).toBeGreaterThanOrEqual(100);
    } finally {
      done();
    }
  }, 60_000);

  luac.test("malformed binary chunks: lundump.c's messages, never an exception of ours", () => {
    const { dir, done } = writeBatch(new Map([["ok.lua", "local t = {1, 2.5, 'x', true}\nreturn function(a) return t[a] end\n"]]));
    try {
      const chunk = theirs(dir, "ok.lua").chunk!;
      const files = new Map<string, Uint8Array>();
      for (let n = 1; n < chunk.length; n += 3) files.set(`cut${n}.luac`, chunk.slice(0, n));
      const header = (i: number, v: number) => {
        const c = chunk.slice();
        c[i] = v;
        return c;
      };
      files.set("version.luac", header(4, 0x53));
      files.set("format.luac", header(5, 1));
      files.set("data.luac", header(7, 0));
      files.set("insnsize.luac", header(12, 8));
      files.set("intsize.luac", header(13, 4));
      files.set("numsize.luac", header(14, 4));
      files.set("intformat.luac", header(15, 0x79));
      files.set("numformat.luac", header(30, 0x40));
      files.set("signature.luac", header(1, 0x6c));
      const batch = writeBatch(files);
      try {
        for (const name of files.keys()) {
          const t = theirs(batch.dir, name);
          const o = ours(batch.dir, name);
          expect(o.listing, name).toBe(t.listing);
        }
      } finally {
        batch.done();
      }
    } finally {
      done();
    }
  }, 60_000);
});
