// Decoding one instruction into a closure that executes it: the software CPU's translator, like QEMU's
// target/i386/tcg/translate.c (disas_insn), but producing a JavaScript function instead of TCG ops. The
// operands are worked out once here (registers, ModR/M address form, immediates, the next ip, jump
// targets); the closure only does the work. Every closure sets ip last, so that a memory access that stops
// the run leaves ip on the instruction, as a fault would.
import { CF, DF, shift, TF } from "./flags.ts";
import { alu } from "../seams.ts";
import { AX, BP, BX, CS, CX, DI, DS, DX, ES, hex, R8, SI, SP, SS, type Cpu } from "./cpu.ts";
import { BREAKPOINT, CS_LOADED, DIVIDE_ERROR, farCall, farJump, farReturn, interrupt, iret, OVERFLOW, POPF_MASK } from "./far.ts";
import { divide, imul16, multiply } from "./muldiv.ts";
import type { Exit } from "../vcpu.ts";

/** One decoded instruction: runs it, and returns an exit when the VMM is needed (or CS_LOADED, far.ts). */
export type Handler = (c: Cpu) => Exit | typeof CS_LOADED | undefined;
/** The most data one string I/O exit carries: KVM's pio_data is one page. */
const PIO_PAGE = 4096;

// #region modrm
/**
 * The r/m operand of a ModR/M byte: a register, or one of the 8086's eight address forms
 * (bx+si, bx+di, bp+si, bp+di, si, di, bp, bx; form 8 is a plain 16-bit address) plus a displacement.
 */
interface Rm {
  reg: boolean;
  /** The register: its number for words, its byte offset (R8) for bytes. */
  n: number;
  form: number;
  disp: number;
  seg: number;
}

function ea(c: Cpu, o: Rm): number {
  const r = c.regs;
  switch (o.form) {
    case 0: return (r[BX]! + r[SI]! + o.disp) & 0xffff;
    case 1: return (r[BX]! + r[DI]! + o.disp) & 0xffff;
    case 2: return (r[BP]! + r[SI]! + o.disp) & 0xffff;
    case 3: return (r[BP]! + r[DI]! + o.disp) & 0xffff;
    case 4: return (r[SI]! + o.disp) & 0xffff;
    case 5: return (r[DI]! + o.disp) & 0xffff;
    case 6: return (r[BP]! + o.disp) & 0xffff;
    case 7: return (r[BX]! + o.disp) & 0xffff;
    default: return o.disp;
  }
}
// #endregion modrm

function get8(c: Cpu, o: Rm): number {
  return o.reg ? c.bytes[o.n]! : c.read8(o.seg, ea(c, o));
}
function set8(c: Cpu, o: Rm, v: number): void {
  if (o.reg) c.bytes[o.n] = v;
  else c.write8(o.seg, ea(c, o), v);
}
function get16(c: Cpu, o: Rm): number {
  return o.reg ? c.regs[o.n]! : c.read16(o.seg, ea(c, o));
}
function set16(c: Cpu, o: Rm, v: number): void {
  if (o.reg) c.regs[o.n] = v;
  else c.write16(o.seg, ea(c, o), v);
}

/** Reads an instruction's bytes from cs:ip on. */
class Reader {
  readonly start: number;
  override = -1;
  constructor(private readonly c: Cpu, public ip: number) {
    this.start = ip;
  }
  u8(): number {
    const b = this.c.memory[this.c.address(CS, this.ip)]!;
    this.ip = (this.ip + 1) & 0xffff;
    return b;
  }
  s8(): number {
    return (this.u8() << 24) >> 24;
  }
  u16(): number {
    const lo = this.u8();
    return lo | (this.u8() << 8);
  }
  /** Decodes a ModR/M byte's r/m operand, reading its displacement. */
  rm(m: number, bytes: boolean): Rm {
    if (m >= 0xc0) return { reg: true, n: bytes ? R8[m & 7]! : m & 7, form: 0, disp: 0, seg: 0 };
    const mod = m >> 6;
    let form = m & 7;
    let disp = 0;
    if (mod === 0 && form === 6) {
      form = 8;
      disp = this.u16();
    } else if (mod === 1) disp = this.s8();
    else if (mod === 2) disp = this.u16();
    const stack = form === 2 || form === 3 || form === 6;
    return { reg: false, n: 0, form, disp, seg: this.override >= 0 ? this.override : stack ? SS : DS };
  }
  get length(): number {
    return (this.ip - this.start) & 0xffff;
  }
}

