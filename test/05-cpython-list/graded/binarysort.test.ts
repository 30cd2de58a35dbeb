// Graded suite for exercise 05-cpython-list/binarysort: lists shorter than 64 are sorted by binary
// insertion alone, and longer ones have their short runs extended to minrun by it.
import { graded } from "../../../src/course/graded.ts";
import { SHAPES, expectSortsLikePython, lcg } from "../sorting.ts";

const needs = { needs: ["python3" as const] };

graded("lists shorter than 64: binary insertion alone, python3's comparisons", 5, () => {
  expectSortsLikePython(Object.entries(SHAPES).flatMap(([shape, make]) => [2, 3, 5, 17, 40, 63].map((n) => ({ shape, data: make(n, lcg(n + shape.length)) }))));
}, needs);

graded("with key=, the items move with their keys", 3, () => {
  expectSortsLikePython([5, 20, 63].flatMap((n) => [
    { shape: "random", data: SHAPES.random(n, lcg(n)), key: true },
    { shape: "few distinct", data: SHAPES["few distinct"](n, lcg(n)), key: true, reverse: true },
  ]));
}, needs);

graded("longer lists: short runs extended to minrun", 2, () => {
  expectSortsLikePython([64, 65, 1000, 3001].map((n) => ({ shape: "random", data: SHAPES.random(n, lcg(n)) })));
}, needs);
