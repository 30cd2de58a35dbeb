// Exercise 05-cpython-list/powerloop: the powersort merge policy's "power" of the boundary between two runs.
// Points: 8. Grade it with: npm run grade -- 05-cpython-list/powerloop
// Hints: exercises/05-cpython-list/powerloop.hints.md. The chapter section: "Powersort".
import { todo } from "../../src/course/todo.ts";

/**
 * CPython 3.11 Objects/listobject.c: powerloop. Two adjacent runs: the first starts at s1 and has n1
 * items, the second follows with n2 items, in a list of n. Their midpoints, as fractions of n, are
 * a = (s1 + n1/2) / n and b = (s1 + n1 + n2/2) / n. The power is the position of the first bit where the
 * binary expansions of a and b differ (1 for the first bit after the point). Use integers only: work
 * with 2a*n and 2b*n, and produce the bits one at a time as long division does.
 */
export function powerloop(s1: number, n1: number, n2: number, n: number): number {
  return todo("05-cpython-list/powerloop");
}
