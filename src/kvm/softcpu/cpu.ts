// The software CPU: an interpreter of the 16-bit real-mode subset our assembler writes, in the shape of
// QEMU's TCG loop (accel/tcg/cpu-exec.c: cpu_exec runs guest code until something needs the outside
// world) but decoding each instruction with one switch on its opcode, as the 8086 itself did. It stops for
// the same reasons KVM_RUN returns: port I/O, hlt, and what it cannot do.
import { alu, ARITHMETIC, CF, DF, flagsOf, incdec, neg, OF, PF, result, SF, shift, TF, ZF } from "./flags.ts";
import type { Exit } from "../vcpu.ts";

/** Segment register numbers, as the instruction encoding numbers them. */
export const ES = 0;
export const CS = 1;
export const SS = 2;
export const DS = 3;

/** Byte offsets of al, cl, dl, bl, ah, ch, dh, bh inside the eight 16-bit registers (little-endian). */
const R8 = [0, 2, 4, 6, 1, 3, 5, 7];
const AX = 0, CX = 1, DX = 2, BX = 3, SP = 4, BP = 5, SI = 6, DI = 7;
/** The flags popf can change in real mode: the arithmetic flags, TF, IF, DF, IOPL and NT. */
const POPF_MASK = 0x7fd5;

/** Thrown inside an instruction to leave run() with an exit (an unsupported opcode, memory out of range). */
class Stop {
  constructor(readonly exit: Exit) {}
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** An `in` waiting for the VMM's answer: completed (data loaded, ip advanced) when run() is called again. */
interface PendingIn {
  at: number;
  next: number;
  /** The buffer the VMM fills, and the operand size. */
  data: Uint8Array;
  size: 1 | 2;
}

export class Cpu {
  /** ax, cx, dx, bx, sp, bp, si, di. */
  readonly regs = new Uint16Array(8);
  /** The same registers byte by byte: al = bytes[0], ah = bytes[1], ... */
  private readonly bytes = new Uint8Array(this.regs.buffer);
  /** es, cs, ss, ds: selectors and the bases the CPU adds (selector * 16 in real mode). */
  readonly selectors = new Uint16Array(4);
  readonly bases = new Float64Array(4);
  ip = 0;
  flags = 0x2;
  /** Guest instructions executed so far (a rep iteration counts as one). */
  instructions = 0;
  /** Stop with { reason: "interrupted" } once `instructions` reaches this. */
  budget = Infinity;
  /** Stop with { reason: "interrupted" } once performance.now() passes this. */
  deadline = Infinity;
  private pending: PendingIn | null = null;
  // The instruction being decoded: its start, segment override, and the effective address of its ModR/M.
  private start = 0;
  private override = -1;
  private ea = 0;
  private eaSeg = DS;

  constructor(readonly memory: Uint8Array) {}

  // #region run
  run(): Exit {
    const pending = this.pending;
    if (pending) {
      this.pending = null;
      // As KVM's complete_fast_pio_in (arch/x86/kvm/x86.c): finish the instruction unless rip was moved.
      if (this.ip === pending.at) {
        if (pending.size === 1) this.bytes[0] = pending.data[0]!;
        else this.regs[AX] = pending.data[0]! | (pending.data[1]! << 8);
        this.ip = pending.next;
      }
    }
    try {
      for (;;) {
        const slice = Math.min(this.budget - this.instructions, 1 << 16);
        if (slice <= 0 || performance.now() > this.deadline) return { reason: "interrupted" };
        const end = this.instructions + slice;
        while (this.instructions < end) {
          this.instructions++;
          const exit = this.step();
          if (exit) return exit;
        }
      }
    } catch (e) {
      if (e instanceof Stop) return e.exit;
      throw e;
    }
  }
  // #endregion run

