// Exercise 03-lua-opcodes/forprep-count: compute the iteration count of an integer numeric for loop as lvm.c's forprep does, without overflow.
// Points: 6. Grade it with: npm run grade -- 03-lua-opcodes/forprep-count
// Hints: exercises/03-lua-opcodes/forprep-count.hints.md. The chapter section: "Running the bytecode".
import { todo } from "../../src/course/todo.ts";

/** A Lua integer: a small one as a JS number, a large one as a bigint (see src/lua/lvalue.ts). */
export type LuaInteger = number | bigint;

/**
 * Lua 5.4.4 lvm.c forprep: the number of times FORLOOP jumps back for `for i = init, limit, step`, given
 * that the loop runs at least once (init <= limit for step > 0, init >= limit for step < 0) and step ~= 0.
 * The count is an unsigned 64-bit number (limit - init may not fit in a signed one), returned as the
 * signed integer with the same bits (l_castU2S), so FORLOOP can count it down to zero.
 */
export function forprepCount(init: LuaInteger, limit: LuaInteger, step: LuaInteger): LuaInteger {
  return todo("03-lua-opcodes/forprep-count");
}
