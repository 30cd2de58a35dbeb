// The programs of the standard library's differential test: hand-written ones (lib-corpus/) and programs
// generated with fast-check from a fixed seed, most of all Lua patterns, string.format and string.pack
// with random formats and values. Every call is protected by pcall, so errors are compared too.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Program } from "./vm-oracle.ts";

const corpusDir = join(import.meta.dirname, "lib-corpus");

export function libHandwritten(): Program[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith(".lua"))
    .sort()
    .map((name) => ({ name, source: readFileSync(join(corpusDir, name), "latin1") }));
}

/** A Lua string literal for any bytes. */
export function luaQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 || c === 92) out += "\\" + s[i];
    else if (c >= 32 && c < 127) out += s[i];
    else out += "\\" + String(c).padStart(3, "0");
  }
  return out + '"';
}

/** A Lua expression for a double, exactly (a float even when integral). */
function floatLit(x: number): string {
  if (Number.isNaN(x)) return "(0/0)";
  if (x === Infinity) return "(1/0)";
  if (x === -Infinity) return "(-1/0)";
  if (Object.is(x, -0)) return "(-0.0)";
  return "(" + x.toExponential() + ")";
}

/** A Lua expression for a 64-bit integer. */
function intLit(n: bigint): string {
  return n === -(2n ** 63n) ? "math.mininteger" : `(${n})`;
}

const bytes = (chars: string, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars.split("")), { maxLength: max }).map((a) => a.join(""));

/** Values shown exactly: floats in hexadecimal, so no digit is lost. */
const prelude = `local function show(...)
  local t = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    t[i] = math.type(v) == "float" and string.format("%a", v) or type(v) == "string" and string.format("%q", v)
      or tostring(v)
  end
  return table.concat(t, " ")
end
`;
const program = (cases: string[]): string => prelude + cases.join("\n") + "\n";

// #region patterns
const subjectChars = "aabbcxyzAB01  .-()[]%\0\n";
const single = fc.constantFrom("a", "b", "x", "0", " ", ".", "%a", "%d", "%s", "%w", "%p", "%l", "%u", "%x", "%c",
  "%g", "%A", "%D", "%S", "%W", "%.", "%%", "%(", "%-", "%]");
const setItem = fc.constantFrom("a", "b-y", "0-9", "%d", "%s", "%a", ".", "-", "]", "%]", "^", "A-Z");
const set = fc.tuple(fc.boolean(), fc.array(setItem, { minLength: 1, maxLength: 3 }))
  .map(([neg, items]) => "[" + (neg ? "^" : "") + items.join("") + "]");
const quant = fc.constantFrom("", "", "*", "+", "-", "?");
const item: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.oneof(single, set), quant).map(([a, q]) => a + q) },
  { weight: 1, arbitrary: fc.constantFrom("%b()", "%bab", "%f[%w]", "%f[%s]", "%f[^%z]", "()", "%1") },
);
const wellFormed = fc.tuple(fc.boolean(), fc.array(item, { minLength: 1, maxLength: 5 }), fc.boolean(),
  fc.integer({ min: -1, max: 5 }), fc.integer({ min: 0, max: 5 }))
  .map(([anchor, items, end, open, len]) => {
    if (open >= 0 && open < items.length) {
      const close = Math.min(items.length, open + 1 + len);
      items = [...items.slice(0, open), "(", ...items.slice(open, close), ")", ...items.slice(close)];
    }
    return (anchor ? "^" : "") + items.join("") + (end ? "$" : "");
  });
const malformed = fc.constantFrom("[a", "%", "(a", "a)", "%b", "%ba", "%f", "%fa", "%9", "[%", "(()", "%2(a)",
  "[]", "[^]", "((a)", "%z", "a%");
const pattern = fc.oneof({ weight: 9, arbitrary: wellFormed }, { weight: 1, arbitrary: malformed });
const subject = fc.oneof(bytes(subjectChars, 12),
  fc.constantFrom("hello world from Lua 5.4", "key = value, x=1, y = 22", "(foo(bar))baz", "THE (quick) fox"));
