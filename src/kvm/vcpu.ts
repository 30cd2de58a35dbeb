// The interface every accelerator implements: KVM through the native shim (src/kvm/kvm.ts) and the software
// CPU (src/kvm/softcpu/). The VMM's run loop (src/kvm/run-loop.ts) and the devices see only this, so the same
// guest, the same port bus and the same UART run on either.
//
// It mirrors the KVM API (Linux Documentation/virt/kvm/api.rst): registers as in struct kvm_regs and
// struct kvm_sregs, and run() returns when the guest needs the VMM, like ioctl(KVM_RUN) with kvm_run's
// exit_reason. Register values are JavaScript numbers (the kernel's are __u64; the guests here never set
// bits above 2^53).

// #region regs
/** struct kvm_regs (arch/x86/include/uapi/asm/kvm.h): the general registers, rip and rflags. */
export interface Regs {
  rax: number; rbx: number; rcx: number; rdx: number;
  rsi: number; rdi: number; rsp: number; rbp: number;
  r8: number; r9: number; r10: number; r11: number;
  r12: number; r13: number; r14: number; r15: number;
  rip: number; rflags: number;
}

/** struct kvm_segment: a segment register with its hidden part (base, limit, attributes). */
export interface Segment {
  base: number; limit: number; selector: number;
  type: number; present: number; dpl: number; db: number; s: number; l: number; g: number; avl: number;
}

/** struct kvm_dtable: the GDT or IDT register. */
export interface DescriptorTable { base: number; limit: number }

/** struct kvm_sregs: segments, descriptor tables, control registers and EFER. */
export interface Sregs {
  cs: Segment; ds: Segment; es: Segment; fs: Segment; gs: Segment; ss: Segment;
  tr: Segment; ldt: Segment;
  gdt: DescriptorTable; idt: DescriptorTable;
  cr0: number; cr2: number; cr3: number; cr4: number; cr8: number;
  efer: number; apic_base: number;
}
// #endregion regs

// #region exit
/**
 * Why run() returned: kvm_run.exit_reason and its union, decoded.
 * For an "io" exit with direction "in", the VMM writes the value(s) into `data` before the next run(),
 * exactly as a VMM writes into the kvm_run page at io.data_offset.
 */
export type Exit =
  | {
      reason: "io";
      direction: "in" | "out";
      port: number;
      /** Bytes per access: 1, 2 or 4. */
      size: 1 | 2 | 4;
      /** Accesses: 1, or more for string I/O (rep outsb/insb). */
      count: number;
      /** The accesses' bytes, size * count of them from its start: what the guest wrote, or where the VMM
       *  puts what the guest reads. On KVM, a view of kvm_run's mapping from io.data_offset to its end. */
      data: Uint8Array;
    }
  | {
      reason: "mmio";
      /** Guest-physical address of the access. */
      phys_addr: number;
      is_write: boolean;
      /** 1..8 bytes: what the guest wrote, or where the VMM puts what it reads. */
      data: Uint8Array;
    }
  /** The guest executed hlt (KVM_EXIT_HLT). */
  | { reason: "hlt" }
  /** The CPU shut down: a triple fault (KVM_EXIT_SHUTDOWN). */
  | { reason: "shutdown" }
  /** The hardware refused to enter the guest (KVM_EXIT_FAIL_ENTRY): a VMX/SVM exit reason code. */
  | { reason: "fail-entry"; hardware_entry_failure_reason: number }
  /** KVM could not go on (KVM_EXIT_INTERNAL_ERROR), e.g. suberror 1: an instruction it cannot emulate. */
  | { reason: "internal-error"; suberror: number; data: number[] }
  /** run() was interrupted by the timer armed with setTimeout() (KVM_EXIT_INTR after EINTR). */
  | { reason: "interrupted" }
  /** The accelerator cannot run this guest any further: an exit code it does not know, an opcode the
   *  software CPU does not implement. `message` is one line for the user. */
  | { reason: "unsupported"; message: string };
// #endregion exit

/** An I/O exit. KVM's vCPU refills one such record on every I/O exit: it is valid until the next run(). */
export type IoExit = Extract<Exit, { reason: "io" }>;

// #region vcpu
export interface Vcpu {
  getRegs(): Regs;
  setRegs(regs: Regs): void;
  getSregs(): Sregs;
  setSregs(sregs: Sregs): void;
  /** Run the guest until it needs the VMM. The exit is valid until the next run(): like the kernel's
   *  kvm_run page, an accelerator may refill the same record every time. */
  run(): Exit;
  /**
   * Arrange for run() to return { reason: "interrupted" } once `ms` milliseconds have passed, even if the
   * guest never exits by itself (0 disarms). KVM: a timer signal to this thread plus kvm_run.immediate_exit.
   */
  setTimeout(ms: number): void;
  /**
   * Optional: answer accesses to ports no device claims (a clear bit in PortBus.claimed) inside the
   * accelerator, as the bus would (reads see all ones), without returning from run(). null turns it off.
   */
  answerUnclaimedPorts?(claimed: Uint8Array | null): void;
}

/** A virtual machine of one accelerator: its guest-physical memory (from address 0) and its vCPUs. */
export interface VmBackend {
  /** Guest-physical memory, zero-copy: the guest sees writes made here and the other way round. */
  readonly memory: Uint8Array;
  createVcpu(): Vcpu;
  /** Release every file descriptor and mapping. The VM must not be used afterwards. */
  close(): void;
}

export interface Accelerator {
  readonly name: "kvm" | "soft";
  /** Create a VM with `memoryBytes` of guest memory (a multiple of 4096). */
  createVm(memoryBytes: number): VmBackend;
}
// #endregion vcpu

/** The register values a real-mode boot sector starts with at 0000:7c00, on KVM and on the software CPU. */
export function emptyRegs(): Regs {
  return {
    rax: 0, rbx: 0, rcx: 0, rdx: 0, rsi: 0, rdi: 0, rsp: 0, rbp: 0,
    r8: 0, r9: 0, r10: 0, r11: 0, r12: 0, r13: 0, r14: 0, r15: 0,
    rip: 0, rflags: 0x2,
  };
}

/** A real-mode segment: base = selector * 16, 64 KiB limit, as after reset (Intel SDM vol. 3, 9.1.4). */
export function realModeSegment(selector: number, code = false): Segment {
  return {
    base: selector * 16, limit: 0xffff, selector,
    type: code ? 0xb : 0x3, present: 1, dpl: 0, db: 0, s: 1, l: 0, g: 0, avl: 0,
  };
}