/** inc and dec: add or sub 1 with CF left as it was. */
function incdec(dec: boolean, a: number, oldFlags: number, bits: 8 | 16): number {
  const packed = alu(dec ? 5 : 0, a, 1, 0, bits);
  return ((((packed >>> 16) & ~CF) | (oldFlags & CF)) << 16) | (packed & 0xffff);
}

/** neg: 0 - a; CF is set unless a is 0. */
function neg(a: number, bits: 8 | 16): number {
  return alu(5, 0, a, 0, bits);
}

/** The exit for an instruction the software CPU does not implement, naming its bytes and cs:ip. */
function unsupported(c: Cpu, start: number, ...bytes: number[]): Handler {
  const exit: Exit = {
    reason: "unsupported",
    message: `unsupported instruction ${bytes.map((b) => hex(b, 2).toUpperCase()).join(" ")} at ${hex(c.selectors[CS]!, 4)}:${hex(start, 4)}`,
  };
  return () => exit;
}

/** Decodes the instruction at cs:ip: its handler and its length in bytes. */
export function translate(c: Cpu): [Handler, number] {
  const d = new Reader(c, c.ip);
  let rep: Rep = 0;
  let op = d.u8();
  for (;;) {
    if (op === 0x26 || op === 0x2e || op === 0x36 || op === 0x3e) d.override = (op >> 3) & 3;
    else if (op === 0xf2 || op === 0xf3) rep = op;
    else break;
    op = d.u8();
  }
  const handler = decode(c, d, op, rep);
  return [handler, d.length];
}

/** The repeat prefix: none, F2 (repne, or rep for movs/stos/lods/ins/outs) or F3 (rep, repe). */
type Rep = 0 | 0xf2 | 0xf3;