const init = fc.constantFrom("", ", 1", ", 3", ", -2", ", 0", ", 20", ", -30");
const repl = fc.constantFrom('"%0"', '"<%1>"', '"x"', '"%%"', '"%2"', '"[%0%0]"', '"%"',
  '{a = "A", b = false, x = 1}', "function(c) return c and c:upper() end", "function() end", "string.len",
  "{}");

const patternCase = fc.tuple(fc.constantFrom("find", "findplain", "match", "gmatch", "gsub", "gsubn"), subject,
  pattern, init, repl, fc.integer({ min: -1, max: 3 }))
  .map(([op, s, p, i, r, n]) => {
    const S = luaQuote(s);
    const P = luaQuote(p);
    switch (op) {
      case "find": return `print(show(pcall(string.find, ${S}, ${P}${i})))`;
      case "findplain": return `print(show(pcall(string.find, ${S}, ${P}, ${i ? i.slice(2) : 1}, true)))`;
      case "match": return `print(show(pcall(string.match, ${S}, ${P}${i})))`;
      case "gmatch": return `print(show(pcall(function() local t = {} for a, b in string.gmatch(${S}, ${P}${i}) do ` +
        `t[#t + 1] = show(a, b) if #t > 40 then break end end return table.concat(t, ",") end)))`;
      case "gsub": return `print(show(pcall(string.gsub, ${S}, ${P}, ${r})))`;
      default: return `print(show(pcall(string.gsub, ${S}, ${P}, ${r}, ${n})))`;
    }
  });
const patternProgram = fc.array(patternCase, { minLength: 10, maxLength: 20 }).map(program);
// #endregion patterns

// #region format
const edgeInts = [0n, 1n, -1n, 7n, 42n, 255n, 256n, -128n, 65535n, 2n ** 31n - 1n, -(2n ** 31n), 2n ** 53n + 1n,
  2n ** 63n - 1n, -(2n ** 63n)];
const int64 = fc.oneof(fc.constantFrom(...edgeInts), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.bigInt({ min: -1000n, max: 1000n }));
const double = fc.oneof(
  fc.double(),
  fc.constantFrom(0.5, 1.5, 2.5, 0.125, 1e-5, 123.456, 1e15, 1e16, 1e21, 1e300, 5e-324, 2.2250738585072014e-308,
    0.1, 1 / 3, 100, 1e100, 9.5, 0.05, 1234567.5),
  fc.integer({ min: -100000, max: 100000 }).map((n) => n / 64),
);
const flags = fc.array(fc.constantFrom("-", "+", " ", "#", "0"), { maxLength: 3 }).map((a) => a.join(""));
const width = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("", "", "1", "5", "12", "30", "99") },
  { weight: 1, arbitrary: fc.constantFrom("100", "05") });
const precision = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("", "", ".", ".0", ".1", ".3", ".10", ".20", ".99") },
  { weight: 1, arbitrary: fc.constantFrom(".100", "..1") });
const conv = fc.oneof({ weight: 20, arbitrary: fc.constantFrom("d", "i", "u", "o", "x", "X", "c", "a", "A", "e",
  "E", "f", "g", "G", "q", "s", "s") }, { weight: 1, arbitrary: fc.constantFrom("F", "t", "b", "%", "p") });
const strValue = fc.oneof(bytes("abc \0\n\"\\\x01\x7f\xe9\r9", 8).map(luaQuote),
  fc.constantFrom('"hello"', '("x"):rep(120)', "nil", "true", "12", "1.5", "math.mininteger"));

