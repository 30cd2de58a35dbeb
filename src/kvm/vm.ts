// The VMM: one VM with one vCPU, the port bus with the UART and isa-debug-exit, and the run loop that
// answers the vCPU's exits until the guest halts or exits. It runs on any Accelerator: KVM or the software CPU.
// QEMU 7.2 accel/kvm/kvm-all.c: kvm_cpu_exec is the run loop; hw/i386/pc.c wires COM1 and the debug port.
import { DEBUG_EXIT_PORT, DebugExit } from "./debugexit.ts";
import { hex, PortBus } from "./ioport.ts";
import { LONG_MODE_MEMORY, longModeRegs } from "./long-mode.ts";
import { kvm_handle_io, setupLongMode } from "./seams.ts";
import { COM1, Serial } from "./serial.ts";
import { emptyRegs, realModeSegment, type Accelerator, type Exit, type Regs, type Vcpu, type VmBackend } from "./vcpu.ts";

export const PAGE_SIZE = 4096;
/** Where a BIOS loads the boot sector and jumps to it, at 0000:7c00 (the IBM PC BIOS, 1981). */
export const BOOT_SECTOR_ADDR = 0x7c00;

export interface VmConfig {
  accel: Accelerator;
  /** Guest memory in bytes: a multiple of 4096. */
  memory: number;
  /** Every byte the guest sends to the UART. */
  serial: (byte: number) => void;
  /** Hears one line per exit and per unhandled port (the --trace option). */
  trace?: (line: string) => void;
  /** Stop a guest that runs longer than this (0: never). */
  timeoutMs?: number;
  /** Let the accelerator answer accesses to ports no device claims by itself, where it can (the KVM shim
   *  does), instead of returning each one to the run loop. Off with `trace`, which shows every exit. */
  unclaimedPortsInAccelerator?: boolean;
}

/** How a run ended: the guest halted, wrote to isa-debug-exit, or could not go on. */
export type Outcome = { kind: "halted" } | { kind: "exited"; status: number } | { kind: "failed"; message: string };

/** The exit status of the `vm` command for an outcome: 0 on hlt, the isa-debug-exit status, 1 on failure. */
export function exitStatus(outcome: Outcome): number {
  return outcome.kind === "halted" ? 0 : outcome.kind === "exited" ? outcome.status : 1;
}

