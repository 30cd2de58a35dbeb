// The software CPU: an interpreter of the 16-bit real-mode subset our assembler writes, in the shape of
// QEMU's TCG (accel/tcg/cpu-exec.c: cpu_exec looks up the translated code for the current address, runs it,
// and translates on a miss). Each instruction is decoded once into a small JavaScript closure (decode.ts),
// kept in a cache by physical address; a write to decoded code throws the cache away, as QEMU's
// tb_invalidate_phys_page does. run() stops for the same reasons KVM_RUN returns: port I/O, hlt, and what
// it cannot do.
import { ARITHMETIC, CF, flagsOf, OF, PF, result, SF, ZF } from "./flags.ts";
import { translate, type Handler } from "./decode.ts";
import { CS_LOADED } from "./far.ts";
import type { Exit } from "../vcpu.ts";

/** Segment register numbers, as the instruction encoding numbers them. */
export const ES = 0;
export const CS = 1;
export const SS = 2;
export const DS = 3;
export const AX = 0, CX = 1, DX = 2, BX = 3, SP = 4, BP = 5, SI = 6, DI = 7;
/** Byte offsets of al, cl, dl, bl, ah, ch, dh, bh inside the eight 16-bit registers (little-endian). */
export const R8 = [0, 2, 4, 6, 1, 3, 5, 7];

/** Thrown inside an instruction to leave run() with an exit (MMIO, a fetch outside memory). */
export class Stop {
  constructor(readonly exit: Exit) {}
}

export const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

/** An `in` waiting for the VMM's answer, completed when run() is called again. */
export interface PendingIn {
  /** Where the instruction starts; it completes only if the VMM left ip there (KVM does the same). */
  at: number;
  /** Loads the data the VMM put in the exit and moves ip on. */
  complete: (c: Cpu) => void;
}

export class Cpu {
  /** ax, cx, dx, bx, sp, bp, si, di. */
  readonly regs = new Uint16Array(8);
  /** The same registers byte by byte: al = bytes[0], ah = bytes[1], ... */
  readonly bytes = new Uint8Array(this.regs.buffer);
  /** es, cs, ss, ds: selectors and the bases the CPU adds (selector * 16 in real mode). */
  readonly selectors = new Uint16Array(4);
  readonly bases = new Int32Array(4);
  ip = 0;
  flags = 0x2;
  /** Guest instructions executed so far (a rep instruction counts once). */
  instructions = 0;
  /** Stop with { reason: "interrupted" } once `instructions` reaches this. */
  budget = Infinity;
  /** Stop with { reason: "interrupted" } once performance.now() passes this. */
  deadline = Infinity;
  pending: PendingIn | null = null;
  /** An MMIO access waiting for the VMM, and the answers to replay while its instruction runs again. */
  private mmioWait: { data: Uint8Array; isWrite: boolean } | null = null;
  private replay: number[] | null = null;
  private replayAt = 0;
  /** The decoded instructions by physical address, which bytes of memory they were decoded from, and a
   *  list of those bytes (to forget them all quickly). */
  private readonly cache: (Handler | undefined)[];
  private readonly code: Uint8Array;
  private readonly decoded: number[] = [];

  constructor(readonly memory: Uint8Array) {
    this.code = new Uint8Array(memory.length);
    // a packed array with a slot per byte (a sparse one would be a slow dictionary)
    this.cache = new Array<Handler | undefined>(memory.length).fill(undefined);
  }

  // #region run
  run(): Exit {
    // The VMM may have written guest memory while the vCPU was out: decode afresh.
    this.invalidate();
    const wait = this.mmioWait;
    if (wait) {
      this.mmioWait = null;
      (this.replay ??= []).push(wait.isWrite ? 0 : wait.data[0]! | ((wait.data[1] ?? 0) << 8));
    }
    const cache = this.cache;
    // The base of cs changes only by a far jmp, call or ret, int or iret: those return CS_LOADED.
    let csBase = this.bases[CS]!;
    let n = this.instructions;
    try {
      const pending = this.pending;
      if (pending) {
        this.pending = null;
        if (this.ip === pending.at) pending.complete(this);
      }
      if (this.replay !== null) {
        // the instruction an MMIO exit abandoned, once more, with the VMM's answers
        this.replayAt = 0;
        const at = csBase + this.ip;
        const handler = cache[at] ?? this.translate(at);
        n++;
        const exit = handler(this);
        this.replay = null;
        if (exit === CS_LOADED) csBase = this.csLoaded(csBase);
        else if (exit !== undefined) return exit;
      }
      for (;;) {
        const slice = Math.min(this.budget - n, 1 << 16);
        if (slice <= 0 || performance.now() > this.deadline) return { reason: "interrupted" };
        const end = n + slice;
        while (n < end) {
          const at = csBase + this.ip;
          const handler = cache[at] ?? this.translate(at);
          n++;
          const exit = handler(this);
          if (exit !== undefined) {
            if (exit !== CS_LOADED) return exit;
            csBase = this.csLoaded(csBase);
          }
        }
        this.instructions = n;
      }
    } catch (e) {
      if (e instanceof Stop) return e.exit;
      throw e;
    } finally {
      this.instructions = n;
    }
  }
  // #endregion run