function valueFor(c: string): fc.Arbitrary<string> {
  if ("diuoxXc".includes(c)) {
    return fc.oneof({ weight: 8, arbitrary: c === "c" ? fc.integer({ min: 0, max: 255 }).map(String) : int64.map(intLit) },
      { weight: 1, arbitrary: fc.constantFrom("3.0", "3.5", '"10"', '"x"', "nil", "2^63", "(1/0)") });
  }
  if ("aAeEfgGF".includes(c)) {
    return fc.oneof({ weight: 8, arbitrary: double.map(floatLit) },
      { weight: 1, arbitrary: fc.constantFrom("3", '"2.5"', '"x"', "nil", "math.maxinteger") });
  }
  if (c === "q") return fc.oneof(strValue, int64.map(intLit), double.map(floatLit), fc.constantFrom("{}", "print"));
  return strValue;
}

const spec = fc.tuple(flags, width, precision, conv).chain(([f, w, p, c]) =>
  valueFor(c).map((v) => ({ spec: "%" + f + w + p + c, value: v })));
const formatCase = fc.oneof(
  { weight: 4, arbitrary: spec.map(({ spec: s, value }) => `print(show(pcall(string.format, ${luaQuote(s)}, ${value})))`) },
  { weight: 1, arbitrary: fc.array(spec, { minLength: 2, maxLength: 4 }).map((specs) =>
    `print(show(pcall(string.format, ${luaQuote("[" + specs.map((s) => s.spec).join("|") + "]")}, ` +
    `${specs.map((s) => s.value).join(", ")})))`) },
);
const formatProgram = fc.array(formatCase, { minLength: 12, maxLength: 24 }).map(program);
// #endregion format

// #region pack
interface PackItem { opt: string; value: fc.Arbitrary<string> | null }

function intRange(size: number, signed: boolean): fc.Arbitrary<string> {
  const bits = BigInt(Math.min(size, 8) * 8);
  const min = signed ? -(2n ** (bits - 1n)) : 0n;
  const max = signed ? 2n ** (bits - 1n) - 1n : size >= 8 ? 2n ** 63n - 1n : 2n ** bits - 1n;
  return fc.oneof({ weight: 8, arbitrary: fc.oneof(fc.bigInt({ min, max }), fc.constantFrom(min, max, 0n)).map(intLit) },
    { weight: 1, arbitrary: fc.constantFrom(intLit(min - 1n < -(2n ** 63n) ? -1n : min - 1n),
      intLit(max + 1n > 2n ** 63n - 1n ? -1n : max + 1n), "1.5", '"7"') });
}

const packItem: fc.Arbitrary<PackItem> = fc.oneof(
  fc.constantFrom("<", ">", "=", "!", "!1", "!2", "!4", "!8", "!16", " ", "x", "!3", "i0", "i17").map((opt) => ({ opt, value: null })),
  fc.constantFrom("Xi", "Xh", "Xd", "Xi8", "Xb", "Xc1", "X").map((opt) => ({ opt, value: null })),
  fc.constantFrom<[string, number]>(["b", 1], ["B", 1], ["h", 2], ["H", 2], ["l", 8], ["L", 8], ["j", 8], ["J", 8],
    ["T", 8], ["i", 4], ["I", 4]).chain(([o, n]) =>
    intRange(n, o === o.toLowerCase()).map((v) => ({ opt: o, value: fc.constant(v) }))),
  fc.tuple(fc.constantFrom("i", "I"), fc.integer({ min: 1, max: 16 })).chain(([o, n]) =>
    intRange(n, o === "i").map((v) => ({ opt: o + n, value: fc.constant(v) }))),
  fc.constantFrom("f", "d", "n").chain((o) => double.map((x) => ({ opt: o, value: fc.constant(floatLit(x)) }))),
  fc.tuple(fc.constantFrom("s", "s1", "s2", "s4", "z"), bytes("ab\0\xff", 6)).map(([o, s]) =>
    ({ opt: o, value: fc.constant(luaQuote(o === "z" ? s.replace(/\0/g, "") : s)) })),
  fc.tuple(fc.integer({ min: 0, max: 6 }), bytes("ab\0\xff", 7)).map(([n, s]) => ({ opt: "c" + n, value: fc.constant(luaQuote(s)) })),
);

