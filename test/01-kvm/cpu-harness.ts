// Runs a real-mode program through the whole VMM (src/kvm/vm.ts: port bus, UART, isa-debug-exit, run loop)
// on an accelerator, and records what the differential test compares: the bytes sent to COM1, how the run
// ended, the registers and flags, and the program's 64-byte buffer.
import { assemble } from "../../src/kvm/asm/assemble.ts";
import type { Accelerator, Regs } from "../../src/kvm/vcpu.ts";
import { Vm, type Outcome } from "../../src/kvm/vm.ts";

export interface Observed {
  serial: number[];
  outcome: Outcome;
  regs: Pick<Regs, "rax" | "rbx" | "rcx" | "rdx" | "rsi" | "rdi" | "rsp" | "rbp" | "rip" | "rflags">;
  /** Memory from the `buf` label on, 64 bytes (none when the program has no such label). */
  buffer: number[];
}

export function observe(accel: Accelerator, image: Uint8Array, options: { regs?: Partial<Regs>; buffer?: number; timeoutMs?: number; unclaimedPortsInAccelerator?: boolean } = {}): Observed {
  const serial: number[] = [];
  const vm = new Vm({ accel, memory: 64 << 10, serial: (b) => serial.push(b), timeoutMs: options.timeoutMs ?? 5000, unclaimedPortsInAccelerator: options.unclaimedPortsInAccelerator });
  try {
    vm.loadBootSector(image, options.regs);
    const outcome = vm.run();
    const r = vm.vcpu.getRegs();
    const at = options.buffer;
    return {
      serial,
      outcome,
      regs: { rax: r.rax, rbx: r.rbx, rcx: r.rcx, rdx: r.rdx, rsi: r.rsi, rdi: r.rdi, rsp: r.rsp, rbp: r.rbp, rip: r.rip, rflags: r.rflags },
      buffer: at === undefined ? [] : [...vm.memory.subarray(at, at + 64)],
    };
  } finally {
    vm.close();
  }
}

/** Assembles a program with our assembler and observes it. */
export function observeSource(accel: Accelerator, source: string): Observed {
  const { bytes, symbols } = assemble(source);
  return observe(accel, bytes, { buffer: symbols.get("buf") });
}
