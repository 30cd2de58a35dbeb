// The structures the KVM API shares with the VMM, declared byte by byte. The shim hands us raw bytes
// (the kvm_run mapping, and buffers for KVM_GET_REGS/KVM_GET_SREGS); this file gives them names.
// Linux include/uapi/linux/kvm.h (struct kvm_run) and arch/x86/include/uapi/asm/kvm.h (struct kvm_regs,
// struct kvm_sregs, struct kvm_segment, struct kvm_dtable), x86-64. test/01-kvm/structs.test.ts checks every
// offset here against the C compiler's offsetof on this machine's headers.
import type { DescriptorTable, IoExit, Regs, Segment, Sregs } from "./vcpu.ts";

// #region kvm-run
/** Offsets in struct kvm_run. */
export const KVM_RUN = {
  request_interrupt_window: 0, // __u8
  immediate_exit: 1, // __u8: set to 1 and KVM_RUN returns EINTR at once
  exit_reason: 8, // __u32: KVM_EXIT_*
  ready_for_interrupt_injection: 12, // __u8
  if_flag: 13, // __u8
  flags: 14, // __u16
  cr8: 16, // __u64
  apic_base: 24, // __u64
  /** The union of per-exit structures starts here. */
  exit: 32,
  io: { direction: 32, size: 33, port: 34, count: 36, data_offset: 40 }, // __u8 __u8 __u16 __u32 __u64
  mmio: { phys_addr: 32, data: 40, len: 48, is_write: 52 }, // __u64 __u8[8] __u32 __u8
  fail_entry: { hardware_entry_failure_reason: 32, cpu: 40 }, // __u64 __u32
  internal: { suberror: 32, ndata: 36, data: 40 }, // __u32 __u32 __u64[16]
} as const;

/** kvm_run.exit_reason values (KVM_EXIT_*). */
export const KVM_EXIT_UNKNOWN = 0;
export const KVM_EXIT_EXCEPTION = 1;
export const KVM_EXIT_IO = 2;
export const KVM_EXIT_HYPERCALL = 3;
export const KVM_EXIT_DEBUG = 4;
export const KVM_EXIT_HLT = 5;
export const KVM_EXIT_MMIO = 6;
export const KVM_EXIT_IRQ_WINDOW_OPEN = 7;
export const KVM_EXIT_SHUTDOWN = 8;
export const KVM_EXIT_FAIL_ENTRY = 9;
export const KVM_EXIT_INTR = 10;
export const KVM_EXIT_INTERNAL_ERROR = 17;

/** kvm_run.io.direction. */
export const KVM_EXIT_IO_IN = 0;
export const KVM_EXIT_IO_OUT = 1;
// #endregion kvm-run

// #region kvm-run-views
/**
 * One vCPU's kvm_run mapping seen through typed arrays, made once when the vCPU is created. Reading a field
 * is then one array load, as `run->io.port` is in C: `u16[KVM_RUN.io.port / 2]`. Nothing here is made per
 * exit, because making a view (a DataView, a subarray) costs more than all the reading of an exit. Typed
 * arrays use the host's byte order, which on x86 is the kernel's: little-endian.
 */
export class KvmRun {
  readonly u8: Uint8Array;
  readonly u16: Uint16Array;
  readonly u32: Uint32Array;
  /** The record of an I/O exit, refilled by every KVM_EXIT_IO, as the kernel refills kvm_run itself. */
  readonly io: IoExit;
  private dataOffset = -1;
  private dataView: Uint8Array;

  constructor(area: ArrayBuffer) {
    this.u8 = new Uint8Array(area);
    this.u16 = new Uint16Array(area);
    this.u32 = new Uint32Array(area);
    this.dataView = this.u8;
    this.io = { reason: "io", direction: "out", port: 0, size: 1, count: 0, data: this.u8 };
  }

  /** A __u64 field as a number: its two __u32 halves (the values read here stay below 2^53). */
  u64(offset: number): number {
    return this.u32[offset >> 2]! + this.u32[(offset >> 2) + 1]! * 2 ** 32;
  }

  /** The bytes from `offset` to the end of the mapping. The view is kept: KVM puts the data of port I/O at
   *  the same data_offset on every exit (the page after struct kvm_run, KVM_PIO_PAGE_OFFSET). */
  bytesFrom(offset: number): Uint8Array {
    if (offset !== this.dataOffset) {
      this.dataView = this.u8.subarray(offset);
      this.dataOffset = offset;
    }
    return this.dataView;
  }
}
// #endregion kvm-run-views

// #region kvm-regs
/** struct kvm_regs: eighteen __u64 in this order. */
export const KVM_REGS_FIELDS = [
  "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp",
  "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
  "rip", "rflags",
] as const satisfies readonly (keyof Regs)[];
export const KVM_REGS_SIZE = 18 * 8;
// #endregion kvm-regs

