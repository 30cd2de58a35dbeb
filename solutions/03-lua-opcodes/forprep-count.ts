// Exercise 03-lua-opcodes/forprep-count: compute the iteration count of an integer numeric for loop as lvm.c's forprep does, without overflow.
// Points: 6. Grade it with: npm run grade -- 03-lua-opcodes/forprep-count
// Hints: exercises/03-lua-opcodes/forprep-count.hints.md. The chapter section: "Running the bytecode".

/** A Lua integer: a small one as a JS number, a large one as a bigint (see src/lua/lvalue.ts). */
export type LuaInteger = number | bigint;

/**
 * Lua 5.4.4 lvm.c forprep: the number of times FORLOOP jumps back for `for i = init, limit, step`, given
 * that the loop runs at least once (init <= limit for step > 0, init >= limit for step < 0) and step ~= 0.
 * The count is an unsigned 64-bit number (limit - init may not fit in a signed one), returned as the
 * signed integer with the same bits (l_castU2S), so FORLOOP can count it down to zero.
 */
export function forprepCount(init: LuaInteger, limit: LuaInteger, step: LuaInteger): LuaInteger {
  if (typeof init === "number" && typeof limit === "number" && typeof step === "number" &&
    Math.abs(init) < 2 ** 31 && Math.abs(limit) < 2 ** 31 && Math.abs(step) < 2 ** 31) {
    return step > 0 ? Math.floor((limit - init) / step) : Math.floor((init - limit) / -step);
  }
  const U = (x: bigint): bigint => BigInt.asUintN(64, x);
  const bi = BigInt(init);
  const bl = BigInt(limit);
  const bs = BigInt(step);
  let count: bigint;
  if (bs > 0n) {
    count = U(bl - bi);
    if (bs !== 1n) count /= U(bs);
  } else {
    // 'step+1' avoids negating mininteger
    count = U(bi - bl) / (U(-(bs + 1n)) + 1n);
  }
  const signed = BigInt.asIntN(64, count);
  return signed >= -(2n ** 53n) + 1n && signed <= 2n ** 53n - 1n ? Number(signed) : signed;
}
