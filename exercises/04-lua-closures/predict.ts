// Exercise 04-lua-closures/predict: predict, without running them, what lua5.4 prints for the four programs in chapters/04-lua-closures/predict.
// Points: 4. Grade it with: npm run grade -- 04-lua-closures/predict
// Hints: exercises/04-lua-closures/predict.hints.md. The chapter section: "Predict the output".
import { todo } from "../../src/course/todo.ts";

/** The exact output of chapters/04-lua-closures/predict/p1.lua .. p4.lua under lua5.4, one string per
 * program: print separates its values with a tab and ends each line with "\n". */
export function predictions(): string[] {
  return todo("04-lua-closures/predict");
}