  private unsupported(...bytes: number[]): Stop {
    const code = bytes.map((b) => hex(b, 2).toUpperCase()).join(" ");
    this.ip = this.start;
    return new Stop({ reason: "unsupported", message: `unsupported instruction ${code} at ${hex(this.selectors[CS]!, 4)}:${hex(this.start, 4)}` });
  }

  private address(seg: number, offset: number): number {
    const a = this.bases[seg]! + offset;
    if (a >= this.memory.length) {
      this.ip = this.start;
      throw new Stop({
        reason: "unsupported",
        message: `memory access at ${hex(a, 5)} (${hex(this.selectors[seg]!, 4)}:${hex(offset, 4)}) is outside guest memory (${this.memory.length / 1024} KiB), at ${hex(this.selectors[CS]!, 4)}:${hex(this.start, 4)}`,
      });
    }
    return a;
  }

  read8(seg: number, offset: number): number {
    return this.memory[this.address(seg, offset)]!;
  }
  read16(seg: number, offset: number): number {
    return this.memory[this.address(seg, offset)]! | (this.memory[this.address(seg, (offset + 1) & 0xffff)]! << 8);
  }
  write8(seg: number, offset: number, v: number): void {
    this.memory[this.address(seg, offset)] = v;
  }
  write16(seg: number, offset: number, v: number): void {
    this.memory[this.address(seg, offset)] = v;
    this.memory[this.address(seg, (offset + 1) & 0xffff)] = v >> 8;
  }

  private fetch8(): number {
    const b = this.read8(CS, this.ip);
    this.ip = (this.ip + 1) & 0xffff;
    return b;
  }
  private fetch16(): number {
    const lo = this.fetch8();
    return lo | (this.fetch8() << 8);
  }
  private fetchS8(): number {
    return (this.fetch8() << 24) >> 24;
  }

  private push(v: number): void {
    const sp = (this.regs[SP]! - 2) & 0xffff;
    this.regs[SP] = sp;
    this.write16(SS, sp, v);
  }
  private pop(): number {
    const sp = this.regs[SP]!;
    this.regs[SP] = (sp + 2) & 0xffff;
    return this.read16(SS, sp);
  }

  // #region modrm
  /** Decodes the memory operand of a ModR/M byte (mod != 3) into ea/eaSeg: the 8086's eight base forms. */
  private decode(m: number): void {
    const mod = m >> 6;
    const r = this.regs;
    let off: number;
    let seg = DS;
    switch (m & 7) {
      case 0: off = r[BX]! + r[SI]!; break;
      case 1: off = r[BX]! + r[DI]!; break;
      case 2: off = r[BP]! + r[SI]!; seg = SS; break;
      case 3: off = r[BP]! + r[DI]!; seg = SS; break;
      case 4: off = r[SI]!; break;
      case 5: off = r[DI]!; break;
      case 6:
        if (mod === 0) off = this.fetch16();
        else { off = r[BP]!; seg = SS; }
        break;
      default: off = r[BX]!;
    }
    if (mod === 1) off += this.fetchS8();
    else if (mod === 2) off += this.fetch16();
    this.ea = off & 0xffff;
    this.eaSeg = this.override >= 0 ? this.override : seg;
  }
  // #endregion modrm

  private getRm8(m: number): number {
    return m >= 0xc0 ? this.bytes[R8[m & 7]!]! : this.read8(this.eaSeg, this.ea);
  }
  private setRm8(m: number, v: number): void {
    if (m >= 0xc0) this.bytes[R8[m & 7]!] = v;
    else this.write8(this.eaSeg, this.ea, v);
  }
  private getRm16(m: number): number {
    return m >= 0xc0 ? this.regs[m & 7]! : this.read16(this.eaSeg, this.ea);
  }
  private setRm16(m: number, v: number): void {
    if (m >= 0xc0) this.regs[m & 7] = v;
    else this.write16(this.eaSeg, this.ea, v);
  }
  /** Fetches a ModR/M byte and decodes its memory operand, if it has one. */
  private modrm(): number {
    const m = this.fetch8();
    if (m < 0xc0) this.decode(m);
    return m;
  }

