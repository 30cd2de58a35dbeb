// Exercise 01-kvm/alu-flags: the result and the six arithmetic flags of the software CPU's ALU operations.
// Points: 10. Grade it with: npm run grade -- 01-kvm/alu-flags
// Hints: exercises/01-kvm/alu-flags.hints.md. The chapter section: "KVM versus emulation: a tiny TCG".
import { AF, CF, OF, szp } from "../../src/kvm/softcpu/flags.ts";

// #region alu
/**
 * The eight ALU operations of opcodes 00-3F and 80-83, in their encoding order (the ModR/M reg field of
 * 80-83): 0 add, 1 or, 2 adc, 3 sbb, 4 and, 5 sub, 6 xor, 7 cmp (a sub whose result is thrown away).
 * `a` and `b` are unsigned, `bits` wide; `carry` is the current CF (0 or 1), used by adc and sbb.
 * Returns `flags << 16 | result`: the result (`bits` wide) and CF, PF, AF, ZF, SF, OF as the CPU sets them
 * (Intel SDM vol. 1, appendix A). and, or and xor clear CF, OF and AF.
 */
export function alu(op: number, a: number, b: number, carry: number, bits: 8 | 16): number {
  const mask = bits === 8 ? 0xff : 0xffff;
  const sign = bits === 8 ? 0x80 : 0x8000;
  let r: number;
  let f: number;
  switch (op) {
    case 0: // add
    case 2: // adc
      r = a + b + (op === 2 ? carry : 0);
      f = (r > mask ? CF : 0) | ((a ^ r) & (b ^ r) & sign ? OF : 0);
      break;
    case 3: // sbb
    case 5: // sub
    case 7: // cmp
      r = a - b - (op === 3 ? carry : 0);
      f = (r < 0 ? CF : 0) | ((a ^ b) & (a ^ r) & sign ? OF : 0);
      break;
    default: // or, and, xor: CF and OF cleared; AF cleared as this CPU does (the SDM: undefined)
      r = op === 1 ? a | b : op === 4 ? a & b : a ^ b;
      return (szp(r, bits) << 16) | r;
  }
  r &= mask;
  f |= (a ^ b ^ r) & AF;
  return ((f | szp(r, bits)) << 16) | r;
}
// #endregion alu