// #region kvm-sregs
/** struct kvm_segment (24 bytes): __u64 base, __u32 limit, __u16 selector, then one __u8 per attribute. */
export const KVM_SEGMENT = {
  base: 0, limit: 8, selector: 12,
  type: 14, present: 15, dpl: 16, db: 17, s: 18, l: 19, g: 20, avl: 21, unusable: 22, // padding: 23
  size: 24,
} as const;
/** struct kvm_dtable (16 bytes): __u64 base, __u16 limit, __u16 padding[3]. */
export const KVM_DTABLE = { base: 0, limit: 8, size: 16 } as const;

/** struct kvm_sregs: eight segments, two tables, control registers, EFER, APIC base, an interrupt bitmap. */
export const KVM_SREGS = {
  segments: ["cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt"] as const, // 8 x 24 bytes from 0
  gdt: 192, idt: 208,
  cr0: 224, cr2: 232, cr3: 240, cr4: 248, cr8: 256, efer: 264, apic_base: 272,
  interrupt_bitmap: 280, // __u64[4]
  size: 312,
} as const;
// #endregion kvm-sregs

// A __u64 as two little-endian __u32 halves: the values here stay below 2^53, and no BigInt is made.
const u64 = (view: DataView, at: number): number => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
const setU64 = (view: DataView, at: number, value: number): void => {
  view.setUint32(at, value >>> 0, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
};

export function decodeRegs(bytes: Uint8Array): Regs {
  const view = new DataView(bytes.buffer, bytes.byteOffset, KVM_REGS_SIZE);
  const regs = {} as Regs;
  KVM_REGS_FIELDS.forEach((name, i) => (regs[name] = u64(view, i * 8)));
  return regs;
}

export function encodeRegs(regs: Regs, bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, KVM_REGS_SIZE);
  KVM_REGS_FIELDS.forEach((name, i) => setU64(view, i * 8, regs[name]));
}

const SEGMENT_BYTES = ["type", "present", "dpl", "db", "s", "l", "g", "avl"] as const;

function decodeSegment(view: DataView, at: number): Segment {
  const segment = {
    base: u64(view, at + KVM_SEGMENT.base),
    limit: view.getUint32(at + KVM_SEGMENT.limit, true),
    selector: view.getUint16(at + KVM_SEGMENT.selector, true),
  } as Segment;
  for (const name of SEGMENT_BYTES) segment[name] = view.getUint8(at + KVM_SEGMENT[name]);
  return segment;
}

function encodeSegment(view: DataView, at: number, segment: Segment): void {
  setU64(view, at + KVM_SEGMENT.base, segment.base);
  view.setUint32(at + KVM_SEGMENT.limit, segment.limit, true);
  view.setUint16(at + KVM_SEGMENT.selector, segment.selector, true);
  for (const name of SEGMENT_BYTES) view.setUint8(at + KVM_SEGMENT[name], segment[name]);
  view.setUint8(at + KVM_SEGMENT.unusable, segment.present ? 0 : 1);
}

function decodeTable(view: DataView, at: number): DescriptorTable {
  return { base: u64(view, at + KVM_DTABLE.base), limit: view.getUint16(at + KVM_DTABLE.limit, true) };
}

const CONTROL = ["cr0", "cr2", "cr3", "cr4", "cr8", "efer", "apic_base"] as const;

export function decodeSregs(bytes: Uint8Array): Sregs {
  const view = new DataView(bytes.buffer, bytes.byteOffset, KVM_SREGS.size);
  const sregs = {} as Sregs;
  KVM_SREGS.segments.forEach((name, i) => (sregs[name] = decodeSegment(view, i * KVM_SEGMENT.size)));
  sregs.gdt = decodeTable(view, KVM_SREGS.gdt);
  sregs.idt = decodeTable(view, KVM_SREGS.idt);
  for (const name of CONTROL) sregs[name] = u64(view, KVM_SREGS[name]);
  return sregs;
}

/** Writes `sregs` over `bytes`, which must hold the vCPU's current sregs (the interrupt bitmap is kept). */
export function encodeSregs(sregs: Sregs, bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, KVM_SREGS.size);
  KVM_SREGS.segments.forEach((name, i) => encodeSegment(view, i * KVM_SEGMENT.size, sregs[name]));
  for (const table of ["gdt", "idt"] as const) {
    setU64(view, KVM_SREGS[table] + KVM_DTABLE.base, sregs[table].base);
    view.setUint16(KVM_SREGS[table] + KVM_DTABLE.limit, sregs[table].limit, true);
  }
  for (const name of CONTROL) setU64(view, KVM_SREGS[name], sregs[name]);
}