function decode(c: Cpu, d: Reader, op: number, rep: Rep): Handler {
  const start = d.start;
  if (op < 0x40 && (op & 7) < 6) return aluOpcode(d, op);
  if (op >= 0x70 && op <= 0x7f) return jump(d, op & 15, d.s8());
  if (op >= 0x40 && op <= 0x4f) {
    const r = op & 7;
    const dec = op >= 0x48;
    const next = d.ip;
    return (c) => {
      c.regs[r] = c.setFlags(incdec(dec, c.regs[r]!, c.flags, 16));
      c.ip = next;
      return undefined;
    };
  }
  if (op >= 0x50 && op <= 0x5f) {
    const r = op & 7;
    const next = d.ip;
    if (op < 0x58) return (c) => { c.push(c.regs[r]!); c.ip = next; return undefined; };
    return (c) => { c.regs[r] = c.pop(); c.ip = next; return undefined; };
  }
  if (op >= 0xb0 && op <= 0xbf) {
    const wide = op >= 0xb8;
    const r = wide ? op & 7 : R8[op & 7]!;
    const v = wide ? d.u16() : d.u8();
    const next = d.ip;
    if (wide) return (c) => { c.regs[r] = v; c.ip = next; return undefined; };
    return (c) => { c.bytes[r] = v; c.ip = next; return undefined; };
  }
  switch (op) {
    case 0x06: case 0x0e: case 0x16: case 0x1e: { // push sreg
      const s = op >> 3;
      const next = d.ip;
      return (c) => { c.push(c.selectors[s]!); c.ip = next; return undefined; };
    }
    case 0x07: case 0x17: case 0x1f: { // pop sreg
      const s = op >> 3;
      const next = d.ip;
      return (c) => { c.loadSegment(s, c.pop()); c.ip = next; return undefined; };
    }
    case 0x0f: {
      const op2 = d.u8();
      if (op2 === 0xaf) return imul(d, -1); // imul r16, rm16
      if (op2 < 0x80 || op2 > 0x8f) return unsupported(c, start, 0x0f, op2);
      return jump(d, op2 & 15, d.u16());
    }
    case 0x69: case 0x6b: // imul r16, rm16, imm
      return imul(d, op);
    case 0x68: case 0x6a: {
      const v = op === 0x68 ? d.u16() : d.s8() & 0xffff;
      const next = d.ip;
      return (c) => { c.push(v); c.ip = next; return undefined; };
    }
    case 0x6c: case 0x6d: case 0x6e: case 0x6f:
      return stringIo(d, op, rep !== 0);
    case 0x80: case 0x81: case 0x82: case 0x83: { // group 1: the ALU operation is the reg field
      const m = d.u8();
      const w = op & 1;
      const o = d.rm(m, !w);
      const operation = (m >> 3) & 7;
      const imm = op === 0x81 ? d.u16() : op === 0x83 ? d.s8() & 0xffff : d.u8();
      const next = d.ip;
      if (w && o.reg) {
        const n = o.n;
        return (c) => { const regs = c.regs; const v = c.setFlags(alu(operation, regs[n]!, imm, c.flags & CF, 16)); if (operation !== 7) regs[n] = v; c.ip = next; return undefined; };
      }
      if (w) {
        if (operation === 7) return (c) => { c.setFlags(alu(7, get16(c, o), imm, 0, 16)); c.ip = next; return undefined; };
        return (c) => { set16(c, o, c.setFlags(alu(operation, get16(c, o), imm, c.flags & CF, 16))); c.ip = next; return undefined; };
      }
      if (operation === 7) return (c) => { c.setFlags(alu(7, get8(c, o), imm, 0, 8)); c.ip = next; return undefined; };
      return (c) => { set8(c, o, c.setFlags(alu(operation, get8(c, o), imm, c.flags & CF, 8))); c.ip = next; return undefined; };
    }
    case 0x84: case 0x85: { // test rm, reg
      const m = d.u8();
      const w = op & 1;
      const o = d.rm(m, !w);
      const r = w ? (m >> 3) & 7 : R8[(m >> 3) & 7]!;
      const next = d.ip;
      if (w) return (c) => { c.setFlags(alu(4, get16(c, o), c.regs[r]!, 0, 16)); c.ip = next; return undefined; };
      return (c) => { c.setFlags(alu(4, get8(c, o), c.bytes[r]!, 0, 8)); c.ip = next; return undefined; };
    }
    case 0x86: case 0x87: { // xchg rm, reg: the memory operand is read, then written
      const m = d.u8();
      const w = op & 1;
      const o = d.rm(m, !w);
      const r = w ? (m >> 3) & 7 : R8[(m >> 3) & 7]!;
      if (w) return simple(d, (c) => { const v = get16(c, o); set16(c, o, c.regs[r]!); c.regs[r] = v; });
      return simple(d, (c) => { const v = get8(c, o); set8(c, o, c.bytes[r]!); c.bytes[r] = v; });
    }
    case 0x88: case 0x89: case 0x8a: case 0x8b: { // mov
      const m = d.u8();
      const w = op & 1;
      const o = d.rm(m, !w);
      const r = w ? (m >> 3) & 7 : R8[(m >> 3) & 7]!;
      const next = d.ip;
      switch (op) {
        case 0x88: return (c) => { set8(c, o, c.bytes[r]!); c.ip = next; return undefined; };
        case 0x89: return (c) => { set16(c, o, c.regs[r]!); c.ip = next; return undefined; };
        case 0x8a: return (c) => { c.bytes[r] = get8(c, o); c.ip = next; return undefined; };
        default: return (c) => { c.regs[r] = get16(c, o); c.ip = next; return undefined; };
      }
    }
    case 0x8c: case 0x8e: { // mov rm16, sreg / mov sreg, rm16
      const m = d.u8();
      const s = (m >> 3) & 7;
      if (s > 3 || (op === 0x8e && s === CS)) return unsupported(c, start, op, m);
      const o = d.rm(m, false);
      const next = d.ip;
      if (op === 0x8c) return (c) => { set16(c, o, c.selectors[s]!); c.ip = next; return undefined; };
      return (c) => { c.loadSegment(s, get16(c, o)); c.ip = next; return undefined; };
    }
    case 0x8d: { // lea
      const m = d.u8();
      if (m >= 0xc0) return unsupported(c, start, op, m);
      const o = d.rm(m, false);
      const r = (m >> 3) & 7;
      const next = d.ip;
      return (c) => { c.regs[r] = ea(c, o); c.ip = next; return undefined; };
    }
    case 0x8f: { // pop rm16
      const m = d.u8();
      if (((m >> 3) & 7) !== 0) return unsupported(c, start, op, m);
      const o = d.rm(m, false);
      const next = d.ip;
      // sp moves after the store, so that an MMIO exit in the store leaves the stack as it was
      return (c) => { set16(c, o, c.read16(SS, c.regs[SP]!)); c.regs[SP] = c.regs[SP]! + 2; c.ip = next; return undefined; };
    }
    case 0x90: // xchg ax, ax
      return simple(d, () => {});
    case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: { // xchg ax, r16
      const r = op & 7;
      return simple(d, (c) => { const v = c.regs[AX]!; c.regs[AX] = c.regs[r]!; c.regs[r] = v; });
    }
    case 0x9a: { // call far ptr16:16
      const offset = d.u16();
      const selector = d.u16();
      const next = d.ip;
      return (c) => farCall(c, selector, offset, next);
    }
    case 0x9c:
      return simple(d, (c) => c.push(c.flags & 0xffff));
    case 0x9d: {
      const next = d.ip;
      const trap = unsupported(c, start, op);
      return (c) => {
        // single-stepping (TF) needs the interrupt table, which the subset leaves out
        if (c.read16(SS, c.regs[SP]!) & TF) return trap(c);
        c.flags = (c.flags & ~POPF_MASK) | (c.pop() & POPF_MASK) | 0x2;
        c.ip = next;
        return undefined;
      };
    }
    case 0xa0: case 0xa1: case 0xa2: case 0xa3: { // mov al/ax <-> [moffs16]
      const o: Rm = { reg: false, n: 0, form: 8, disp: d.u16(), seg: d.override >= 0 ? d.override : DS };
      const next = d.ip;
      switch (op) {
        case 0xa0: return (c) => { c.bytes[0] = get8(c, o); c.ip = next; return undefined; };
        case 0xa1: return (c) => { c.regs[AX] = get16(c, o); c.ip = next; return undefined; };
        case 0xa2: return (c) => { set8(c, o, c.bytes[0]!); c.ip = next; return undefined; };
        default: return (c) => { set16(c, o, c.regs[AX]!); c.ip = next; return undefined; };
      }
    }
    case 0xa4: case 0xa5: case 0xaa: case 0xab: case 0xac: case 0xad:
      return stringMove(d, op, rep !== 0);
    case 0xa6: case 0xa7: case 0xae: case 0xaf:
      return stringCompare(d, op, rep);
    case 0xa8: {
      const v = d.u8();
      return simple(d, (c) => void c.setFlags(alu(4, c.bytes[0]!, v, 0, 8)));
    }
    case 0xa9: {
      const v = d.u16();
      return simple(d, (c) => void c.setFlags(alu(4, c.regs[AX]!, v, 0, 16)));
    }
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: { // shifts and rotates
      const m = d.u8();
      const w = op & 1;
      const o = d.rm(m, !w);
      const operation = (m >> 3) & 7;
      const fixed = op < 0xd0 ? d.u8() : 1;
      const byCl = op >= 0xd2;
      const next = d.ip;
      if (w) return (c) => { set16(c, o, c.setFlags(shift(operation, get16(c, o), byCl ? c.bytes[2]! : fixed, c.flags, 16))); c.ip = next; return undefined; };
      return (c) => { set8(c, o, c.setFlags(shift(operation, get8(c, o), byCl ? c.bytes[2]! : fixed, c.flags, 8))); c.ip = next; return undefined; };
    }
    case 0xc2:
      return ret(d.u16());
    case 0xc3:
      return ret(0);
    case 0xca: {
      const drop = d.u16();
      return (c) => farReturn(c, drop);
    }
    case 0xcb:
      return (c) => farReturn(c, 0);
    case 0xcc: case 0xcd: { // int3, int n
      const vector = op === 0xcc ? BREAKPOINT : d.u8();
      const next = d.ip;
      return (c) => interrupt(c, vector, next);
    }
    case 0xce: { // into: int 4 when OF is set
      const next = d.ip;
      return (c) => {
        if (c.flags & 0x800) return interrupt(c, OVERFLOW, next);
        c.ip = next;
        return undefined;
      };
    }
    case 0xcf: {
      const trap = unsupported(c, start, op);
      return (c) => (c.read16(SS, (c.regs[SP]! + 4) & 0xffff) & TF ? trap(c) : iret(c));
    }
    case 0xc6: case 0xc7: {
      const m = d.u8();
      if (((m >> 3) & 7) !== 0) return unsupported(c, start, op, m);
      const o = d.rm(m, op === 0xc6);
      const v = op === 0xc6 ? d.u8() : d.u16();
      const next = d.ip;
      if (op === 0xc6) return (c) => { set8(c, o, v); c.ip = next; return undefined; };
      return (c) => { set16(c, o, v); c.ip = next; return undefined; };
    }
    // #region loop
    case 0xe0: case 0xe1: case 0xe2: { // loopne, loope, loop: cx is decremented, the flags are not touched
      const disp = d.s8();
      const next = d.ip;
      const target = (next + disp) & 0xffff;
      if (op === 0xe2) return (c) => { c.ip = (c.regs[CX] = c.regs[CX]! - 1) !== 0 ? target : next; return undefined; };
      const zf = op === 0xe1;
      return (c) => { c.ip = (c.regs[CX] = c.regs[CX]! - 1) !== 0 && (c.flags & 0x40) !== 0 === zf ? target : next; return undefined; };
    }
    // #endregion loop
    case 0xe3: {
      const disp = d.s8();
      const next = d.ip;
      const target = (next + disp) & 0xffff;
      return (c) => { c.ip = c.regs[CX] === 0 ? target : next; return undefined; };
    }
    case 0xe4: case 0xe5: case 0xe6: case 0xe7: case 0xec: case 0xed: case 0xee: case 0xef:
      return portIo(d, op);
    case 0xe8: {
      const disp = d.u16();
      const next = d.ip;
      const target = (next + disp) & 0xffff;
      return (c) => { c.push(next); c.ip = target; return undefined; };
    }
    case 0xea: { // jmp far ptr16:16
      const offset = d.u16();
      const selector = d.u16();
      return (c) => farJump(c, selector, offset);
    }
    case 0xe9: case 0xeb: {
      const disp = op === 0xe9 ? d.u16() : d.s8();
      const target = (d.ip + disp) & 0xffff;
      return (c) => { c.ip = target; return undefined; };
    }
    case 0xf4: {
      const next = d.ip;
      const exit: Exit = { reason: "hlt" };
      return (c) => { c.ip = next; return exit; };
    }
    case 0xf5: return simple(d, (c) => void (c.flags ^= CF));
    case 0xf8: return simple(d, (c) => void (c.flags &= ~CF));
    case 0xf9: return simple(d, (c) => void (c.flags |= CF));
    case 0xfa: return simple(d, (c) => void (c.flags &= ~0x200));
    case 0xfb: return simple(d, (c) => void (c.flags |= 0x200));
    case 0xfc: return simple(d, (c) => void (c.flags &= ~DF));
    case 0xfd: return simple(d, (c) => void (c.flags |= DF));
    case 0xf6: case 0xf7: { // group 3: test, not, neg, mul, imul, div, idiv
      const m = d.u8();
      const operation = (m >> 3) & 7;
      const w = op === 0xf7;
      const bits = w ? 16 : 8;
      const o = d.rm(m, !w);
      const get = w ? get16 : get8;
      const set = w ? set16 : set8;
      const mask = w ? 0xffff : 0xff;
      if (operation <= 1) {
        const v = w ? d.u16() : d.u8();
        return simple(d, (c) => void c.setFlags(alu(4, get(c, o), v, 0, bits)));
      }
      if (operation === 2) return simple(d, (c) => set(c, o, ~get(c, o) & mask));
      if (operation === 3) return simple(d, (c) => set(c, o, c.setFlags(neg(get(c, o), bits))));
      const signed = (operation & 1) === 1;
      if (operation <= 5) return simple(d, (c) => multiply(c, get(c, o), bits, signed));
      // a divide error is a fault: the handler returns to the div itself
      const next = d.ip;
      return (c) => {
        if (!divide(c, get(c, o), bits, signed)) return interrupt(c, DIVIDE_ERROR, start);
        c.ip = next;
        return undefined;
      };
    }
    case 0xfe: case 0xff: { // groups 4 and 5: inc, dec; and for words call, call far, jmp, jmp far, push
      const m = d.u8();
      const operation = (m >> 3) & 7;
      const w = op === 0xff;
      if (operation > (w ? 6 : 1) || (w && (operation === 3 || operation === 5) && m >= 0xc0)) return unsupported(c, start, op, m);
      const o = d.rm(m, !w);
      const next = d.ip;
      if (operation <= 1) {
        const dec = operation === 1;
        if (w) return simple(d, (c) => set16(c, o, c.setFlags(incdec(dec, get16(c, o), c.flags, 16))));
        return simple(d, (c) => set8(c, o, c.setFlags(incdec(dec, get8(c, o), c.flags, 8))));
      }
      if (operation === 2) return (c) => { const target = get16(c, o); c.push(next); c.ip = target; return undefined; };
      if (operation === 4) return (c) => { c.ip = get16(c, o); return undefined; };
      if (operation === 3 || operation === 5) { // through a far pointer in memory: offset, then segment
        const far = operation === 3 ? farCall : farJump;
        return (c) => {
          const at = ea(c, o);
          return far(c, c.read16(o.seg, (at + 2) & 0xffff), c.read16(o.seg, at), next);
        };
      }
      return simple(d, (c) => c.push(get16(c, o)));
    }
    default:
      return unsupported(c, start, op);
  }
}

