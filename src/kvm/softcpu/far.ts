// Transfers that load cs: far jmp, call and ret, int and iret, and the exceptions real mode delivers through
// the interrupt vector table (IVT), 256 four-byte entries (offset, then segment) at physical address 0.
// Intel SDM vol. 3, 20.1.4 "Interrupt and Exception Handling" (real-address mode); vol. 2: INT n, IRET,
// JMP, CALL, RET. Each returns CS_LOADED, so that run() picks up the new code segment.
import { IF, TF } from "./flags.ts";
import { CS, SP, type Cpu } from "./cpu.ts";

/** The vector of the divide error (#DE), raised by div and idiv. */
export const DIVIDE_ERROR = 0;
/** The vector int3 (CC) raises, and the one into (CE) raises when OF is set. */
export const BREAKPOINT = 3;
export const OVERFLOW = 4;

/** Returned by an instruction that loaded cs: run() re-reads the code segment's base. */
export const CS_LOADED: unique symbol = Symbol("cs loaded");

/** The flags iret may load in real mode: the arithmetic flags, TF, IF, DF, IOPL and NT (as popf). */
export const POPF_MASK = 0x7fd5;

export function farJump(c: Cpu, selector: number, offset: number): typeof CS_LOADED {
  c.loadSegment(CS, selector);
  c.ip = offset;
  return CS_LOADED;
}

/** call far: pushes cs, then the offset to return to. */
export function farCall(c: Cpu, selector: number, offset: number, returnIp: number): typeof CS_LOADED {
  c.push(c.selectors[CS]!);
  c.push(returnIp);
  return farJump(c, selector, offset);
}

/** ret far (CB, or CA with the number of bytes of arguments to drop): pops the offset, then cs. */
export function farReturn(c: Cpu, drop: number): typeof CS_LOADED {
  const offset = c.pop();
  const selector = c.pop();
  c.regs[SP] = c.regs[SP]! + drop;
  return farJump(c, selector, offset);
}

// #region interrupt
/**
 * An interrupt or exception in real mode: push the flags, cs and the ip to return to; clear IF and TF;
 * jump to the handler the IVT names for `vector`. `returnIp` is the next instruction for int n, and the
 * faulting instruction itself for an exception such as #DE.
 */
export function interrupt(c: Cpu, vector: number, returnIp: number): typeof CS_LOADED {
  c.push(c.flags & 0xffff);
  c.flags &= ~(IF | TF);
  c.push(c.selectors[CS]!);
  c.push(returnIp);
  const m = c.memory;
  const entry = vector * 4;
  return farJump(c, m[entry + 2]! | (m[entry + 3]! << 8), m[entry]! | (m[entry + 1]! << 8));
}

/** iret: pops ip, cs and the flags that int pushed. */
export function iret(c: Cpu): typeof CS_LOADED {
  const offset = c.pop();
  const selector = c.pop();
  c.flags = (c.flags & ~POPF_MASK) | (c.pop() & POPF_MASK) | 0x2;
  return farJump(c, selector, offset);
}
// #endregion interrupt