  private setFlags(packed: number): number {
    this.flags = (this.flags & ~ARITHMETIC) | (flagsOf(packed) & ARITHMETIC);
    return result(packed);
  }

  // #region conditions
  /** The condition of jcc/setcc number `cc` (the low nibble of 70-7F and 0F 80-8F). */
  private condition(cc: number): boolean {
    const f = this.flags;
    let t: boolean;
    switch (cc >> 1) {
      case 0: t = (f & OF) !== 0; break;
      case 1: t = (f & CF) !== 0; break;
      case 2: t = (f & ZF) !== 0; break;
      case 3: t = (f & (CF | ZF)) !== 0; break;
      case 4: t = (f & SF) !== 0; break;
      case 5: t = (f & PF) !== 0; break;
      case 6: t = !(f & SF) !== !(f & OF); break;
      default: t = (f & ZF) !== 0 || !(f & SF) !== !(f & OF);
    }
    return (cc & 1) === 0 ? t : !t;
  }
  // #endregion conditions

  /**
   * Leaves run() for the VMM. As KVM does on this machine, an `out` is complete when the exit is seen (rip
   * is past it); an `in` completes on the next run(), which loads what the VMM put in `data` into al/ax.
   */
  private io(direction: "in" | "out", port: number, size: 1 | 2): Exit {
    const data = new Uint8Array(size);
    if (direction === "out") {
      data[0] = this.regs[AX]!;
      if (size === 2) data[1] = this.regs[AX]! >> 8;
    } else {
      this.pending = { at: this.start, next: this.ip, data, size };
      this.ip = this.start;
    }
    return { reason: "io", direction, port, size, count: 1, data };
  }

  /** movs/stos/lods, once or under rep (f2 and f3 both mean rep for these). */
  private string(op: number, rep: boolean): void {
    const step = this.flags & DF ? -1 : 1;
    const w = op & 1;
    const size = w + 1;
    const src = this.override >= 0 ? this.override : DS;
    const r = this.regs;
    for (;;) {
      if (rep) {
        if (r[CX] === 0) return;
        r[CX] = r[CX]! - 1;
      }
      if (op < 0xaa) { // movs
        if (w) this.write16(ES, r[DI]!, this.read16(src, r[SI]!));
        else this.write8(ES, r[DI]!, this.read8(src, r[SI]!));
        r[SI] = r[SI]! + step * size;
        r[DI] = r[DI]! + step * size;
      } else if (op < 0xac) { // stos
        if (w) this.write16(ES, r[DI]!, r[AX]!);
        else this.write8(ES, r[DI]!, this.bytes[0]!);
        r[DI] = r[DI]! + step * size;
      } else { // lods
        if (w) r[AX] = this.read16(src, r[SI]!);
        else this.bytes[0] = this.read8(src, r[SI]!);
        r[SI] = r[SI]! + step * size;
      }
      if (!rep) return;
    }
  }

