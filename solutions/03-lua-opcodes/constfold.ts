// Exercise 03-lua-opcodes/constfold: decide when the code generator may fold an operation on two numerals.
// Points: 10. Grade it with: npm run grade -- 03-lua-opcodes/constfold
// Hints: exercises/03-lua-opcodes/constfold.hints.md. The chapter section: "Constant folding".
import {
  LUA_OPBAND, LUA_OPBNOT, LUA_OPBOR, LUA_OPBXOR, LUA_OPDIV, LUA_OPIDIV, LUA_OPMOD, LUA_OPSHL, LUA_OPSHR,
  luaO_rawarith, tointegerns, type LuaNumber,
} from "../../src/lua/lnumber.ts";

/**
 * Lua 5.4.4 lcode.c: validop and constfolding. The value of `v1 op v2` (op is LUA_OPADD .. LUA_OPBNOT;
 * integers are bigints, floats numbers) when the compiler may fold it, or null when it must not:
 * - a bitwise operation (BAND, BOR, BXOR, SHL, SHR, BNOT) on a value without an integer representation,
 * - a division (DIV, IDIV, MOD) by zero, integer or float,
 * - a float result that is NaN or zero (0.0 and -0.0 would be confused).
 * luaO_rawarith does the arithmetic itself.
 */
export function constfold(op: number, v1: LuaNumber, v2: LuaNumber): LuaNumber | null {
  switch (op) {
    case LUA_OPBAND:
    case LUA_OPBOR:
    case LUA_OPBXOR:
    case LUA_OPSHL:
    case LUA_OPSHR:
    case LUA_OPBNOT:
      if (tointegerns(v1) === null || tointegerns(v2) === null) return null;
      break;
    case LUA_OPDIV:
    case LUA_OPIDIV:
    case LUA_OPMOD:
      if (Number(v2) === 0) return null;
      break;
  }
  const res = luaO_rawarith(op, v1, v2);
  if (res === null) return null;
  if (typeof res === "number" && (Number.isNaN(res) || res === 0)) return null;
  return res;
}
