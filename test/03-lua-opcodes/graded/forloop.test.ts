// Graded suite for exercise 03-lua-opcodes/forloop: with the learner's forbody, numeric and generic for
// loops compile to luac5.4's FORPREP/FORLOOP and TFORPREP/TFORCALL/TFORLOOP, offsets and lines included.
import { graded } from "../../../src/course/graded.ts";
import { expectSameListings } from "./compile-check.ts";

const needs = { needs: ["luac5.4" as const] };

graded("numeric for: FORPREP jumps past the loop, FORLOOP jumps back to the body", 4, () => {
  expectSameListings([
    "local s = 0\nfor i = 1, 10 do s = s + i end\nreturn s\n",
    "for i = 10, 1, -2 do\n  print(i)\nend\nfor x = 0.5, 2.5, 0.5 do print(x) end\n",
    "local n = ...\nfor i = n, n * 2 do\n  local sq = i * i\n  if sq > 50 then break end\n  print(sq)\nend\n",
  ]);
}, needs);

graded("generic for: TFORPREP, TFORCALL with the number of variables, TFORLOOP", 3, () => {
  expectSameListings([
    "for k, v in pairs(t) do print(k, v) end\n",
    "for i, v in ipairs({10, 20, 30}) do\n  if v == 20 then break end\nend\nfor a, b, c, d in f() do print(a, b, c, d) end\n",
  ]);
}, needs);

graded("nested loops and loop variables captured by closures", 3, () => {
  expectSameListings([
    "local fs = {}\nfor i = 1, 3 do\n  for j = i, 3 do\n    fs[#fs + 1] = function() return i * j end\n  end\nend\nreturn fs\n",
    "for _, row in ipairs(rows) do\n  for _, cell in ipairs(row) do\n    local c = cell\n    g = function() return c end\n  end\nend\n",
  ]);
}, needs);
