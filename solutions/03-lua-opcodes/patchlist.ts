// Exercise 03-lua-opcodes/patchlist: the jump lists of lcode.c, threaded through the jumps themselves.
// Points: 10. Grade it with: npm run grade -- 03-lua-opcodes/patchlist
// Hints: exercises/03-lua-opcodes/patchlist.hints.md. The chapter section: "Jumps and patch lists".
import { NO_JUMP, fixjump, getjump, patchtestreg } from "../../src/lua/lcode.ts";
import type { FuncState } from "../../src/lua/lparser.ts";

/**
 * Lua 5.4.4 lcode.c: luaK_concat. Append jump list `l2` to jump list `l1` and return the new head of l1.
 * A list is the pc of its first JMP; each JMP's offset links to the next one; NO_JUMP ends the list
 * (getjump(fs, pc) follows a link, fixjump(fs, pc, dest) sets one).
 */
export function luaK_concat(fs: FuncState, l1: number, l2: number): number {
  if (l2 === NO_JUMP) return l1;
  if (l1 === NO_JUMP) return l2;
  let list = l1;
  let next: number;
  while ((next = getjump(fs, list)) !== NO_JUMP) list = next;
  fixjump(fs, list, l2);
  return l1;
}

/**
 * lcode.c: patchlistaux. Point every jump of `list` at its final target: a jump controlled by a TESTSET
 * that can produce the value (patchtestreg(fs, pc, reg) returns true, having fixed its register) goes to
 * `vtarget`; any other goes to `dtarget`. Read each link before overwriting it.
 */
export function patchlistaux(fs: FuncState, list: number, vtarget: number, reg: number, dtarget: number): void {
  while (list !== NO_JUMP) {
    const next = getjump(fs, list);
    if (patchtestreg(fs, list, reg)) fixjump(fs, list, vtarget);
    else fixjump(fs, list, dtarget);
    list = next;
  }
}
