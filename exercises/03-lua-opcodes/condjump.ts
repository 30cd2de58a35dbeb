// Exercise 03-lua-opcodes/condjump: finish a comparison opcode: skip the following jump, or take it.
// Points: 4. Grade it with: npm run grade -- 03-lua-opcodes/condjump
// Hints: exercises/03-lua-opcodes/condjump.hints.md. The chapter section: "Running the bytecode".
import { todo } from "../../src/course/todo.ts";

/**
 * Lua 5.4.4 lvm.c docondjump (with donextjump): every test instruction (EQ, LT, LE, EQK, EQI, LTI, LEI, GTI,
 * GEI, TEST) is followed by a JMP. `pc` is the index of that JMP (the VM has already moved past the test),
 * `k` is the test's k bit and `jmpOffset` the JMP's sJ operand. When the condition differs from k, the
 * jump is skipped; otherwise it is taken. Returns the index of the next instruction to run.
 */
export function docondjump(cond: boolean, k: boolean, pc: number, jmpOffset: number): number {
  return todo("03-lua-opcodes/condjump");
}
