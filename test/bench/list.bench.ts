// npm run bench -- list: our list against python3's on the same workloads, in one run, on the same data:
// 10^6 appends, sorting 10^6 random ints, sorting 10^6 nearly sorted ints, 10^5 inserts at the front.
// V8's Array.prototype.sort on the same numbers is shown for context. python3 times itself in one process.
import { execFileSync } from "node:child_process";
import { report, time, type Row } from "../../src/course/bench.ts";
import { PyList_New, list_append, list_copy, list_insert } from "../../src/cpython/listobject.ts";
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
import time, json
def lcg(seed):
    s = seed
    while True:
        s = (s * 1103515245 + 12345) & 0xffffffff
        yield s >> 8
N, INSERTS, RUNS = ${N}, ${INSERTS}, ${RUNS}
g = lcg(1); rnd = [next(g) for _ in range(N)]
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
def inserts():
    a = []
    for i in range(INSERTS): a.insert(0, i)
out = {}
for name, f in [('appends', appends), ('sort_random', sort_random), ('sort_nearly', sort_nearly), ('inserts', inserts)]:
    f()
    ts = []
    for _ in range(RUNS):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    out[name] = sorted(ts)[len(ts) // 2]
print(json.dumps(out))
`;

function pythonTimes(): Record<string, number> | string {
  try {
    return JSON.parse(execFileSync("python3", ["-c", PYTHON], { encoding: "utf8", maxBuffer: 1 << 26 })) as Record<string, number>;
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

const ours = {
  appends: time(() => {
    const a = PyList_New(0);
    for (let i = 0; i < N; i++) {
      const o = PyLong_From(i);
      list_append(a, o);
      Py_DECREF(o);
    }
    Py_DECREF(a);
  }, RUNS),
  sort_random: (() => {
    const a = listOf(random);
    return time(() => {
      const b = list_copy(a);
      list_sort(b);
      Py_DECREF(b);
    }, RUNS);
  })(),
  sort_nearly: (() => {
    const a = listOf(nearly);
    return time(() => {
      const b = list_copy(a);
      list_sort(b);
      Py_DECREF(b);
    }, RUNS);
  })(),
  inserts: time(() => {
    const a = PyList_New(0);
    const zero = PyLong_From(0);
    for (let i = 0; i < INSERTS; i++) {
      const o = PyLong_From(i);
      list_insert(a, zero, o);
      Py_DECREF(o);
    }
    Py_DECREF(a);
  }, RUNS),
};
const v8 = {
  sort_random: time(() => random.slice().sort((x, y) => x - y), RUNS),
  sort_nearly: time(() => nearly.slice().sort((x, y) => x - y), RUNS),
};

const py = pythonTimes();
const peer = (k: keyof typeof ours) => (typeof py === "string" ? py : py[k]);
const names: Record<keyof typeof ours, string> = {
  appends: "10^6 appends",
  sort_random: "sort 10^6 random ints",
  sort_nearly: "sort 10^6 nearly sorted ints",
  inserts: "10^5 inserts at the front",
};
const rows: Row[] = (Object.keys(ours) as (keyof typeof ours)[]).map((k) => ({ case: names[k], ours: ours[k], peer: peer(k) }));
report("CPython's list: ours (TypeScript) against python3 (3.11), median seconds", "python3", rows);
report("For context: V8's Array.prototype.sort on the same numbers against python3's list.sort", "python3", [
  { case: names.sort_random, ours: v8.sort_random, peer: peer("sort_random") },
  { case: names.sort_nearly, ours: v8.sort_nearly, peer: peer("sort_nearly") },
]);

