// The software CPU's flags against the Intel SDM's own definitions, restated independently here: CF and OF
// as unsigned and signed overflow of the exact result, AF as the carry out of bit 3, PF by counting bits,
// and the shifts and rotates by the SDM's bit-by-bit pseudo-code (vol. 2, SAL/SAR/SHL/SHR, RCL/RCR/ROL/ROR).
// What the SDM leaves undefined is checked against KVM by softcpu.test.ts, not here.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { AF, alu, CF, flagsOf, OF, PF, result, SF, shift, ZF } from "../../src/kvm/softcpu/flags.ts";

const bitsArb = fc.constantFrom(8 as const, 16 as const);
const operands = bitsArb.chain((bits) =>
  fc.tuple(fc.constant(bits), fc.integer({ min: 0, max: 2 ** bits - 1 }), fc.integer({ min: 0, max: 2 ** bits - 1 }), fc.integer({ min: 0, max: 1 })));
const signed = (v: number, bits: number) => (v >= 2 ** (bits - 1) ? v - 2 ** bits : v);
function parity(v: number): boolean {
  let ones = 0;
  for (let i = 0; i < 8; i++) ones += (v >> i) & 1;
  return ones % 2 === 0;
}
function szp(r: number, bits: number): number {
  return (r === 0 ? ZF : 0) | (r >= 2 ** (bits - 1) ? SF : 0) | (parity(r & 0xff) ? PF : 0);
}
const show = (f: number) => ["CF", "PF", "AF", "ZF", "SF", "OF"].filter((_, i) => f & [CF, PF, AF, ZF, SF, OF][i]!).join(" ") || "none";

describe("ALU flags, by the SDM's definitions", () => {
  test("add and adc: CF is unsigned overflow, OF signed overflow, AF the carry out of bit 3", () => {
    fc.assert(fc.property(operands, fc.constantFrom(0, 2), ([bits, a, b, c], op) => {
      const carry = op === 2 ? c : 0;
      const exact = a + b + carry;
      const r = exact % 2 ** bits;
      const sx = signed(a, bits) + signed(b, bits) + carry;
      const expected = (exact >= 2 ** bits ? CF : 0) | (sx !== signed(r, bits) ? OF : 0) | ((a & 15) + (b & 15) + carry > 15 ? AF : 0) | szp(r, bits);
      const got = alu(op, a, b, c, bits);
      expect([result(got), show(flagsOf(got))]).toEqual([r, show(expected)]);
    }), { numRuns: 2000 });
  });

  test("sub, sbb and cmp: CF is the borrow, OF signed overflow, AF the borrow into bit 4", () => {
    fc.assert(fc.property(operands, fc.constantFrom(3, 5, 7), ([bits, a, b, c], op) => {
      const borrow = op === 3 ? c : 0;
      const exact = a - b - borrow;
      const r = ((exact % 2 ** bits) + 2 ** bits) % 2 ** bits;
      const sx = signed(a, bits) - signed(b, bits) - borrow;
      const expected = (exact < 0 ? CF : 0) | (sx !== signed(r, bits) ? OF : 0) | ((a & 15) - (b & 15) - borrow < 0 ? AF : 0) | szp(r, bits);
      const got = alu(op, a, b, c, bits);
      expect([result(got), show(flagsOf(got))]).toEqual([r, show(expected)]);
    }), { numRuns: 2000 });
  });

  test("and, or and xor clear CF and OF and set SF, ZF, PF from the result", () => {
    fc.assert(fc.property(operands, fc.constantFrom(1, 4, 6), ([bits, a, b, c], op) => {
      const r = op === 1 ? a | b : op === 4 ? a & b : a ^ b;
      const got = alu(op, a, b, c, bits);
      expect(result(got)).toBe(r);
      expect(show(flagsOf(got) & ~AF)).toBe(show(szp(r, bits)));
    }), { numRuns: 1000 });
  });
});

