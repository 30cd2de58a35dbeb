// Sorting the same data in python3 and in our list: the number of __lt__ calls and the final order of the
// items (a digest of where each original index ended up, which tells a stable sort from an unstable one).
import { expect } from "vitest";
import { PyList_GET_ITEM, PyList_New, list_append } from "../../src/cpython/listobject.ts";
import { list_sort, type SortEvent } from "../../src/cpython/listsort.ts";
import { PyLongObject, PyLong_From } from "../../src/cpython/longobject.ts";
import { Py_DECREF } from "../../src/cpython/object.ts";
import { python } from "./python.ts";

export interface SortCase {
  /** What the data looks like, for messages. */
  shape: string;
  data: number[];
  /** Sort by key=-x instead of x. */
  key?: boolean;
  reverse?: boolean;
}

export interface SortOutcome {
  comparisons: number;
  digest: number;
}

/** A deterministic generator, so both sides see the same data. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8;
}

/** The shapes listsort.txt measures. */
export const SHAPES: Record<string, (n: number, r: () => number) => number[]> = {
  random: (n, r) => Array.from({ length: n }, () => r() % 1_000_000),
  sorted: (n) => Array.from({ length: n }, (_, i) => i),
  reversed: (n) => Array.from({ length: n }, (_, i) => n - i),
  sawtooth: (n) => Array.from({ length: n }, (_, i) => i % 97),
  "few distinct": (n, r) => Array.from({ length: n }, () => r() % 4),
  "partially sorted": (n, r) => Array.from({ length: n }, (_, i) => (r() % 10 === 0 ? r() % n : i)),
};

/** Sorts every case in one python3 process, counting __lt__ calls. */
export function sortInPython(cases: SortCase[]): SortOutcome[] {
  const program = `
import sys, json
calls = 0
class K:
    __slots__ = ('v', 'i')
    def __init__(self, v, i): self.v, self.i = v, i
    def __lt__(self, other):
        global calls
        calls += 1
        return self.v < other.v
out = []
for c in json.load(sys.stdin):
    items = [K(v, i) for i, v in enumerate(c['data'])]
    calls = 0
    if c.get('key'):
        items.sort(key=lambda k: K(-k.v, k.i), reverse=c.get('reverse', False))
    else:
        items.sort(reverse=c.get('reverse', False))
    digest = 0
    for pos, k in enumerate(items): digest = (digest * 31 + k.i + pos) % 1000000007
    out.append({'comparisons': calls, 'digest': digest})
json.dump(out, sys.stdout)
`;
  return JSON.parse(python(program, JSON.stringify(cases.map(({ data, key, reverse }) => ({ data, key, reverse })))));
}

/** Sorts one case with our list.sort. */
export function sortInOurs(c: SortCase, trace?: (e: SortEvent) => void): SortOutcome {
  // Each item is a distinct int object; which one ended where tells stability apart.
  const objects = c.data.map((v) => PyLong_From(v));
  const index = new Map(objects.map((o, i) => [o, i]));
  const list = PyList_New(0);
  for (const o of objects) {
    list_append(list, o);
    Py_DECREF(o);
  }
  const stats = list_sort(list, c.key ? (item) => PyLong_From(-((item as PyLongObject).value as number)) : null, c.reverse ?? false, trace);
  let digest = 0;
  for (let pos = 0; pos < list.ob_size; pos++) digest = (digest * 31 + index.get(PyList_GET_ITEM(list, pos) as PyLongObject)! + pos) % 1000000007;
  Py_DECREF(list);
  return { comparisons: stats.comparisons, digest };
}

/** "random, n=100, key=, reverse=True" */
export function describeCase(c: SortCase): string {
  return `${c.shape}, n=${c.data.length}${c.key ? ", key=" : ""}${c.reverse ? ", reverse=True" : ""}`;
}

/** Sorts every case in python3 and in ours: comparisons and final order must be python3's. */
export function expectSortsLikePython(cases: SortCase[]): void {
  const theirs = sortInPython(cases);
  cases.forEach((c, i) => {
    const ours = sortInOurs(c);
    expect(ours.comparisons, `${describeCase(c)}: comparisons (python3 counts its __lt__ calls)`).toBe(theirs[i].comparisons);
    expect(ours.digest, `${describeCase(c)}: the final order of the items (equal keys must keep their order)`).toBe(theirs[i].digest);
  });
}

/** Ascending runs of random lengths, each starting at a random value: many runs for the merge policy. */
export function runsOfRandomLengths(n: number, r: () => number, maxRun: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const len = 1 + (r() % maxRun);
    let v = r() % 10_000;
    for (let i = 0; i < len && out.length < n; i++) out.push((v += r() % 3));
  }
  return out;
}