/** Parses a memory size: bytes, or with K, M or G. Must be a multiple of 4 KiB. */
export function parseMemory(text: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(text.trim());
  if (!m) throw new Error(`--mem ${text}: expected a size such as 64K, 2M or 1G`);
  const bytes = Number(m[1]) * { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  checkMemory(bytes);
  return bytes;
}

export function checkMemory(bytes: number): void {
  if (bytes <= 0 || bytes % PAGE_SIZE !== 0) {
    throw new Error(`guest memory of ${bytes} bytes is not a multiple of 4 KiB (4096): KVM maps memory in whole pages; try ${Math.max(1, Math.ceil(bytes / PAGE_SIZE)) * 4}K`);
  }
}

export class Vm {
  readonly bus: PortBus;
  readonly serial: Serial;
  readonly debugExit = new DebugExit();
  readonly backend: VmBackend;
  readonly vcpu: Vcpu;
  private readonly trace?: (line: string) => void;

  constructor(private readonly config: VmConfig) {
    checkMemory(config.memory);
    this.trace = config.trace;
    this.bus = new PortBus((port, direction) =>
      this.trace?.(`unhandled ${direction} port ${hex(port)}${direction === "in" ? ": reads all ones (0xff), as on real hardware" : ": ignored"} (reported once)`));
    this.serial = new Serial(config.serial);
    this.bus.register(COM1, 8, this.serial);
    this.bus.register(DEBUG_EXIT_PORT, 4, this.debugExit);
    this.backend = config.accel.createVm(config.memory);
    try {
      this.vcpu = this.backend.createVcpu();
    } catch (e) {
      this.backend.close();
      throw e;
    }
    if (config.unclaimedPortsInAccelerator && !config.trace) this.vcpu.answerUnclaimedPorts?.(this.bus.claimed);
  }

  get memory(): Uint8Array {
    return this.backend.memory;
  }

  private load(image: Uint8Array, at: number): void {
    if (at + image.length > this.config.memory) {
      const needed = Math.ceil((at + image.length) / PAGE_SIZE) * 4;
      throw new Error(`the image (${image.length} bytes at ${hex(at)}) is larger than guest memory (${this.config.memory / 1024}K): use --mem ${needed}K or more`);
    }
    this.memory.set(image, at);
  }

  // #region real-mode
  /** Loads a boot sector at 0x7c00 and points the vCPU at 0000:7c00 in real mode, as a BIOS leaves it. */
  loadBootSector(image: Uint8Array, regs: Partial<Regs> = {}): void {
    this.load(image, BOOT_SECTOR_ADDR);
    const sregs = this.vcpu.getSregs();
    sregs.cs = realModeSegment(0, true);
    sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = realModeSegment(0);
    this.vcpu.setSregs(sregs);
    this.vcpu.setRegs({ ...emptyRegs(), rip: BOOT_SECTOR_ADDR, rsp: BOOT_SECTOR_ADDR, ...regs });
  }
  // #endregion real-mode

  /** Loads 64-bit code at guest address 0 and enters long mode directly (KVM only). */
  loadLongMode(image: Uint8Array): void {
    if (this.config.memory < LONG_MODE_MEMORY) throw new Error(`long mode needs at least 2M of guest memory (--mem 2M) for its 2 MiB page`);
    this.load(image, 0);
    const sregs = this.vcpu.getSregs();
    setupLongMode(this.memory, sregs);
    this.vcpu.setSregs(sregs);
    this.vcpu.setRegs(longModeRegs(this.vcpu.getRegs()));
  }

  // #region run-loop
  /** Runs the guest until it halts, writes to isa-debug-exit, or fails. QEMU: kvm_cpu_exec. */
  run(): Outcome {
    const timeoutMs = this.config.timeoutMs ?? 0;
    const deadline = performance.now() + timeoutMs;
    if (timeoutMs > 0) this.vcpu.setTimeout(timeoutMs);
    try {
      for (;;) {
        const exit = this.vcpu.run();
        if (exit.reason === "io") kvm_handle_io(this.bus, exit.port, exit.data, exit.direction, exit.size, exit.count);
        // No memory-mapped devices: reads see all ones, writes go nowhere.
        if (exit.reason === "mmio" && !exit.is_write) exit.data.fill(0xff);
        if (this.trace) this.trace(describeExit(exit));
        switch (exit.reason) {
          case "io":
            if (this.debugExit.status !== undefined) return { kind: "exited", status: this.debugExit.status };
            break;
          case "mmio":
            break;
          case "hlt":
            return { kind: "halted" };
          case "interrupted":
            if (timeoutMs > 0 && performance.now() >= deadline - 1) {
              return { kind: "failed", message: `the guest did not halt within ${timeoutMs / 1000} s: stopped at ${this.where()} (raise --timeout, or end the guest with hlt or isa-debug-exit)` };
            }
            break;
          case "unsupported": // the accelerator's message already says where
            return { kind: "failed", message: failure(exit) };
          default:
            return { kind: "failed", message: `${failure(exit)} at ${this.where()}` };
        }
      }
    } finally {
      if (timeoutMs > 0) this.vcpu.setTimeout(0);
    }
  }
  // #endregion run-loop

  /** Where the vCPU is: cs:ip in real mode, rip otherwise. */
  private where(): string {
    const regs = this.vcpu.getRegs();
    const sregs = this.vcpu.getSregs();
    if (sregs.cr0 & 1) return `rip ${hex(regs.rip, 4)}`;
    return `${sregs.cs.selector.toString(16).padStart(4, "0")}:${(regs.rip & 0xffff).toString(16).padStart(4, "0")}`;
  }

  /** Releases the VM's file descriptors and mappings. */
  close(): void {
    this.backend.close();
  }
}

// #region exit-messages
/** A readable one-line account of an exit that ends the run. */
export function failure(exit: Exit): string {
  switch (exit.reason) {
    case "shutdown":
      return "the guest triple-faulted (KVM_EXIT_SHUTDOWN: a fault while delivering a double fault; real hardware resets)";
    case "fail-entry":
      return `the CPU refused to enter the guest (KVM_EXIT_FAIL_ENTRY, hardware_entry_failure_reason ${hex(exit.hardware_entry_failure_reason)}${
        (exit.hardware_entry_failure_reason & 0xffff) === 33 ? ": invalid guest state, check sregs" : ""})`;
    case "internal-error":
      return `KVM internal error (KVM_EXIT_INTERNAL_ERROR, suberror ${exit.suberror}: ${INTERNAL_ERRORS[exit.suberror] ?? "unknown"})`;
    case "unsupported":
      return exit.message;
    default:
      return `unexpected exit ${exit.reason}`;
  }
}

/** KVM_INTERNAL_ERROR_* suberrors, include/uapi/linux/kvm.h. */
const INTERNAL_ERRORS: Record<number, string> = {
  1: "KVM_INTERNAL_ERROR_EMULATION: an instruction KVM cannot emulate",
  2: "KVM_INTERNAL_ERROR_SIMUL_EX: an exception while delivering another",
  3: "KVM_INTERNAL_ERROR_DELIVERY_EV: an exit while delivering an event",
  4: "KVM_INTERNAL_ERROR_UNEXPECTED_EXIT_REASON",
};
// #endregion exit-messages

/** One --trace line: the exit's reason and details. */
export function describeExit(exit: Exit): string {
  switch (exit.reason) {
    case "io": {
      const bytes = Array.from(exit.data.subarray(0, exit.size * exit.count), (b) => b.toString(16).padStart(2, "0")).join(" ");
      return `exit io ${exit.direction} port ${hex(exit.port, 4)} size ${exit.size}${exit.count > 1 ? ` count ${exit.count}` : ""} data ${bytes}`;
    }
    case "mmio":
      return `exit mmio ${exit.is_write ? "write" : "read"} ${hex(exit.phys_addr)} len ${exit.data.length}`;
    case "fail-entry":
    case "internal-error":
    case "shutdown":
    case "unsupported":
      return `exit ${exit.reason}: ${failure(exit)}`;
    default:
      return `exit ${exit.reason}`;
  }
}