/** An instruction that runs `body` and goes on to the next one. */
function simple(d: Reader, body: (c: Cpu) => void): Handler {
  const next = d.ip;
  return (c) => {
    body(c);
    c.ip = next;
    return undefined;
  };
}

function ret(n: number): Handler {
  return (c) => {
    const target = c.pop();
    c.regs[SP] = c.regs[SP]! + n;
    c.ip = target;
    return undefined;
  };
}

/** imul r16, rm16 (0F AF: `imm` is -1), with an imm16 (69) or a sign-extended imm8 (6B). */
function imul(d: Reader, op: number): Handler {
  const m = d.u8();
  const o = d.rm(m, false);
  const r = (m >> 3) & 7;
  if (op === -1) return simple(d, (c) => void (c.regs[r] = imul16(c, c.regs[r]!, get16(c, o))));
  const imm = op === 0x69 ? d.u16() : d.s8() & 0xffff;
  return simple(d, (c) => void (c.regs[r] = imul16(c, get16(c, o), imm)));
}

/** jcc (70-7F, 0F 80-8F): the target is worked out once. */
function jump(d: Reader, cc: number, disp: number): Handler {
  const next = d.ip;
  const target = (next + disp) & 0xffff;
  return (c) => {
    c.ip = c.condition(cc) ? target : next;
    return undefined;
  };
}

