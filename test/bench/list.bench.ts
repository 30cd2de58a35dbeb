// npm run bench -- list: our list against python3's on the same workloads, in one run, on the same data:
// 10^6 appends, sorting 10^6 random ints, sorting 10^6 nearly sorted ints, 10^5 inserts at the front. Each
// sort is timed as a program sorts a copy (copy, sort, free) and, to show where the time goes, alone.
// V8's Array.prototype.sort on the same numbers is shown for context. python3 times itself, one process a
// case, and each of our cases runs right after python3's, so that both see the machine in the same state.
import { execFileSync } from "node:child_process";
import { median, report, time, type Row } from "../../src/course/bench.ts";
import { PyList_New, list_append, list_copy, list_insert, type PyListObject } from "../../src/cpython/listobject.ts";
import { list_sort } from "../../src/cpython/listsort.ts";
import { PyLong_From } from "../../src/cpython/longobject.ts";
import { Py_DECREF } from "../../src/cpython/object.ts";

const N = 1_000_000;
const INSERTS = 100_000;
const RUNS = 5;

/** The same generator on both sides: s = s * 1103515245 + 12345 (mod 2^32), value s >> 8. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8;
}
const random = (() => {
  const r = lcg(1);
  return Array.from({ length: N }, () => r());
})();
const nearly = (() => {
  const r = lcg(2);
  const a = Array.from({ length: N }, (_, i) => i);
  for (let k = 0; k < N / 100; k++) {
    const i = r() % N;
    const j = r() % N;
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
})();

const PYTHON = `
import sys, time, json
def lcg(seed):
    s = seed
    while True:
        s = (s * 1103515245 + 12345) & 0xffffffff
        yield s >> 8
N, INSERTS, RUNS = ${N}, ${INSERTS}, ${RUNS}
case = sys.argv[1]
if case.startswith('sort_random'):
    g = lcg(1); rnd = [next(g) for _ in range(N)]
if case.startswith('sort_nearly'):
    g = lcg(2); near = list(range(N))
    for _ in range(N // 100):
        i = next(g) % N; j = next(g) % N
        near[i], near[j] = near[j], near[i]
def appends():
    a = []
    for i in range(N): a.append(i)
def sort_random():
    b = rnd[:]; b.sort()
def sort_nearly():
    b = near[:]; b.sort()
def alone(items):
    b = items[:]; t = time.perf_counter(); b.sort(); return time.perf_counter() - t
def inserts():
    a = []
    for i in range(INSERTS): a.insert(0, i)
f = {'appends': appends, 'sort_random': sort_random, 'sort_nearly': sort_nearly, 'inserts': inserts,
     'sort_random_alone': lambda: alone(rnd), 'sort_nearly_alone': lambda: alone(near)}[case]
f()
ts = []
for _ in range(RUNS):
    t = time.perf_counter(); r = f(); e = time.perf_counter() - t
    ts.append(e if r is None else r)
print(json.dumps(sorted(ts)[len(ts) // 2]))
`;

/** python3's median seconds for one case, or why it could not run. */
function pythonTime(name: string): number | string {
  try {
    return JSON.parse(execFileSync("python3", ["-c", PYTHON, name], { encoding: "utf8" })) as number;
  } catch (e) {
    return `python3 failed: ${(e as Error).message.split("\n")[0]}`;
  }
}

/** Our list of the given ints, built outside the timing. */
function listOf(values: readonly number[]) {
  const a = PyList_New(0);
  for (const v of values) {
    const o = PyLong_From(v);
    list_append(a, o);
    Py_DECREF(o);
  }
  return a;
}

/** Median seconds of a program's sort of a copy of `a`: list_copy, list_sort, and freeing the copy. */
function sortCopy(a: PyListObject): number {
  return time(() => {
    const b = list_copy(a);
    list_sort(b);
    Py_DECREF(b);
  }, RUNS);
}

/** Median seconds of list_sort on a copy of `a`, the copy and its free not timed (after one warm-up). */
function sortAlone(a: PyListObject): number {
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const b = list_copy(a);
    const t = process.hrtime.bigint();
    list_sort(b);
    if (i > 0) samples.push(Number(process.hrtime.bigint() - t) / 1e9);
    Py_DECREF(b);
  }
  return median(samples);
}

/** Our cases, each a function that times itself. */
const cases = {
  appends: () => time(() => {
    const a = PyList_New(0);
    for (let i = 0; i < N; i++) {
      const o = PyLong_From(i);
      list_append(a, o);
      Py_DECREF(o);
    }
    Py_DECREF(a);
  }, RUNS),
  sort_random: () => sortCopy(listOf(random)),
  sort_nearly: () => sortCopy(listOf(nearly)),
  inserts: () => time(() => {
    const a = PyList_New(0);
    const zero = PyLong_From(0);
    for (let i = 0; i < INSERTS; i++) {
      const o = PyLong_From(i);
      list_insert(a, zero, o);
      Py_DECREF(o);
    }
    Py_DECREF(a);
  }, RUNS),
  sort_random_alone: () => sortAlone(listOf(random)),
  sort_nearly_alone: () => sortAlone(listOf(nearly)),
};
const v8 = {
  sort_random: time(() => random.slice().sort((x, y) => x - y), RUNS),
  sort_nearly: time(() => nearly.slice().sort((x, y) => x - y), RUNS),
};

type Case = keyof typeof cases;
const ours = {} as Record<Case, number>;
const py = {} as Record<Case, number | string>;
for (const k of Object.keys(cases) as Case[]) {
  py[k] = pythonTime(k);
  ours[k] = cases[k]();
}
const names: Record<Case, string> = {
  appends: "10^6 appends",
  sort_random: "sort 10^6 random ints",
  sort_nearly: "sort 10^6 nearly sorted ints",
  inserts: "10^5 inserts at the front",
  sort_random_alone: "sort 10^6 random ints",
  sort_nearly_alone: "sort 10^6 nearly sorted ints",
};
const ALONE: Case[] = ["sort_random_alone", "sort_nearly_alone"];
const row = (k: Case): Row => ({ case: names[k], ours: ours[k], peer: py[k] });
report("CPython's list: ours (TypeScript) against python3 (3.11), median seconds", "python3", (Object.keys(cases) as Case[]).filter((k) => !ALONE.includes(k)).map(row));
report("The sorts alone, without the copy before and the free after", "python3", ALONE.map(row));
report("For context: V8's Array.prototype.sort on the same numbers against python3's list.sort", "python3", [
  { case: names.sort_random, ours: v8.sort_random, peer: py.sort_random },
  { case: names.sort_nearly, ours: v8.sort_nearly, peer: py.sort_nearly },
]);

