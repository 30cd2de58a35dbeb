// What the main thread and a vCPU worker thread share: a SharedArrayBuffer of flags and two message areas.
// In QEMU both threads read and write one CPUState (include/hw/core/cpu.h: stop, stopped, halted,
// queued_work_first) under the BQL or with atomics. A Node worker shares no objects with the main thread,
// only memory, so the CPUState fields the two sides need are words here, read and written with Atomics;
// Atomics.wait/notify stand for QEMU's condition variables (cpu->halt_cond, qemu_pause_cond,
// qemu_work_cond).

// #region mailbox
/** The Int32 words at the start of the buffer. */
export enum Word {
  /** Bumped by the main thread after any request (stop, resume, work, reset, unplug): wakes a parked vCPU. */
  REQ,
  /** Bumped by the vCPU thread after any change the main thread may wait for (stopped, an exit, work done). */
  ACK,
  /** cpu->stop: pause_all_vcpus asks the vCPU to park. */
  STOP,
  /** cpu->stopped: the vCPU is parked (qemu_wait_io_event). */
  STOPPED,
  /** cpu->halted: the guest executed hlt; only a reset wakes it (no interrupts here). */
  HALTED,
  /** The exit handed to the main loop: NONE, POSTED (the vCPU waits), ANSWERED. */
  EXIT,
  /** run_on_cpu: NONE, POSTED (the main thread waits), ANSWERED. */
  WORK,
  /** cpu->unplug: leave kvm_vcpu_thread_fn. */
  UNPLUG,
  EXIT_LEN,
  WORK_LEN,
}
export const NONE = 0;
export const POSTED = 1;
export const ANSWERED = 2;

const HEADER = 64;
const AREA = 8192;

/** One vCPU's shared state, seen from either thread. */
export class Mailbox {
  readonly words: Int32Array;
  private readonly exitArea: Uint8Array;
  private readonly workArea: Uint8Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(HEADER + 2 * AREA)) {
    this.words = new Int32Array(buffer, 0, HEADER / 4);
    this.exitArea = new Uint8Array(buffer, HEADER, AREA);
    this.workArea = new Uint8Array(buffer, HEADER + AREA, AREA);
  }

  get(w: Word): number {
    return Atomics.load(this.words, w);
  }

  /** Sets a word and wakes whoever waits on it. */
  set(w: Word, value: number): void {
    Atomics.store(this.words, w, value);
    Atomics.notify(this.words, w);
  }

  /** Bumps a counter (REQ or ACK) and wakes whoever waits on it. */
  bump(w: Word.REQ | Word.ACK): void {
    Atomics.add(this.words, w, 1);
    Atomics.notify(this.words, w);
  }

  /** Blocks this thread while word `w` still holds `value` (at most `ms`). */
  wait(w: Word, value: number, ms = Infinity): void {
    Atomics.wait(this.words, w, value, ms);
  }

  write(area: "exit" | "work", value: unknown): void {
    const bytes = new TextEncoder().encode(JSON.stringify(value));
    if (bytes.length > AREA) throw new Error(`vCPU message of ${bytes.length} bytes does not fit in ${AREA}`);
    (area === "exit" ? this.exitArea : this.workArea).set(bytes);
    Atomics.store(this.words, area === "exit" ? Word.EXIT_LEN : Word.WORK_LEN, bytes.length);
  }

  read<T>(area: "exit" | "work"): T {
    const len = Atomics.load(this.words, area === "exit" ? Word.EXIT_LEN : Word.WORK_LEN);
    // slice(): TextDecoder does not read shared memory.
    return JSON.parse(new TextDecoder().decode((area === "exit" ? this.exitArea : this.workArea).slice(0, len))) as T;
  }
}
// #endregion mailbox

/** What a vCPU thread is told when it starts. */
export interface VcpuThreadData {
  kind: "kvm" | "soft" | "standin";
  mailbox: SharedArrayBuffer;
  /** The main context's event notifier counter: set with the message that wakes the main loop. */
  notifier: SharedArrayBuffer;
  /** Guest memory, shared (software CPUs); KVM reads it through the kernel. */
  memory?: SharedArrayBuffer;
  /** /dev/kvm and the VM's descriptor (KVM): the thread creates its vCPU on them, as kvm_init_vcpu does. */
  kvm?: number;
  vm?: number;
}

/** An exit as it crosses threads: the Exit union with its bytes as numbers. */
export type PostedExit = { reason: string; data?: number[]; [key: string]: unknown };

/** A run_on_cpu request: a Vcpu method and its argument. */
export interface Work {
  op: "getRegs" | "setRegs" | "getSregs" | "setSregs";
  arg?: unknown;
}