// #region alu-opcodes
/** 00-3D: the eight ALU operations in six forms: rm8,r8  rm16,r16  r8,rm8  r16,rm16  al,imm8  ax,imm16. */
function aluOpcode(d: Reader, op: number): Handler {
  const operation = op >> 3;
  const store = operation !== 7; // cmp computes the flags only
  const form = op & 7;
  if (form >= 4) {
    const imm = form === 4 ? d.u8() : d.u16();
    const next = d.ip;
    if (form === 4) return (c) => { const v = c.setFlags(alu(operation, c.bytes[0]!, imm, c.flags & CF, 8)); if (store) c.bytes[0] = v; c.ip = next; return undefined; };
    return (c) => { const v = c.setFlags(alu(operation, c.regs[AX]!, imm, c.flags & CF, 16)); if (store) c.regs[AX] = v; c.ip = next; return undefined; };
  }
  const m = d.u8();
  const w = form & 1;
  const o = d.rm(m, !w);
  const r = w ? (m >> 3) & 7 : R8[(m >> 3) & 7]!;
  const next = d.ip;
  if (o.reg && w) {
    // register to register, the common case, without the memory paths
    const [dst, src] = form === 1 ? [o.n, r] : [r, o.n];
    return (c) => { const regs = c.regs; const v = c.setFlags(alu(operation, regs[dst]!, regs[src]!, c.flags & CF, 16)); if (store) regs[dst] = v; c.ip = next; return undefined; };
  }
  switch (form) {
    case 0: return (c) => { const v = c.setFlags(alu(operation, get8(c, o), c.bytes[r]!, c.flags & CF, 8)); if (store) set8(c, o, v); c.ip = next; return undefined; };
    case 1: return (c) => { const v = c.setFlags(alu(operation, get16(c, o), c.regs[r]!, c.flags & CF, 16)); if (store) set16(c, o, v); c.ip = next; return undefined; };
    case 2: return (c) => { const v = c.setFlags(alu(operation, c.bytes[r]!, get8(c, o), c.flags & CF, 8)); if (store) c.bytes[r] = v; c.ip = next; return undefined; };
    default: return (c) => { const v = c.setFlags(alu(operation, c.regs[r]!, get16(c, o), c.flags & CF, 16)); if (store) c.regs[r] = v; c.ip = next; return undefined; };
  }
}
// #endregion alu-opcodes

