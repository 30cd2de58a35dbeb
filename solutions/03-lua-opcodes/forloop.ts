// Exercise 03-lua-opcodes/forloop: compile the body of a for loop between its FORPREP and FORLOOP.
// Points: 10. Grade it with: npm run grade -- 03-lua-opcodes/forloop
// Hints: exercises/03-lua-opcodes/forloop.hints.md. The chapter section: "How a for loop compiles".
import { luaK_codeABC, luaK_codeABx, luaK_fixline, luaK_getlabel, luaK_reserveregs } from "../../src/lua/lcode.ts";
import { TK_DO, type LexState } from "../../src/lua/llex.ts";
import { OP_FORLOOP, OP_FORPREP, OP_TFORCALL, OP_TFORLOOP, OP_TFORPREP } from "../../src/lua/lopcodes.ts";
import { adjustlocalvars, block, checknext, enterblock, fixforjump, leaveblock } from "../../src/lua/lparser.ts";

/**
 * Lua 5.4.4 lparser.c: forbody. The control values are already in registers base, base+1, base+2 (and
 * base+3 for a generic for); compile `do block end` for `nvars` declared variables:
 * 1. skip 'do'; emit FORPREP (TFORPREP when `isgen`) at base with a jump offset to fix later;
 * 2. in a new block, activate the nvars variables, reserve their registers, compile the block, leave it;
 * 3. point the prep at the loop's end (fixforjump, forward); for a generic for emit TFORCALL base 0 nvars
 *    there, with the line of the 'for';
 * 4. emit FORLOOP (TFORLOOP) at base, jumping back to just after the prep, with the line of the 'for'.
 */
export function forbody(ls: LexState, base: number, line: number, nvars: number, isgen: boolean): void {
  const fs = ls.fs!;
  checknext(ls, TK_DO);
  const prep = luaK_codeABx(fs, isgen ? OP_TFORPREP : OP_FORPREP, base, 0);
  enterblock(fs, false);
  adjustlocalvars(ls, nvars);
  luaK_reserveregs(fs, nvars);
  block(ls);
  leaveblock(fs);
  fixforjump(fs, prep, luaK_getlabel(fs), false);
  if (isgen) {
    luaK_codeABC(fs, OP_TFORCALL, base, 0, nvars);
    luaK_fixline(fs, line);
  }
  const endfor = luaK_codeABx(fs, isgen ? OP_TFORLOOP : OP_FORLOOP, base, 0);
  fixforjump(fs, endfor, prep + 1, true);
  luaK_fixline(fs, line);
}