  /**
   * After cs was loaded: its new base. Decoded instructions know their ip, not their cs, so when the base
   * moves they are forgotten (the same bytes may now be reached at another ip).
   */
  private csLoaded(oldBase: number): number {
    const base = this.bases[CS]!;
    if (base !== oldBase) this.invalidate();
    return base;
  }

  private translate(at: number): Handler {
    const [handler, length] = translate(this);
    this.cache[at] = handler;
    for (let i = 0; i < length; i++) {
      const a = this.address(CS, (this.ip + i) & 0xffff);
      this.code[a] = 1;
      this.decoded.push(a);
    }
    return handler;
  }

  /** Forgets every decoded instruction. */
  invalidate(): void {
    for (const a of this.decoded) {
      this.cache[a] = undefined;
      this.code[a] = 0;
    }
    this.decoded.length = 0;
  }

  /** The physical address of cs:offset for an instruction fetch; there must be memory there. */
  address(seg: number, offset: number): number {
    const a = this.bases[seg]! + offset;
    if (a >>> 0 >= this.memory.length) {
      throw new Stop({
        reason: "unsupported",
        message: `instruction fetch at ${hex(a >>> 0, 5)} (${hex(this.selectors[seg]!, 4)}:${hex(offset, 4)}) is outside guest memory (${this.memory.length / 1024} KiB)`,
      });
    }
    return a;
  }

  // #region mmio
  /**
   * An access to a guest-physical address with no memory behind it: a KVM_EXIT_MMIO. The instruction is
   * abandoned (ip stays on it) and run again by the next run(), which then replays the VMM's answers to
   * its accesses in order instead of exiting again.
   */
  private mmio(a: number, size: 1 | 2, isWrite: boolean, value: number): number {
    const replay = this.replay;
    if (replay !== null && this.replayAt < replay.length) return replay[this.replayAt++]!;
    const data = new Uint8Array(size);
    if (isWrite) {
      data[0] = value;
      if (size === 2) data[1] = value >> 8;
    }
    this.mmioWait = { data, isWrite };
    throw new Stop({ reason: "mmio", phys_addr: a, is_write: isWrite, data });
  }
  // #endregion mmio

  read8(seg: number, offset: number): number {
    const a = this.bases[seg]! + offset;
    if (a >>> 0 >= this.memory.length) return this.mmio(a >>> 0, 1, false, 0);
    return this.memory[a]!;
  }
  read16(seg: number, offset: number): number {
    const a = this.bases[seg]! + offset;
    const b = this.bases[seg]! + ((offset + 1) & 0xffff);
    if (a >>> 0 >= this.memory.length || b >>> 0 >= this.memory.length) return this.mmio(a >>> 0, 2, false, 0);
    return this.memory[a]! | (this.memory[b]! << 8);
  }
  write8(seg: number, offset: number, v: number): void {
    const a = this.bases[seg]! + offset;
    if (a >>> 0 >= this.memory.length) {
      this.mmio(a >>> 0, 1, true, v);
      return;
    }
    if (this.code[a] !== 0) this.invalidate();
    this.memory[a] = v;
  }
  write16(seg: number, offset: number, v: number): void {
    const a = this.bases[seg]! + offset;
    const b = this.bases[seg]! + ((offset + 1) & 0xffff);
    if (a >>> 0 >= this.memory.length || b >>> 0 >= this.memory.length) {
      this.mmio(a >>> 0, 2, true, v);
      return;
    }
    if (this.code[a] !== 0 || this.code[b] !== 0) this.invalidate();
    this.memory[a] = v;
    this.memory[b] = v >> 8;
  }

  /** Called by rep string instructions after each element: the replayed accesses were those of this one. */
  elementDone(): void {
    if (this.replay !== null) {
      this.replay = [];
      this.replayAt = 0;
    }
  }

  push(v: number): void {
    const sp = (this.regs[SP]! - 2) & 0xffff;
    this.write16(SS, sp, v);
    this.regs[SP] = sp;
  }
  pop(): number {
    const sp = this.regs[SP]!;
    const v = this.read16(SS, sp);
    this.regs[SP] = (sp + 2) & 0xffff;
    return v;
  }

  /** Takes the flags of an ALU result (flags.ts packs them above the result) and returns the result. */
  setFlags(packed: number): number {
    this.flags = (this.flags & ~ARITHMETIC) | (flagsOf(packed) & ARITHMETIC);
    return result(packed);
  }

  // #region conditions
  /** The condition of jcc number `cc` (the low nibble of 70-7F and 0F 80-8F). */
  condition(cc: number): boolean {
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

  /** A real-mode segment load: the base is the selector times 16. */
  loadSegment(seg: number, selector: number): void {
    this.selectors[seg] = selector;
    this.bases[seg] = selector * 16;
  }
}