// #region port-io
/**
 * in and out (E4-E7 with a port number, EC-EF with the port in dx). An out is finished when the VMM sees
 * the exit (rip is already past it, as KVM reports on this machine); an in finishes on the next run(),
 * which loads what the VMM wrote into `data`.
 */
function portIo(d: Reader, op: number): Handler {
  const fixedPort = op < 0xe8 ? d.u8() : -1;
  const size = (op & 1) + 1 as 1 | 2;
  const start = d.start;
  const next = d.ip;
  if ((op & 2) !== 0) {
    return (c) => {
      const data = new Uint8Array(size);
      data[0] = c.regs[AX]!;
      if (size === 2) data[1] = c.regs[AX]! >> 8;
      c.ip = next;
      return { reason: "io", direction: "out", port: fixedPort >= 0 ? fixedPort : c.regs[DX]!, size, count: 1, data };
    };
  }
  return (c) => {
    const data = new Uint8Array(size);
    c.pending = {
      at: start,
      complete: (c) => {
        if (size === 1) c.bytes[0] = data[0]!;
        else c.regs[AX] = data[0]! | (data[1]! << 8);
        c.ip = next;
      },
    };
    return { reason: "io", direction: "in", port: fixedPort >= 0 ? fixedPort : c.regs[DX]!, size, count: 1, data };
  };
}

