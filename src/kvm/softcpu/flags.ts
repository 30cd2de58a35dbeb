// The arithmetic flags of the 8086 family, computed as the hardware computes them (Intel SDM vol. 1, 3.4.3
// and appendix A "EFLAGS cross-reference"; vol. 2 for each instruction). Every function returns the result
// and the new flags in one number, `flags << 16 | result`, so the interpreter allocates nothing per
// instruction. Where the manuals call a flag "undefined", we compute what this machine's CPU computes, as
// the differential test against KVM measures it.

// #region flag-bits
export const CF = 0x0001;
export const PF = 0x0004;
export const AF = 0x0010;
export const ZF = 0x0040;
export const SF = 0x0080;
export const TF = 0x0100;
export const IF = 0x0200;
export const DF = 0x0400;
export const OF = 0x0800;
/** The six flags the ALU writes. */
export const ARITHMETIC = CF | PF | AF | ZF | SF | OF;
// #endregion flag-bits

/** PF is set when the low byte of the result has an even number of 1 bits. */
const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let ones = 0;
  for (let b = i; b; b >>= 1) ones += b & 1;
  PARITY[i] = ones % 2 === 0 ? PF : 0;
}

/** SF, ZF and PF of a result `bits` wide. */
export function szp(result: number, bits: 8 | 16): number {
  return PARITY[result & 0xff]! | (result === 0 ? ZF : 0) | ((result >> (bits - 1)) & 1 ? SF : 0);
}

export function result(packed: number): number {
  return packed & 0xffff;
}
export function flagsOf(packed: number): number {
  return packed >>> 16;
}

// #region alu
/**
 * The eight ALU operations of opcodes 00-3F and 80-83, in their encoding order (the ModR/M reg field of
 * 80-83): add, or, adc, sbb, and, sub, xor, cmp. `carry` is the current CF (0 or 1).
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
    default: // or, and, xor: CF and OF cleared, AF cleared as this CPU does (the SDM: undefined)
      r = op === 1 ? a | b : op === 4 ? a & b : a ^ b;
      return (szp(r, bits) << 16) | r;
  }
  r &= mask;
  f |= (a ^ b ^ r) & AF;
  return ((f | szp(r, bits)) << 16) | r;
}
// #endregion alu

/** inc and dec: add or sub 1 with CF left as it was. */
export function incdec(dec: boolean, a: number, oldFlags: number, bits: 8 | 16): number {
  const packed = alu(dec ? 5 : 0, a, 1, 0, bits);
  return ((((packed >>> 16) & ~CF) | (oldFlags & CF)) << 16) | (packed & 0xffff);
}

/** neg: 0 - a; CF is set unless a is 0. */
export function neg(a: number, bits: 8 | 16): number {
  return alu(5, 0, a, 0, bits);
}

// #region shifts
/**
 * The shift and rotate group (opcodes C0, C1, D0-D3; ModR/M reg field): rol, ror, rcl, rcr, shl, shr, sal
 * (= shl), sar. The count is masked to 5 bits as on every CPU since the 80186; a masked count of 0 changes
 * nothing, flags included. Rotates write only CF and OF. `flags` are the current flags.
 */
export function shift(op: number, a: number, count: number, flags: number, bits: 8 | 16): number {
  count &= 0x1f;
  if (count === 0) return (flags << 16) | a;
  const mask = bits === 8 ? 0xff : 0xffff;
  const top = bits - 1;
  let r: number;
  let cf: number;
  let of: number;
  switch (op) {
    case 0: { // rol
      const n = count % bits;
      r = ((a << n) | (a >>> (bits - n))) & mask;
      cf = r & 1;
      of = ((r >> top) & 1) ^ cf;
      return ((flags & ~(CF | OF)) | cf | (of ? OF : 0)) << 16 | r;
    }
    case 1: { // ror
      const n = count % bits;
      r = ((a >>> n) | (a << (bits - n))) & mask;
      cf = (r >> top) & 1;
      of = cf ^ ((r >> (top - 1)) & 1);
      return ((flags & ~(CF | OF)) | cf | (of ? OF : 0)) << 16 | r;
    }
    case 2: { // rcl: a rotate through CF, a (bits + 1)-bit rotate
      const n = count % (bits + 1);
      const wide = a | ((flags & CF) << bits);
      const rotated = n === 0 ? wide : ((wide << n) | (wide >>> (bits + 1 - n))) & ((mask << 1) | 1);
      r = rotated & mask;
      cf = (rotated >> bits) & 1;
      of = ((r >> top) & 1) ^ cf;
      return ((flags & ~(CF | OF)) | cf | (of ? OF : 0)) << 16 | r;
    }
    case 3: { // rcr
      const n = count % (bits + 1);
      const wide = a | ((flags & CF) << bits);
      const rotated = n === 0 ? wide : ((wide >>> n) | (wide << (bits + 1 - n))) & ((mask << 1) | 1);
      r = rotated & mask;
      cf = (rotated >> bits) & 1;
      of = ((r >> top) & 1) ^ ((r >> (top - 1)) & 1);
      return ((flags & ~(CF | OF)) | cf | (of ? OF : 0)) << 16 | r;
    }
    case 4:
    case 6: // shl, sal
      r = count < 32 ? (a << count) & mask : 0;
      cf = count <= bits ? (a >>> (bits - count)) & 1 : 0;
      of = ((r >> top) & 1) ^ cf;
      break;
    case 5: // shr
      r = a >>> count;
      cf = (a >>> (count - 1)) & 1;
      of = ((a >>> (count - 1)) >> top) & 1; // the top bit before the last step: 0 when count > 1

      break;
    default: { // sar
      const s = (a << (32 - bits)) >> (32 - bits);
      r = (s >> count) & mask;
      cf = (s >> (count - 1)) & 1;
      of = 0;
    }
  }
  // AF: undefined in the SDM; set, as this machine's CPU (AMD) does, measured against KVM
  return ((flags & ~ARITHMETIC) | szp(r, bits) | AF | cf | (of ? OF : 0)) << 16 | r;
}
// #endregion shifts
