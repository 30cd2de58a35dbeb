// Graded suite for exercise 05-cpython-list/powerloop: the merge order of the sort comes from the
// learner's powerloop; a different order makes a different number of comparisons than python3's.
import { graded } from "../../../src/course/graded.ts";
import { SHAPES, expectSortsLikePython, lcg, runsOfRandomLengths } from "../sorting.ts";

const needs = { needs: ["python3" as const] };

graded("many runs of irregular lengths merge in python3's order", 5, () => {
  const r = lcg(9);
  expectSortsLikePython([
    { shape: "runs of 1 to 200", data: runsOfRandomLengths(8000, r, 200) },
    { shape: "runs of 1 to 2000", data: runsOfRandomLengths(8000, r, 2000) },
    { shape: "runs of 100 to 5000 after a long one", data: [...SHAPES.sorted(5000, r), ...runsOfRandomLengths(9000, r, 5000)] },
  ]);
}, needs);

graded("the shapes of listsort.txt at 20,000 items", 3, () => {
  expectSortsLikePython(Object.entries(SHAPES).map(([shape, make]) => ({ shape, data: make(20_000, lcg(20)) })));
}, needs);