/**
 * insb/insw/outsb/outsw (6C-6F), once or under rep: one exit carries up to a page of data, as KVM's does;
 * the instruction runs again (from the same ip) until cx is 0.
 */
function stringIo(d: Reader, op: number, rep: boolean): Handler {
  const size = (op & 1) + 1 as 1 | 2;
  const src = d.override >= 0 ? d.override : DS;
  const start = d.start;
  const next = d.ip;
  return (c) => {
    const r = c.regs;
    if (rep && r[CX] === 0) {
      c.ip = next;
      return undefined;
    }
    const count = rep ? Math.min(r[CX]!, PIO_PAGE / size) : 1;
    const step = c.flags & DF ? -size : size;
    const data = new Uint8Array(size * count);
    const after = rep && r[CX] !== count ? start : next;
    if (op >= 0x6e) {
      for (let i = 0; i < data.length; i += size) {
        data[i] = c.read8(src, r[SI]!);
        if (size === 2) data[i + 1] = c.read8(src, (r[SI]! + 1) & 0xffff);
        r[SI] = r[SI]! + step;
      }
      if (rep) r[CX] = r[CX]! - count;
      c.ip = after;
      return { reason: "io", direction: "out", port: r[DX]!, size, count, data };
    }
    c.pending = {
      at: start,
      complete: (c) => {
        for (let i = 0; i < data.length; i += size) {
          c.write8(ES, r[DI]!, data[i]!);
          if (size === 2) c.write8(ES, (r[DI]! + 1) & 0xffff, data[i + 1]!);
          r[DI] = r[DI]! + step;
        }
        if (rep) r[CX] = r[CX]! - count;
        c.ip = after;
      },
    };
    return { reason: "io", direction: "in", port: r[DX]!, size, count, data };
  };
}
// #endregion port-io