/** The SDM's pseudo-code for SAL/SHL/SHR/SAR: one bit at a time, tempCOUNT times. */
function sdmShift(op: number, a: number, count: number, cf: number, bits: number): { r: number; cf: number; of?: number } {
  const n = count & 0x1f;
  let d = a;
  let c = cf;
  const msb = 2 ** (bits - 1);
  for (let i = 0; i < n; i++) {
    if (op === 4) { c = d & msb ? 1 : 0; d = (d * 2) % 2 ** bits; }
    else { c = d & 1; d = op === 7 ? Math.floor(d / 2) | (d & msb) : Math.floor(d / 2); }
  }
  if (n !== 1) return { r: d, cf: c };
  const of = op === 4 ? ((d & msb ? 1 : 0) ^ c) : op === 7 ? 0 : a & msb ? 1 : 0;
  return { r: d, cf: c, of };
}

/** The SDM's pseudo-code for ROL/ROR/RCL/RCR. */
function sdmRotate(op: number, a: number, count: number, cf: number, bits: number): { r: number; cf: number; of?: number } {
  const masked = count & 0x1f;
  const n = op < 2 ? masked % bits : masked % (bits + 1);
  let d = a;
  let c = cf;
  const msb = 2 ** (bits - 1);
  for (let i = 0; i < n; i++) {
    if (op === 0) { const t = d & msb ? 1 : 0; d = ((d * 2) % 2 ** bits) + t; }
    else if (op === 1) { const t = d & 1; d = Math.floor(d / 2) + t * msb; }
    else if (op === 2) { const t = d & msb ? 1 : 0; d = ((d * 2) % 2 ** bits) + c; c = t; }
    else { const t = d & 1; d = Math.floor(d / 2) + c * msb; c = t; }
  }
  if (op === 0 && masked) c = d & 1;
  if (op === 1 && masked) c = d & msb ? 1 : 0;
  if (masked !== 1) return { r: d, cf: masked ? c : cf };
  const top = d & msb ? 1 : 0;
  const next = d & (msb >> 1) ? 1 : 0;
  const of = op === 0 || op === 2 ? top ^ c : top ^ next;
  return { r: d, cf: c, of };
}

describe("shift and rotate flags, by the SDM's pseudo-code", () => {
  const cases = bitsArb.chain((bits) =>
    fc.tuple(fc.constant(bits), fc.integer({ min: 0, max: 2 ** bits - 1 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 1 })));
  test("shl, shr, sar: result, CF, and OF for a count of 1; a count of 0 changes nothing", () => {
    fc.assert(fc.property(cases, fc.constantFrom(4, 5, 7), ([bits, a, count, cf], op) => {
      const before = cf | 0x2;
      const got = shift(op, a, count, before, bits);
      const want = sdmShift(op, a, count, cf, bits);
      expect(result(got)).toBe(want.r);
      if ((count & 0x1f) === 0) {
        expect(flagsOf(got)).toBe(before);
        return;
      }
      expect(flagsOf(got) & CF).toBe(want.cf);
      expect(flagsOf(got) & (ZF | SF | PF)).toBe(szp(want.r, bits));
      if (want.of !== undefined) expect((flagsOf(got) & OF) !== 0).toBe(want.of === 1);
    }), { numRuns: 3000 });
  });

  test("rol, ror, rcl, rcr: result, CF, OF for a count of 1, and the other flags untouched", () => {
    fc.assert(fc.property(cases, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xfff }), ([bits, a, count, cf], op, others) => {
      const before = (others & ~(CF | OF)) | cf | 0x2;
      const got = shift(op, a, count, before, bits);
      const want = sdmRotate(op, a, count, cf, bits);
      expect(result(got)).toBe(want.r);
      expect(flagsOf(got) & ~(CF | OF)).toBe(before & ~(CF | OF));
      expect(flagsOf(got) & CF).toBe(want.cf);
      if (want.of !== undefined) expect((flagsOf(got) & OF) !== 0).toBe(want.of === 1);
    }), { numRuns: 3000 });
  });
});
