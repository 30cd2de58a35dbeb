// QEMU 7.2 accel/tcg/tcg-accel-ops-rr.c: rr_cpu_thread_fn, "round robin": TCG's single-threaded mode
// (-accel tcg,thread=single) runs every vCPU in turn on one thread. Ours runs the vCPU on the main thread
// in slices timed on QEMU_CLOCK_VIRTUAL: each slice runs it for up to `budget` exits, with the BQL held as
// the main loop holds it while it dispatches. Because the slices are timers on the virtual clock, a stopped
// VM's vCPU does not run, and the simulated poller replays a guest exactly. The multi-threaded mode, one
// worker thread per vCPU as QEMU runs KVM, is in vcpu-threads.ts; both answer exits with kvm_handle_exit.
import type { Exit, Vcpu } from "../kvm/vcpu.ts";
import type { Machine } from "./machine.ts";
import { qemu_timer_new, type MainLoop } from "./main-loop.ts";
import { QEMUClockType, SCALE_NS, timer_del, timer_mod_ns, type QEMUTimer } from "./qemu-timer.ts";

export interface CpuThreadOptions {
  /** Virtual ns between two slices. */
  slice_ns: number;
  /** Exits per slice. */
  budget: number;
}

/** What the vCPU asks of the machine when the guest does something only the VMM can answer. */
export interface CpuExitHandlers {
  /** A triple fault (KVM_EXIT_SHUTDOWN): QEMU resets the machine (qemu_system_reset_request(GUEST_RESET)). */
  guest_reset(): void;
  /** An exit the accelerator cannot go past: QEMU prints it and stops in "internal-error". */
  internal_error(message: string): void;
}

/** What the run states and the monitor need of a vCPU thread, in either mode. */
export interface CpuOps {
  /** cpu->halted: the guest executed hlt with nothing to wake it (no interrupts here). */
  readonly halted: boolean;
  /** Exits handled so far. */
  readonly exits: number;
  /** QEMU 7.2 softmmu/cpus.c: pause_all_vcpus: returns once the vCPU is parked. */
  pause(): void;
  resume(): void;
  reset(): void;
}

/** A vCPU that runs in a thread of its own and attaches itself to the loop (vcpu-threads.ts). */
export interface ThreadedVcpu extends Vcpu {
  start(loop: MainLoop, machine: Machine, handlers: CpuExitHandlers): CpuOps;
}

export function isThreaded(vcpu: Vcpu): vcpu is ThreadedVcpu {
  return "start" in vcpu;
}

// #region handle-exit
/**
 * QEMU 7.2 accel/kvm/kvm-all.c: kvm_cpu_exec's switch on run->exit_reason, for an exit the VMM answers,
 * called with the BQL held. "run": go on; "halt": the vCPU sleeps (KVM_EXIT_HLT without an irqchip, until
 * a reset); "leave": stop running this turn (a reset was requested, or the VM stopped on an error).
 */
export function kvm_handle_exit(machine: Machine, handlers: CpuExitHandlers, exit: Exit): "run" | "halt" | "leave" {
  switch (exit.reason) {
    case "io":
      machine.kvm_handle_io(exit); // may call vm_stop (isa-debug-exit, a monitor on a chardev)
      return "run";
    case "mmio":
      if (!exit.is_write) exit.data.fill(0xff); // no memory-mapped devices: reads see all ones
      return "run";
    case "hlt":
      return "halt";
    case "shutdown":
      handlers.guest_reset();
      return "leave";
    case "interrupted":
      return "leave";
    case "fail-entry":
      handlers.internal_error(`KVM: entry failed, hardware error 0x${exit.hardware_entry_failure_reason.toString(16)}`);
      return "leave";
    case "internal-error":
      handlers.internal_error(`KVM internal error. Suberror: ${exit.suberror}`);
      return "leave";
    case "unsupported":
      handlers.internal_error(exit.message);
      return "leave";
  }
}
// #endregion handle-exit

export class CpuThread implements CpuOps {
  /** cpu->stop / cpu->stopped: pause_all_vcpus has parked us. */
  stopped = true;
  halted = false;
  exits = 0;
  private readonly timer: QEMUTimer;

  constructor(
    private readonly loop: MainLoop,
    private readonly machine: Machine,
    private readonly handlers: CpuExitHandlers,
    private readonly options: CpuThreadOptions = { slice_ns: 1_000_000, budget: 100_000 },
  ) {
    this.timer = qemu_timer_new(loop, QEMUClockType.QEMU_CLOCK_VIRTUAL, SCALE_NS, () => this.slice(), "vcpu slice");
  }

  // #region cpu-exec
  /** One slice: run, handle the exit, until the budget is spent or we must stop. */
  private slice(): void {
    // A guest that loops without exiting would hold the main thread in run() for ever: let the
    // accelerator kick it out after 10 ms (a signal and immediate_exit on KVM), as QEMU's
    // qemu_cpu_kick does when the main loop needs the vCPU.
    this.machine.vcpu.setTimeout(10);
    try {
      this.run_slice();
    } finally {
      this.machine.vcpu.setTimeout(0);
    }
    if (!this.stopped && !this.halted) this.kick(this.options.slice_ns);
  }

  private run_slice(): void {
    for (let i = 0; i < this.options.budget && !this.stopped && !this.halted; i++) {
      const exit: Exit = this.machine.vcpu.run();
      this.exits++;
      if (exit.reason === "interrupted") return; // the slice's time is up
      const next = kvm_handle_exit(this.machine, this.handlers, exit);
      if (next === "halt") this.halted = true;
      if (next !== "run") return;
    }
  }
  // #endregion cpu-exec

  private kick(delay_ns: number): void {
    timer_mod_ns(this.timer, this.loop.clocks.qemu_clock_get_ns(QEMUClockType.QEMU_CLOCK_VIRTUAL) + delay_ns);
  }

  pause(): void {
    this.stopped = true;
    timer_del(this.timer);
  }

  resume(): void {
    this.stopped = false;
    if (!this.halted) this.kick(0);
  }

  reset(): void {
    this.halted = false;
  }
}