  /** Executes one instruction; returns an exit when the VMM is needed. */
  private step(): Exit | undefined {
    this.start = this.ip;
    this.override = -1;
    let rep = false;
    let op = this.fetch8();
    for (;;) {
      if (op === 0x26 || op === 0x2e || op === 0x36 || op === 0x3e) this.override = (op >> 3) & 3;
      else if (op === 0xf2 || op === 0xf3) rep = true;
      else break;
      op = this.fetch8();
    }
    const r = this.regs;
    const b = this.bytes;
    if (op < 0x40 && (op & 7) < 6) {
      // #region alu-opcodes
      // 00-3D: the eight ALU operations, each in six forms: rm8,r8  rm16,r16  r8,rm8  r16,rm16  al,imm8  ax,imm16
      const operation = op >> 3;
      const carry = this.flags & CF;
      switch (op & 7) {
        case 0: {
          const m = this.modrm();
          const v = this.setFlags(alu(operation, this.getRm8(m), b[R8[(m >> 3) & 7]!]!, carry, 8));
          if (operation !== 7) this.setRm8(m, v);
          return;
        }
        case 1: {
          const m = this.modrm();
          const v = this.setFlags(alu(operation, this.getRm16(m), r[(m >> 3) & 7]!, carry, 16));
          if (operation !== 7) this.setRm16(m, v);
          return;
        }
        case 2: {
          const m = this.modrm();
          const reg = R8[(m >> 3) & 7]!;
          const v = this.setFlags(alu(operation, b[reg]!, this.getRm8(m), carry, 8));
          if (operation !== 7) b[reg] = v;
          return;
        }
        case 3: {
          const m = this.modrm();
          const reg = (m >> 3) & 7;
          const v = this.setFlags(alu(operation, r[reg]!, this.getRm16(m), carry, 16));
          if (operation !== 7) r[reg] = v;
          return;
        }
        case 4: {
          const v = this.setFlags(alu(operation, b[0]!, this.fetch8(), carry, 8));
          if (operation !== 7) b[0] = v;
          return;
        }
        default: {
          const v = this.setFlags(alu(operation, r[AX]!, this.fetch16(), carry, 16));
          if (operation !== 7) r[AX] = v;
          return;
        }
      }
      // #endregion alu-opcodes
    }
    if (op >= 0x70 && op <= 0x7f) {
      const d = this.fetchS8();
      if (this.condition(op & 15)) this.ip = (this.ip + d) & 0xffff;
      return;
    }
    if (op >= 0x40 && op <= 0x4f) {
      r[op & 7] = this.setFlags(incdec(op >= 0x48, r[op & 7]!, this.flags, 16));
      return;
    }
    if (op >= 0x50 && op <= 0x57) {
      this.push(r[op & 7]!);
      return;
    }
    if (op >= 0x58 && op <= 0x5f) {
      r[op & 7] = this.pop();
      return;
    }
    if (op >= 0xb0 && op <= 0xb7) {
      b[R8[op & 7]!] = this.fetch8();
      return;
    }
    if (op >= 0xb8 && op <= 0xbf) {
      r[op & 7] = this.fetch16();
      return;
    }
    switch (op) {
      case 0x06: case 0x0e: case 0x16: case 0x1e: // push sreg
        this.push(this.selectors[op >> 3]!);
        return;
      case 0x07: case 0x17: case 0x1f: // pop sreg
        this.loadSegment(op >> 3, this.pop());
        return;
      case 0x0f: {
        const op2 = this.fetch8();
        if (op2 < 0x80 || op2 > 0x8f) throw this.unsupported(0x0f, op2);
        const d = this.fetch16();
        if (this.condition(op2 & 15)) this.ip = (this.ip + d) & 0xffff;
        return;
      }
      case 0x68:
        this.push(this.fetch16());
        return;
      case 0x6a:
        this.push(this.fetchS8() & 0xffff);
        return;
      case 0x80: case 0x82: { // group 1: rm8, imm8
        const m = this.modrm();
        const operation = (m >> 3) & 7;
        const v = this.setFlags(alu(operation, this.getRm8(m), this.fetch8(), this.flags & CF, 8));
        if (operation !== 7) this.setRm8(m, v);
        return;
      }
      case 0x81: case 0x83: { // group 1: rm16, imm16 or sign-extended imm8
        const m = this.modrm();
        const operation = (m >> 3) & 7;
        const imm = op === 0x81 ? this.fetch16() : this.fetchS8() & 0xffff;
        const v = this.setFlags(alu(operation, this.getRm16(m), imm, this.flags & CF, 16));
        if (operation !== 7) this.setRm16(m, v);
        return;
      }
      case 0x84: {
        const m = this.modrm();
        this.setFlags(alu(4, this.getRm8(m), b[R8[(m >> 3) & 7]!]!, 0, 8));
        return;
      }
      case 0x85: {
        const m = this.modrm();
        this.setFlags(alu(4, this.getRm16(m), r[(m >> 3) & 7]!, 0, 16));
        return;
      }
      case 0x88: {
        const m = this.modrm();
        this.setRm8(m, b[R8[(m >> 3) & 7]!]!);
        return;
      }
      case 0x89: {
        const m = this.modrm();
        this.setRm16(m, r[(m >> 3) & 7]!);
        return;
      }
      case 0x8a: {
        const m = this.modrm();
        b[R8[(m >> 3) & 7]!] = this.getRm8(m);
        return;
      }
      case 0x8b: {
        const m = this.modrm();
        r[(m >> 3) & 7] = this.getRm16(m);
        return;
      }
      case 0x8c: {
        const m = this.modrm();
        const s = (m >> 3) & 7;
        if (s > 3) throw this.unsupported(op, m);
        this.setRm16(m, this.selectors[s]!);
        return;
      }
      case 0x8d: {
        const m = this.modrm();
        if (m >= 0xc0) throw this.unsupported(op, m);
        r[(m >> 3) & 7] = this.ea;
        return;
      }
      case 0x8e: {
        const m = this.modrm();
        const s = (m >> 3) & 7;
        if (s > 3 || s === CS) throw this.unsupported(op, m);
        this.loadSegment(s, this.getRm16(m));
        return;
      }
      case 0x8f: {
        const m = this.fetch8();
        if (((m >> 3) & 7) !== 0) throw this.unsupported(op, m);
        // pop computes the address after incrementing sp (Intel SDM vol. 2, POP)
        const v = this.pop();
        if (m < 0xc0) this.decode(m);
        this.setRm16(m, v);
        return;
      }
      case 0x90:
        return;
      case 0x9c:
        this.push(this.flags & 0xffff);
        return;
      case 0x9d:
        this.flags = (this.flags & ~POPF_MASK) | (this.pop() & POPF_MASK) | 0x2;
        if (this.flags & TF) throw this.unsupported(op);
        return;
      case 0xa0: case 0xa1: case 0xa2: case 0xa3: { // mov al/ax <-> [moffs16]
        const seg = this.override >= 0 ? this.override : DS;
        const off = this.fetch16();
        if (op === 0xa0) b[0] = this.read8(seg, off);
        else if (op === 0xa1) r[AX] = this.read16(seg, off);
        else if (op === 0xa2) this.write8(seg, off, b[0]!);
        else this.write16(seg, off, r[AX]!);
        return;
      }
      case 0xa4: case 0xa5: case 0xaa: case 0xab: case 0xac: case 0xad:
        this.string(op, rep);
        return;
      case 0xa8:
        this.setFlags(alu(4, b[0]!, this.fetch8(), 0, 8));
        return;
      case 0xa9:
        this.setFlags(alu(4, r[AX]!, this.fetch16(), 0, 16));
        return;
      case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3: { // shifts and rotates
        const m = this.modrm();
        const count = op < 0xd0 ? this.fetch8() : op < 0xd2 ? 1 : b[R8[CX]!]!;
        const operation = (m >> 3) & 7;
        if (op & 1) this.setRm16(m, this.setFlags(shift(operation, this.getRm16(m), count, this.flags, 16)));
        else this.setRm8(m, this.setFlags(shift(operation, this.getRm8(m), count, this.flags, 8)));
        return;
      }
      case 0xc2: {
        const n = this.fetch16();
        this.ip = this.pop();
        r[SP] = r[SP]! + n;
        return;
      }
      case 0xc3:
        this.ip = this.pop();
        return;
      case 0xc6: case 0xc7: {
        const m = this.modrm();
        if (((m >> 3) & 7) !== 0) throw this.unsupported(op, m);
        if (op === 0xc6) this.setRm8(m, this.fetch8());
        else this.setRm16(m, this.fetch16());
        return;
      }
      case 0xe0: case 0xe1: case 0xe2: { // loopne, loope, loop: cx is decremented, flags are not touched
        const d = this.fetchS8();
        const cx = (r[CX] = r[CX]! - 1);
        const zf = (this.flags & ZF) !== 0;
        if (cx !== 0 && (op === 0xe2 || (op === 0xe1) === zf)) this.ip = (this.ip + d) & 0xffff;
        return;
      }
      case 0xe3: {
        const d = this.fetchS8();
        if (r[CX] === 0) this.ip = (this.ip + d) & 0xffff;
        return;
      }
      case 0xe4: case 0xe5:
        return this.io("in", this.fetch8(), op === 0xe4 ? 1 : 2);
      case 0xe6: case 0xe7:
        return this.io("out", this.fetch8(), op === 0xe6 ? 1 : 2);
      case 0xec: case 0xed:
        return this.io("in", r[DX]!, op === 0xec ? 1 : 2);
      case 0xee: case 0xef:
        return this.io("out", r[DX]!, op === 0xee ? 1 : 2);
      case 0xe8: {
        const d = this.fetch16();
        this.push(this.ip);
        this.ip = (this.ip + d) & 0xffff;
        return;
      }
      case 0xe9: {
        const d = this.fetch16();
        this.ip = (this.ip + d) & 0xffff;
        return;
      }
      case 0xeb: {
        const d = this.fetchS8();
        this.ip = (this.ip + d) & 0xffff;
        return;
      }
      case 0xf4:
        return { reason: "hlt" };
      case 0xf5: this.flags ^= CF; return;
      case 0xf8: this.flags &= ~CF; return;
      case 0xf9: this.flags |= CF; return;
      case 0xfa: this.flags &= ~0x200; return;
      case 0xfb: this.flags |= 0x200; return;
      case 0xfc: this.flags &= ~DF; return;
      case 0xfd: this.flags |= DF; return;
      case 0xf6: case 0xf7: { // group 3: test, not, neg (mul and div are outside the subset)
        const m = this.modrm();
        const operation = (m >> 3) & 7;
        const w = op === 0xf7;
        const v = w ? this.getRm16(m) : this.getRm8(m);
        if (operation <= 1) this.setFlags(alu(4, v, w ? this.fetch16() : this.fetch8(), 0, w ? 16 : 8));
        else if (operation === 2) w ? this.setRm16(m, ~v & 0xffff) : this.setRm8(m, ~v & 0xff);
        else if (operation === 3) {
          const n = this.setFlags(neg(v, w ? 16 : 8));
          w ? this.setRm16(m, n) : this.setRm8(m, n);
        } else throw this.unsupported(op, m);
        return;
      }
      case 0xfe: { // group 4: inc, dec rm8
        const m = this.modrm();
        const operation = (m >> 3) & 7;
        if (operation > 1) throw this.unsupported(op, m);
        this.setRm8(m, this.setFlags(incdec(operation === 1, this.getRm8(m), this.flags, 8)));
        return;
      }
      case 0xff: { // group 5: inc, dec, call, jmp, push rm16 (far forms are outside the subset)
        const m = this.modrm();
        const operation = (m >> 3) & 7;
        switch (operation) {
          case 0: case 1:
            this.setRm16(m, this.setFlags(incdec(operation === 1, this.getRm16(m), this.flags, 16)));
            return;
          case 2: {
            const target = this.getRm16(m);
            this.push(this.ip);
            this.ip = target;
            return;
          }
          case 4:
            this.ip = this.getRm16(m);
            return;
          case 6:
            this.push(this.getRm16(m));
            return;
          default:
            throw this.unsupported(op, m);
        }
      }
      default:
        throw this.unsupported(op);
    }
  }

  /** A real-mode segment load: the base is the selector times 16. */
  loadSegment(seg: number, selector: number): void {
    this.selectors[seg] = selector;
    this.bases[seg] = selector * 16;
  }
}
