// list.sort against python3: the same number of __lt__ calls, and the same (stable) order, for the input
// shapes listsort.txt talks about, from 0 to 100,000 items, with and without key=, with and without reverse.
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { PyList_New, list_append } from "../../src/cpython/listobject.ts";
import { list_sort } from "../../src/cpython/listsort.ts";
import { PyLongObject, PyLong_From } from "../../src/cpython/longobject.ts";
import { Py_DECREF } from "../../src/cpython/object.ts";
import { python } from "./python.ts";

/** A deterministic generator, so both sides see the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8;
}

const SHAPES: Record<string, (n: number, r: () => number) => number[]> = {
  random: (n, r) => Array.from({ length: n }, () => r() % 1_000_000),
  sorted: (n) => Array.from({ length: n }, (_, i) => i),
  reversed: (n) => Array.from({ length: n }, (_, i) => n - i),
  sawtooth: (n) => Array.from({ length: n }, (_, i) => i % 97),
  "few distinct": (n, r) => Array.from({ length: n }, () => r() % 4),
  "partially sorted": (n, r) => Array.from({ length: n }, (_, i) => (r() % 10 === 0 ? r() % n : i)),
};

interface Case {
  shape: string;
  n: number;
  key: boolean;
  reverse: boolean;
  data: number[];
}

const cases: Case[] = [];
for (const [shape, make] of Object.entries(SHAPES)) {
  for (const n of [0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 127, 1000, 4097]) {
    for (const key of [false, true]) for (const reverse of [false, true]) cases.push({ shape, n, key, reverse, data: make(n, lcg(n * 7 + shape.length)) });
  }
  cases.push({ shape, n: 100_000, key: false, reverse: false, data: make(100_000, lcg(1)) });
}
cases.push({ shape: "random", n: 100_000, key: true, reverse: true, data: SHAPES.random(100_000, lcg(2)) });

/** Python: count __lt__ calls on keys (key=-x when keyed), and a digest of the final order of the indices. */
function theirs(): { comparisons: number; digest: number }[] {
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
    if c['key']:
        items.sort(key=lambda k: K(-k.v, k.i), reverse=c['reverse'])
    else:
        items.sort(reverse=c['reverse'])
    digest = 0
    for pos, k in enumerate(items): digest = (digest * 31 + k.i + pos) % 1000000007
    out.append({'comparisons': calls, 'digest': digest})
json.dump(out, sys.stdout)
`;
  return JSON.parse(python(program, JSON.stringify(cases.map(({ data, key, reverse }) => ({ data, key, reverse })))));
}

function ours(c: Case): { comparisons: number; digest: number } {
  // Each item is a distinct int object; which one ended where tells stability apart.
  const objects = c.data.map((v) => PyLong_From(v));
  const index = new Map(objects.map((o, i) => [o, i]));
  const list = PyList_New(0);
  for (const o of objects) list_append(list, o);
  const negate = (item: PyLongObject) => PyLong_From(-(item.value as number));
  const stats = list_sort(list, c.key ? (item) => negate(item as PyLongObject) : null, c.reverse);
  let digest = 0;
  for (let pos = 0; pos < list.ob_size; pos++) digest = (digest * 31 + index.get(list.ob_item![pos] as PyLongObject)! + pos) % 1000000007;
  Py_DECREF(list);
  return { comparisons: stats.comparisons, digest };
}

needs("python3").test(`sort makes python3's comparisons, in python3's order, on ${cases.length} inputs`, () => {
  const expected = theirs();
  cases.forEach((c, i) => {
    expect(ours(c), `${c.shape}, n=${c.n}${c.key ? ", key=" : ""}${c.reverse ? ", reverse=True" : ""}: comparisons and final order`).toEqual(expected[i]);
  });
}, 120_000);
