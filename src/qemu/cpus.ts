// QEMU 7.2 accel/kvm/kvm-accel-ops.c (kvm_vcpu_thread_fn) and accel/kvm/kvm-all.c (kvm_cpu_exec): a vCPU
// runs the guest until an exit, and handles the exit itself, taking the BQL for device access
// (softmmu/physmem.c: prepare_mmio_access locks it around a device's callback). QEMU runs each vCPU in a
// thread of its own. Ours runs on the main thread in slices timed on QEMU_CLOCK_VIRTUAL: each slice runs
// the vCPU for up to `budget` exits, with the BQL held as the main loop holds it while it dispatches.
// Because the slices are timers on the virtual clock, a stopped VM's vCPU does not run, and the simulated
// poller replays a guest exactly.
import type { Exit } from "../kvm/vcpu.ts";
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

export class CpuThread {
  /** cpu->stop / cpu->stopped: pause_all_vcpus has parked us. */
  stopped = true;
  /** cpu->halted: the guest executed hlt with nothing to wake it (no interrupts here). */
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
  /** One slice of QEMU 7.2 kvm_cpu_exec: run, handle the exit, until the budget is spent or we must stop. */
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
      switch (exit.reason) {
        case "io":
          this.machine.kvm_handle_io(exit); // may call vm_stop (isa-debug-exit, a monitor on a chardev)
          break;
        case "hlt":
          this.halted = true; // KVM_EXIT_HLT without an irqchip: the vCPU sleeps until reset
          break;
        case "shutdown":
          this.handlers.guest_reset();
          return;
        case "interrupted":
          return; // the slice's time is up

        case "mmio":
          if (!exit.is_write) exit.data.fill(0xff);
          break;
        case "fail-entry":
          return this.handlers.internal_error(`KVM: entry failed, hardware error 0x${exit.hardware_entry_failure_reason.toString(16)}`);
        case "internal-error":
          return this.handlers.internal_error(`KVM internal error. Suberror: ${exit.suberror}`);
        case "unsupported":
          return this.handlers.internal_error(exit.message);
      }
    }
  }
  // #endregion cpu-exec

  private kick(delay_ns: number): void {
    timer_mod_ns(this.timer, this.loop.clocks.qemu_clock_get_ns(QEMUClockType.QEMU_CLOCK_VIRTUAL) + delay_ns);
  }

  /** QEMU 7.2 softmmu/cpus.c: pause_all_vcpus (with qemu_clock_enable(QEMU_CLOCK_VIRTUAL, false) by the caller). */
  pause(): void {
    this.stopped = true;
    timer_del(this.timer);
  }

  /** QEMU 7.2 softmmu/cpus.c: resume_all_vcpus. */
  resume(): void {
    this.stopped = false;
    if (!this.halted) this.kick(0);
  }

  /** cpu_reset: a reset wakes a halted vCPU. */
  reset(): void {
    this.halted = false;
  }
}
