// The programs of the VM's differential test: hand-written per opcode and metamethod (vm-corpus/), and
// generated with fast-check from a fixed seed. They use the base library where results are deterministic:
// no pairs order, no addresses.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Program } from "./vm-oracle.ts";

const corpusDir = join(import.meta.dirname, "vm-corpus");

export function handwritten(): Program[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith(".lua"))
    .sort()
    .map((name) => ({ name, source: readFileSync(join(corpusDir, name), "latin1") }));
}

// #region generators
/** Values at the edges of Lua's number and string rules. */
const value = fc.constantFrom(
  "0", "1", "-1", "2", "3", "7", "-7", "255", "256", "65535", "2147483647", "-2147483648", "4294967296",
  "9007199254740991", "9007199254740993", "math.maxinteger", "math.mininteger", "0.0", "-0.0", "0.5", "-2.5",
  "3.0", "1e15", "1e100", "2^53", "2^63", "-2^63", "1/0", "-1/0", "'10'", "'0x10'", "' 3 '", "'2.5'",
  "'abc'", "''", "true", "nil", "{}",
);
const binop = fc.constantFrom("+", "-", "*", "/", "//", "%", "^", "&", "|", "~", "<<", ">>", "..", "==", "~=",
  "<", "<=", ">", ">=", "and", "or");
const unop = fc.constantFrom("-", "~", "not ", "#");

/** A program printing the results of operations on edge values, each protected by pcall, with the
 * operands in locals (register operands) and as literals (constant and immediate operands). */
const arithProgram = fc.array(fc.tuple(value, binop, value, unop), { minLength: 8, maxLength: 16 }).map((ops) => {
  const lines = ops.map(([a, op, b, u], i) =>
    [`local a${i}, b${i} = ${a}, ${b}`,
      `print(${i}, pcall(function() return a${i} ${op} b${i} end))`,
      `print(${i}, pcall(function() return a${i} ${op} ${b === "{}" ? "7" : b} end))`,
      `print(${i}, pcall(function() return ${u}a${i} end))`,
      `print(${i}, pcall(function() return math.type(a${i} ${op} 1) end))`].join("\n"));
  return lines.join("\n") + "\n";
});

const smallint = fc.integer({ min: -20, max: 20 });
/** Numeric for loops with random bounds and steps, integer and float, near the integer limits too. */
const forProgram = fc.array(fc.tuple(
  fc.oneof(smallint.map(String), fc.constantFrom("math.maxinteger - 5", "math.mininteger", "1.5", "-0.5", "'3'")),
  fc.oneof(smallint.map(String), fc.constantFrom("math.maxinteger", "math.mininteger + 3", "2.5", "1/0", "-1/0")),
  fc.oneof(fc.integer({ min: -4, max: 4 }).map(String), fc.constantFrom("0.5", "-0.25", "math.maxinteger", "math.mininteger")),
), { minLength: 5, maxLength: 10 }).map((loops) => loops.map(([a, b, c]) =>
  `print(pcall(function() local n, s = 0, 0 for i = ${a}, ${b}, ${c} do n = n + 1 s = s + i if n > 50 then break end end return n, s end))`,
).join("\n") + "\n");

/** Calls with fixed and variable argument and result counts, through locals, tail calls and varargs. */
const callProgram = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }),
  fc.constantFrom("direct", "tail", "vararg", "method", "pcall", "table")), { minLength: 4, maxLength: 10 })
  .map((calls) => [
    "local function gen(n) local t = {} for i = 1, n do t[i] = i * 11 end return table.unpack(t, 1, n) end",
    "local function tail(n) return gen(n) end",
    "local function va(...) return select('#', ...), ... end",
    "local obj = {gen = function(self, n) return gen(n) end}",
    ...calls.map(([n, m, how], i) => {
      const call = how === "direct" ? `gen(${n})` : how === "tail" ? `tail(${n})` : how === "vararg" ? `va(gen(${n}))`
        : how === "method" ? `obj:gen(${n})` : how === "pcall" ? `select(2, pcall(gen, ${n}))` : `#{gen(${n})}`;
      const vars = Array.from({ length: m }, (_, j) => `v${j}`);
      return m === 0 ? `print(${i}, ${call})` : `do local ${vars.join(", ")} = ${call} print(${i}, ${vars.join(", ")}) end`;
    }),
  ].join("\n") + "\n");

/** Tables filled in different orders, with holes, read back with # (the border rule) and indexing. */
const tableProgram = fc.array(fc.tuple(fc.constantFrom("set", "nil", "insert", "remove", "len", "get"),
  fc.integer({ min: -2, max: 40 })), { minLength: 10, maxLength: 40 }).map((ops) => [
  "local t = {}",
  ...ops.map(([op, k]) => op === "set" ? `t[${k}] = ${k} * 2` : op === "nil" ? `t[${k}] = nil`
    : op === "insert" ? "table.insert(t, 'x')" : op === "remove" ? "print(pcall(table.remove, t))"
    : op === "len" ? "print(#t)" : `print(t[${k}], t[${k}.0], rawget(t, ${k}))`),
  "print(#t)",
].join("\n") + "\n");

/** Strings and numbers through concatenation, comparison, tostring and tonumber. */
const stringProgram = fc.array(fc.tuple(value, value), { minLength: 8, maxLength: 16 }).map((pairs) =>
  pairs.map(([a, b], i) => [
    `print(${i}, pcall(function() return ${a} .. ${b} end))`,
    `print(${i}, pcall(function() return tostring(${a}), tonumber(${a}), math.type(tonumber(${a})) end))`,
    `print(${i}, pcall(function() local x, y = ${a}, ${b} return x < y, x == y, x ~= y end))`,
  ].join("\n")).join("\n") + "\n");
// #endregion generators

export function generated(): Program[] {
  const gens: [string, fc.Arbitrary<string>, number][] = [
    ["arith", arithProgram, 90], ["for", forProgram, 60], ["call", callProgram, 50], ["table", tableProgram, 50],
    ["string", stringProgram, 40],
  ];
  return gens.flatMap(([kind, arb, n]) =>
    fc.sample(arb, { seed: 54, numRuns: n }).map((source, i) => ({ name: `gen_${kind}_${i}.lua`, source })));
}

