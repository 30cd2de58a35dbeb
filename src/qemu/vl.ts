// QEMU 7.2 softmmu/vl.c and softmmu/runstate.c: the whole emulator put together (qemu_init), and its
// main loop (qemu_main_loop: main_loop_wait until main_loop_should_exit).
import { CpuThread, isThreaded, type CpuExitHandlers, type CpuOps, type CpuThreadOptions } from "./cpus.ts";
import type { Machine } from "./machine.ts";
import { MainLoop, main_loop_wait, qemu_notify_event } from "./main-loop.ts";
import type { QmpMonitor } from "./monitor/qmp.ts";
import type { Poller } from "./poll.ts";
import { QEMUClockType, qemu_clock_enable } from "./qemu-timer.ts";
import { RunStateMachine } from "./runstate.ts";
import type { JSONValue } from "./monitor/json-streamer.ts";

/** What query-version and the QMP greeting report: the QEMU whose behaviour we follow. */
export const QEMU_VERSION = { qemu: { micro: 0, minor: 2, major: 7 }, package: "vm-from-source" };

export interface QemuOptions {
  /** -S: wait for `cont` before the guest runs. */
  startPaused: boolean;
  /** Where savevm keeps snapshots (next to the -drive image); null: no block device can store them. */
  snapshotDir: string | null;
  /**
   * QEMU's -accel tcg,thread=single|multi: "multi" runs each vCPU in a worker thread of its own (as QEMU
   * always runs KVM); "single" runs it in slices on the main thread (the simulated poller needs this).
   */
  thread?: "single" | "multi";
  /** The slices of thread=single. */
  cpu?: CpuThreadOptions;
}

export class Qemu {
  readonly loop: MainLoop;
  readonly runstate: RunStateMachine;
  readonly cpu: CpuOps;
  readonly machine: Machine;
  readonly qmp_monitors: QmpMonitor[] = [];
  /** Set by isa-debug-exit or a fatal error: the status the process exits with. */
  exit_status: number | undefined;
  /** Errors QEMU prints on stderr (error_report). */
  readonly errors: string[] = [];

  constructor(
    poller: Poller,
    buildMachine: (qemu: Qemu) => Machine,
    readonly options: QemuOptions,
  ) {
    this.loop = new MainLoop(poller);
    const virtual = this.loop.clocks.clock(QEMUClockType.QEMU_CLOCK_VIRTUAL);
    this.runstate = new RunStateMachine({
      pause_all_vcpus: () => {
        qemu_clock_enable(virtual, false);
        this.cpu.pause();
      },
      resume_all_vcpus: () => {
        if (!this.runstate.runstate_is_running()) return; // cpu_can_run is false: they stay parked
        qemu_clock_enable(virtual, true);
        this.cpu.resume();
      },
      cpu_disable_ticks: () => this.loop.clocks.cpu_disable_ticks(),
      cpu_enable_ticks: () => this.loop.clocks.cpu_enable_ticks(),
      qemu_system_reset: () => {
        this.machine.reset();
        this.cpu.reset();
      },
      event: (name, data) => this.monitor_qapi_event_emit(name, data),
      notify: () => qemu_notify_event(this.loop),
    });
    qemu_clock_enable(virtual, false);
    this.machine = buildMachine(this);
    const handlers: CpuExitHandlers = {
      guest_reset: () => this.runstate.qemu_system_reset_request("guest-reset"),
      internal_error: (message) => {
        this.errors.push(message);
        this.runstate.vm_stop("internal-error");
      },
    };
    const vcpu = this.machine.vcpu;
    this.cpu = isThreaded(vcpu) ? vcpu.start(this.loop, this.machine, handlers) : new CpuThread(this.loop, this.machine, handlers, options.cpu);
    this.runstate.autostart = !options.startPaused;
  }

  /** QEMU 7.2 monitor/monitor.c: monitor_qapi_event_emit, to every QMP monitor past negotiation. */
  monitor_qapi_event_emit(event: string, data?: Record<string, JSONValue>): void {
    const ns = this.loop.clocks.qemu_clock_get_ns(QEMUClockType.QEMU_CLOCK_HOST);
    const us = Math.floor(ns / 1000);
    const msg: Record<string, JSONValue> = { timestamp: { seconds: Math.floor(us / 1e6), microseconds: us % 1e6 }, event };
    if (data) msg.data = data;
    for (const m of this.qmp_monitors) m.send_event(msg);
  }

  /** hw/misc/debugexit.c: exit() at once, from the vCPU, with no SHUTDOWN event. */
  debug_exit(status: number): void {
    this.exit_status = status;
    this.cpu.pause();
    qemu_notify_event(this.loop);
  }

  private should_exit(): boolean {
    return this.exit_status !== undefined || this.runstate.main_loop_should_exit();
  }

  // #region qemu-main-loop
  /**
   * QEMU 7.2 softmmu/vl.c (qemu_init: "if (autostart) vm_start()") and softmmu/runstate.c: qemu_main_loop
   * and qemu_cleanup, which lets the monitor answer the command that asked to quit. Returns the exit status.
   */
  async qemu_main_loop(): Promise<number> {
    if (this.runstate.autostart) this.runstate.vm_start();
    while (!this.should_exit()) await main_loop_wait(this.loop, false);
    // qemu_cleanup → monitor_cleanup: dispatch what the monitors still hold, so `quit` gets its reply.
    for (let i = 0; i < 4; i++) await main_loop_wait(this.loop, true);
    for (const m of this.qmp_monitors) m.close();
    return this.exit_status ?? 0;
  }
  // #endregion qemu-main-loop
}
