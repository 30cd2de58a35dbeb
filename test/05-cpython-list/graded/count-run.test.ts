// Graded suite for exercise 05-cpython-list/count-run: every run the sort finds comes from the learner's
// count_run; python3's comparison count and final order are the judges.
import { graded } from "../../../src/course/graded.ts";
import { SHAPES, expectSortsLikePython, lcg, runsOfRandomLengths } from "../sorting.ts";

const needs = { needs: ["python3" as const] };

graded("ascending, strictly descending and equal neighbours", 3, () => {
  expectSortsLikePython([
    { shape: "one item", data: [5] },
    { shape: "two equal", data: [5, 5] },
    { shape: "sorted", data: SHAPES.sorted(200, lcg(1)) },
    { shape: "reversed", data: SHAPES.reversed(200, lcg(1)) },
    { shape: "descending with plateaus", data: Array.from({ length: 200 }, (_, i) => 100 - (i >> 1)) },
    { shape: "few distinct", data: SHAPES["few distinct"](200, lcg(3)) },
  ]);
}, needs);

graded("natural runs of random lengths, up and down", 3, () => {
  const r = lcg(5);
  expectSortsLikePython([
    { shape: "ascending runs", data: runsOfRandomLengths(3000, r, 300) },
    { shape: "descending runs", data: runsOfRandomLengths(3000, r, 300).map((v, i) => (i % 600 < 300 ? v : -v)) },
    { shape: "sawtooth", data: SHAPES.sawtooth(5000, r) },
  ]);
}, needs);

graded("random and partially sorted lists, with key= and reverse", 2, () => {
  expectSortsLikePython([64, 1000, 5000].flatMap((n) => [
    { shape: "random", data: SHAPES.random(n, lcg(n)) },
    { shape: "partially sorted", data: SHAPES["partially sorted"](n, lcg(n)), key: true, reverse: true },
  ]));
}, needs);