// #region string
/** movs, stos, lods (A4/A5, AA/AB, AC/AD), once or under rep (F2 and F3 both mean rep for these). */
function stringMove(d: Reader, op: number, rep: boolean): Handler {
  const w = op & 1;
  const size = w + 1;
  const src = d.override >= 0 ? d.override : DS;
  const next = d.ip;
  const kind = op < 0xaa ? 0 : op < 0xac ? 1 : 2; // movs, stos, lods
  return (c) => {
    const r = c.regs;
    const step = c.flags & DF ? -size : size;
    for (;;) {
      if (rep && r[CX] === 0) break;
      if (kind === 0) {
        if (w) c.write16(ES, r[DI]!, c.read16(src, r[SI]!));
        else c.write8(ES, r[DI]!, c.read8(src, r[SI]!));
        r[SI] = r[SI]! + step;
        r[DI] = r[DI]! + step;
      } else if (kind === 1) {
        if (w) c.write16(ES, r[DI]!, r[AX]!);
        else c.write8(ES, r[DI]!, c.bytes[0]!);
        r[DI] = r[DI]! + step;
      } else {
        if (w) r[AX] = c.read16(src, r[SI]!);
        else c.bytes[0] = c.read8(src, r[SI]!);
        r[SI] = r[SI]! + step;
      }
      if (!rep) break;
      r[CX] = r[CX]! - 1; // after the element: an MMIO exit inside it leaves cx as it was
      c.elementDone();
    }
    c.ip = next;
    return undefined;
  };
}

/**
 * cmps and scas (A6/A7, AE/AF): compare as cmp does, [si] with es:[di], or al/ax with es:[di]. Under repe
 * (F3) they go on while cx is not 0 and the operands are equal; under repne (F2) while they differ.
 */
function stringCompare(d: Reader, op: number, rep: Rep): Handler {
  const w = op & 1;
  const size = w + 1;
  const bits = w ? 16 : 8;
  const src = d.override >= 0 ? d.override : DS;
  const scas = op >= 0xae;
  const next = d.ip;
  const whileEqual = rep === 0xf3;
  return (c) => {
    const r = c.regs;
    const step = c.flags & DF ? -size : size;
    for (;;) {
      if (rep && r[CX] === 0) break;
      const a = scas ? (w ? r[AX]! : c.bytes[0]!) : w ? c.read16(src, r[SI]!) : c.read8(src, r[SI]!);
      const b = w ? c.read16(ES, r[DI]!) : c.read8(ES, r[DI]!);
      c.setFlags(alu(7, a, b, 0, bits));
      if (!scas) r[SI] = r[SI]! + step;
      r[DI] = r[DI]! + step;
      if (!rep) break;
      r[CX] = r[CX]! - 1;
      c.elementDone();
      if (((c.flags & 0x40) !== 0) !== whileEqual) break;
    }
    c.ip = next;
    return undefined;
  };
}
// #endregion string
