// Graded suite for exercise 05-cpython-list/list-resize: the learner's growth policy runs inside our
// PyListObject, and the capacity after every operation must equal what python3's sys.getsizeof shows.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { PyList_New, list_append, list_extend, list_pop, list_repeat, sizeof } from "../../../src/cpython/listobject.ts";
import { PyLong_From } from "../../../src/cpython/longobject.ts";
import { Py_DECREF } from "../../../src/cpython/object.ts";
import { python } from "../python.ts";

type Op = { op: "append" } | { op: "pop" } | { op: "extend"; n: number };

/** Runs `ops` on a fresh list in our model: sys.getsizeof after each operation (a failed pop changes nothing). */
function ours(ops: Op[]): number[] {
  const a = PyList_New(0);
  const zero = PyLong_From(0);
  const one = PyList_New(0);
  list_append(one, zero);
  const sizes = ops.map((o) => {
    if (o.op === "append") list_append(a, zero);
    else if (o.op === "extend") {
      const zeros = list_repeat(one, o.n);
      list_extend(a, zeros);
      Py_DECREF(zeros);
    } else if (a.ob_size > 0) Py_DECREF(list_pop(a));
    return sizeof(a);
  });
  Py_DECREF(a);
  Py_DECREF(one);
  return sizes;
}

/** The same sequences in python3, in one process: one line of sizes per sequence. */
function theirs(sequences: Op[][]): number[][] {
  const program = [
    "import sys",
    `for ops in ${JSON.stringify(sequences.map((ops) => ops.map((o) => (o.op === "extend" ? o.n : o.op === "append" ? -1 : -2))))}:`,
    "    a, out = [], []",
    "    for o in ops:",
    "        if o == -1: a.append(0)",
    "        elif o == -2:",
    "            if a: a.pop()",
    "        else: a.extend([0] * o)",
    "        out.append(sys.getsizeof(a))",
    "    print(' '.join(map(str, out)))",
  ].join("\n");
  return python(program)
    .split("\n")
    .slice(0, sequences.length)
    .map((line) => (line === "" ? [] : line.split(" ").map(Number)));
}

const needs = { needs: ["python3" as const] };

graded("appending 200 items grows 0, 4, 8, 16, 24, 32, 40, 52, ... as python3 does", 3, () => {
  const ops: Op[] = Array.from({ length: 200 }, () => ({ op: "append" }));
  expect(ours(ops), "sys.getsizeof after each append").toEqual(theirs([ops])[0]);
}, needs);

graded("popping a 300-item list down to empty shrinks as python3 does", 3, () => {
  const ops: Op[] = [...Array.from({ length: 300 }, (): Op => ({ op: "append" })), ...Array.from({ length: 300 }, (): Op => ({ op: "pop" }))];
  expect(ours(ops), "sys.getsizeof after each append, then each pop").toEqual(theirs([ops])[0]);
}, needs);

graded("random appends, pops and extends agree with python3 (500 sequences)", 4, () => {
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 5, arbitrary: fc.constant<Op>({ op: "append" }) },
    { weight: 3, arbitrary: fc.constant<Op>({ op: "pop" }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((n): Op => ({ op: "extend", n })) },
  );
  const sequences = fc.sample(fc.array(op, { maxLength: 120 }), { numRuns: 500, seed: 2311 });
  const expected = theirs(sequences);
  sequences.forEach((ops, i) => {
    expect(ours(ops), `sys.getsizeof after each of ${JSON.stringify(ops)}`).toEqual(expected[i]);
  });
}, needs);