const packCase = fc.tuple(fc.array(packItem, { minLength: 1, maxLength: 6 }), bytes("\0\x01\x7f\x80\xffa", 24),
  fc.constantFrom("", ", 1", ", 2", ", -3", ", 30")).chain(([items, data, i]) =>
  fc.tuple(...items.map((it) => it.value ?? fc.constant(""))).map((vals) => {
    const fmt = luaQuote(items.map((it) => it.opt).join(""));
    const args = vals.filter((v) => v !== "").join(", ");
    return [
      `do local ok, s = pcall(string.pack, ${fmt}${args ? ", " + args : ""})`,
      "  print(ok, ok and (s:gsub('.', function(c) return string.format('%02x', c:byte()) end)) or s)",
      `  if ok then print(show(pcall(string.unpack, ${fmt}, s))) end`,
      `  print(show(pcall(string.packsize, ${fmt})))`,
      `  print(show(pcall(string.unpack, ${fmt}, ${luaQuote(data)}${i})))`,
      "end",
    ].join("\n");
  }));
const packProgram = fc.array(packCase, { minLength: 8, maxLength: 16 }).map(program);
// #endregion pack

// #region utf8
const codepoint = fc.oneof(fc.integer({ min: 0, max: 0x10ffff }), fc.integer({ min: 0, max: 0x7ff }),
  fc.constantFrom(0x7f, 0x80, 0x7ff, 0x800, 0xd800, 0xdfff, 0xffff, 0x10000, 0x10ffff, 0x110000, 0x7fffffff, 0x80000000, -1));
const utfString = fc.oneof(
  fc.array(codepoint, { maxLength: 5 }).map((cs) => `utf8.char(${cs.map((c) => c === 0x80000000 || c < 0 ? 65 : c).join(", ")})`),
  bytes("a\x80\xbf\xc2\xe0\xed\xf0\xf4\xf8\xfc\xfe\xff\x00", 8).map(luaQuote),
  fc.constantFrom('"héllo"', '"日本語"', '"\\u{7FFFFFFF}x"', '"\\u{D800}"', '"\\xF4\\x90\\x80\\x80"'),
);
const smallpos = fc.constantFrom("nil", "1", "2", "-1", "-3", "0", "5", "20");
const utf8Case = fc.tuple(fc.constantFrom("char", "len", "codepoint", "offset", "codes", "pattern"), utfString,
  smallpos, smallpos, fc.boolean(), fc.array(codepoint, { minLength: 1, maxLength: 4 }))
  .map(([op, s, i, j, lax, cps]) => {
    switch (op) {
      case "char": return `print(show(pcall(utf8.char, ${cps.join(", ")})))`;
      case "len": return `print(show(pcall(utf8.len, ${s}, ${i}, ${j}, ${lax})))`;
      case "codepoint": return `print(show(pcall(utf8.codepoint, ${s}, ${i}, ${j}, ${lax})))`;
      case "offset": return `print(show(pcall(utf8.offset, ${s}, ${i === "nil" ? 1 : i}, ${j})))`;
      case "codes": return `print(show(pcall(function() local t = {} for p, c in utf8.codes(${s}, ${lax}) do ` +
        "t[#t + 1] = p .. ':' .. c end return table.concat(t, ' ') end)))";
      default: return `print(show(pcall(function() local t = {} for c in string.gmatch(${s}, utf8.charpattern) do ` +
        "t[#t + 1] = #c end return table.concat(t, ' ') end)))";
    }
  });
const utf8Program = fc.array(utf8Case, { minLength: 10, maxLength: 20 }).map(program);
// #endregion utf8

// #region misc
const anyInt = fc.oneof(fc.integer({ min: -10, max: 10 }).map(String), fc.constantFrom("math.maxinteger",
  "math.mininteger", "2.0", "2.5", '"3"', "nil", "1e10"));
