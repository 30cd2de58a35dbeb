// Multiplication and division (opcode group 3, F6/F7 with ModR/M reg 4-7, and the two- and three-operand
// imul of 0F AF, 69 and 6B): the 8086's double-width products and quotients. Intel SDM vol. 2: MUL, IMUL,
// DIV, IDIV. The flags the manual leaves undefined are computed as this machine's processor (an AMD EPYC)
// computes them, as the differential test against KVM measured: mul and imul set CF and OF and leave SF, ZF,
// AF and PF as they were; div and idiv clear SF, ZF and PF, set AF, and leave CF and OF as they were.
import { AF, CF, OF, PF, SF, ZF } from "./flags.ts";
import { AX, DX, type Cpu } from "./cpu.ts";

const sext8 = (v: number): number => (v << 24) >> 24;
const sext16 = (v: number): number => (v << 16) >> 16;

/** CF and OF set when the product does not fit the operand size; the other flags are kept. */
function productFlags(c: Cpu, overflow: boolean): void {
  c.flags = (c.flags & ~(CF | OF)) | (overflow ? CF | OF : 0);
}

/** mul or imul with one operand: ax = al * v (bytes), dx:ax = ax * v (words). */
export function multiply(c: Cpu, v: number, bits: 8 | 16, signed: boolean): void {
  const r = c.regs;
  if (bits === 8) {
    const product = signed ? sext8(c.bytes[0]!) * sext8(v) : c.bytes[0]! * v;
    r[AX] = product;
    productFlags(c, signed ? product !== sext8(product) : product > 0xff);
  } else {
    const product = signed ? sext16(r[AX]!) * sext16(v) : r[AX]! * v;
    r[AX] = product;
    r[DX] = Math.floor(product / 0x10000);
    productFlags(c, signed ? product !== sext16(product) : product > 0xffff);
  }
}

/** imul with two or three operands: the low 16 bits of a * b, signed; CF and OF when they lose bits. */
export function imul16(c: Cpu, a: number, b: number): number {
  const product = sext16(a) * sext16(b);
  productFlags(c, product !== sext16(product));
  return product & 0xffff;
}

/**
 * div or idiv: al = ax / v and ah = ax % v (bytes), ax = dx:ax / v and dx = dx:ax % v (words). Returns
 * false, changing nothing, for a divide error (#DE): v is 0, or the quotient does not fit. Quotients are
 * truncated toward zero, and the remainder has the sign of the dividend.
 */
export function divide(c: Cpu, v: number, bits: 8 | 16, signed: boolean): boolean {
  const r = c.regs;
  const dividend = bits === 8
    ? (signed ? sext16(r[AX]!) : r[AX]!)
    : (signed ? (r[DX]! << 16) | r[AX]! : r[DX]! * 0x10000 + r[AX]!);
  const divisor = signed ? (bits === 8 ? sext8(v) : sext16(v)) : v;
  if (divisor === 0) return false;
  const quotient = Math.trunc(dividend / divisor);
  const remainder = dividend - quotient * divisor;
  const [min, max] = signed ? (bits === 8 ? [-0x80, 0x7f] : [-0x8000, 0x7fff]) : bits === 8 ? [0, 0xff] : [0, 0xffff];
  if (quotient < min || quotient > max) return false;
  if (bits === 8) {
    c.bytes[0] = quotient;
    c.bytes[1] = remainder;
  } else {
    r[AX] = quotient;
    r[DX] = remainder;
  }
  c.flags = (c.flags & ~(SF | ZF | PF)) | AF;
  return true;
}
