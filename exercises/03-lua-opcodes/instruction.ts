// Exercise 03-lua-opcodes/instruction: pack and unpack the fields of a Lua 5.4 instruction word.
// Points: 10. Grade it with: npm run grade -- 03-lua-opcodes/instruction
// Hints: exercises/03-lua-opcodes/instruction.hints.md. The chapter section: "The instruction word".
import { todo } from "../../src/course/todo.ts";

/**
 * Lua 5.4.4 lopcodes.h: CREATE_ABCk. The iABC word: opcode in bits 0-6, A in 7-14, k in 15, B in 16-23,
 * C in 24-31. Returns the word as an unsigned 32-bit number (0 .. 2^32-1).
 */
export function CREATE_ABCk(o: number, a: number, b: number, c: number, k: number): number {
  return todo("03-lua-opcodes/instruction");
}

/** lopcodes.h: getarg. The `size`-bit field of word `i` that starts at bit `pos`, as a non-negative number. */
export function getarg(i: number, pos: number, size: number): number {
  return todo("03-lua-opcodes/instruction");
}

/** lopcodes.h: setarg. Word `i` with its `size`-bit field at bit `pos` replaced by `v` (the low `size`
 * bits of v), every other bit unchanged. Returns an unsigned 32-bit number. */
export function setarg(i: number, v: number, pos: number, size: number): number {
  return todo("03-lua-opcodes/instruction");
}