const miscCase = fc.tuple(fc.constantFrom("rep", "sub", "byte", "char", "case", "concat", "insert", "remove", "move",
  "unpack", "tointeger", "fmod", "ult", "floorceil", "maxmin", "random", "abs", "tostring"), anyInt, anyInt, anyInt,
  double, bytes("abcXYZ\0\xe9", 6))
  .map(([op, a, b, c, x, s]) => {
    const S = luaQuote(s);
    const T = "{10, 20, 30, 'x', 5.5}";
    switch (op) {
      // (lua5.4 spends minutes building 1e10 empty strings: counts stay small)
      case "rep": return `print(show(pcall(string.rep, ${S}, ${a === "math.maxinteger" || a === "1e10" ? 3 : a}, ${S})))`;
      case "sub": return `print(show(pcall(string.sub, ${S}, ${a}, ${b})))`;
      case "byte": return `print(show(pcall(string.byte, ${S}, ${a}, ${b})))`;
      case "char": return `print(show(pcall(string.char, ${a}, ${b === "nil" ? 65 : b}, 97)))`;
      case "case": return `print(show(string.upper(${S}), string.lower(${S}), string.reverse(${S}), #${S}, ${S}:len()))`;
      case "concat": return `print(show(pcall(table.concat, ${T}, ${S}, ${a}, ${b})))`;
      case "insert": return `print(show(pcall(function() local t = ${T} table.insert(t, ${a}, ${b}) return table.concat(t, ",") end)))`;
      case "remove": return `print(show(pcall(function() local t = ${T} local v = table.remove(t, ${a}) return v, #t end)))`;
      case "move": return `print(show(pcall(function() local t = ${T} table.move(t, ${a}, ${b === "1e10" ? 9 : b}, ${c}) ` +
        "local o = {} for i = -12, 12 do if t[i] ~= nil then o[#o + 1] = i .. '=' .. tostring(t[i]) end end return table.concat(o, ' ') end)))";
      case "unpack": return `print(show(pcall(table.unpack, ${T}, ${a}, ${b === "math.maxinteger" ? 3 : b})))`;
      case "tointeger": return `print(show(math.tointeger(${floatLit(x)}), math.tointeger(${a}), math.type(${a})))`;
      case "fmod": return `print(show(pcall(math.fmod, ${a}, ${b})), show(pcall(math.fmod, ${floatLit(x)}, ${b})))`;
      case "ult": return `print(show(pcall(math.ult, ${a}, ${b})))`;
      case "floorceil": return `print(show(math.floor(${floatLit(x)}), math.ceil(${floatLit(x)}), pcall(math.floor, ${a})))`;
      case "maxmin": return `print(show(pcall(math.max, ${a}, ${b}, ${floatLit(x)})), show(pcall(math.min, ${a}, ${b})))`;
      case "random": return `math.randomseed(${a === "nil" ? 7 : a}) print(show(math.random(), math.random(100), ` +
        "math.random(-5, 5), math.random(0)), show(pcall(math.random, 3, 1)))";
      case "abs": return `print(show(pcall(math.abs, ${a})), show(math.abs(${floatLit(x)})))`;
      default: return `print(tostring(${floatLit(x)}), ${floatLit(x)} // 1, ${floatLit(x)} % 3, string.format("%.14g", ${floatLit(x)}))`;
    }
  });
const miscProgram = fc.array(miscCase, { minLength: 10, maxLength: 20 }).map(program);
// #endregion misc

export function libGenerated(): Program[] {
  const gens: [string, fc.Arbitrary<string>, number][] = [
    ["pattern", patternProgram, 60], ["format", formatProgram, 60], ["pack", packProgram, 50],
    ["utf8", utf8Program, 30], ["misc", miscProgram, 30],
  ];
  return gens.flatMap(([kind, arb, n]) =>
    fc.sample(arb, { seed: 6, numRuns: n }).map((source, i) => ({ name: `lib_${kind}_${i}.lua`, source })));
}
