// The pylist runtime against python3: random programs of list statements (literals, append, pop, extend,
// loops, len, sys.getsizeof, indexing) print the same lines and stop with the same exception, all run in
// one python3 process.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { execute } from "../../site/runtime.ts";
import pylist from "../../site/runtimes/pylist.ts";

const names = fc.constantFrom("a", "b");
const small = fc.integer({ min: -3, max: 40 });
const literal = fc.array(fc.oneof(small, fc.constantFrom("'x'", "n")), { maxLength: 6 }).map((xs) => `[${xs.join(", ")}]`);
const statement: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(names, literal).map(([v, l]) => `${v} = ${l}`),
  fc.tuple(names, small).map(([v, n]) => `${v}.append(${n})`),
  names.map((v) => `print(${v}.pop())`),
  fc.tuple(names, fc.oneof(literal, names)).map(([v, l]) => `${v}.extend(${l})`),
  fc.tuple(names, fc.integer({ min: 0, max: 30 })).map(([v, n]) => `for i in range(${n}):\n    ${v}.append(i * 2)`),
  fc.tuple(names, fc.integer({ min: 0, max: 10 })).map(([v, n]) => `n = ${n}\nwhile len(${v}) > n:\n    ${v}.pop()`),
  names.map((v) => `print(len(${v}), sys.getsizeof(${v}))`),
  fc.tuple(names, small).map(([v, i]) => `print(${v}[${i}])`),
  names.map((v) => `print(${v})`),
);
const program = fc.array(statement, { minLength: 1, maxLength: 12 }).map((ss) => ["import sys", "n = 7", "a = []", "b = [1, 2, 3]", ...ss].join("\n"));

const PYTHON = `
import io, contextlib, json, sys
for src in json.load(sys.stdin):
    out = io.StringIO()
    error = None
    with contextlib.redirect_stdout(out):
        try:
            exec(src, {})
        except Exception as e:
            error = f"{type(e).__name__}: {e}"
    print(json.dumps([out.getvalue(), error]))
`;

needs("python3").test("random list programs print and fail as in python3", () => {
  const programs = fc.sample(program, { numRuns: 300, seed: 20261125 });
  const python = execFileSync("python3", ["-c", PYTHON], { input: JSON.stringify(programs), encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as [string, string | null]);
  programs.forEach((src, i) => {
    const ours = execute(pylist, src, pylist.steps);
    const [output, error] = python[i];
    expect({ output: ours.output, error: ours.error?.split("\n").at(-1) ?? null }, src).toEqual({ output, error });
  });
});
