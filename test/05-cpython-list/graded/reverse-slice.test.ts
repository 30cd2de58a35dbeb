// Graded suite for exercise 05-cpython-list/reverse-slice: list.reverse, and the sort's reversal of
// descending runs and of the whole list for reverse=True, all use the learner's reverse_slice.
import { graded } from "../../../src/course/graded.ts";
import { expectSameAsPython } from "../python.ts";
import { SHAPES, expectSortsLikePython, lcg } from "../sorting.ts";

const needs = { needs: ["python3" as const] };

graded("list.reverse() agrees with python3 for lengths 0 to 30", 2, () => {
  expectSameAsPython(Array.from({ length: 31 }, (_, n) => [`a = list(range(${n}))`, "a.reverse()", "a.append(99)", "a.reverse()"]));
}, needs);

graded("descending runs are reversed in place: python3's comparisons and order", 2, () => {
  expectSortsLikePython([10, 100, 1000].map((n) => ({ shape: "reversed", data: SHAPES.reversed(n, lcg(n)) })));
}, needs);

graded("sort(reverse=True) keeps equal items in their original order", 2, () => {
  expectSortsLikePython([10, 100, 1000].flatMap((n) => [
    { shape: "few distinct", data: SHAPES["few distinct"](n, lcg(n)), reverse: true },
    { shape: "sawtooth", data: SHAPES.sawtooth(n, lcg(n)), reverse: true, key: true },
  ]));
}, needs);
