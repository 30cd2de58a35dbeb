// QEMU 7.2 softmmu/runstate.c and softmmu/cpus.c: the VM's run state, its allowed transitions, vm_stop and
// vm_start, and the requests (reset, shutdown) that threads post and the main loop carries out between
// two turns of main_loop_wait (main_loop_should_exit).
import type { JSONValue } from "./monitor/json-streamer.ts";

// #region runstate
/** QEMU 7.2 qapi/run-state.json: RunState (the values this QEMU can reach). */
export type RunState = "prelaunch" | "running" | "paused" | "shutdown" | "save-vm" | "restore-vm" | "internal-error" | "debug";

/** QEMU 7.2 softmmu/runstate.c: runstate_transitions_def, restricted to the states above. */
const TRANSITIONS: Record<RunState, RunState[]> = {
  prelaunch: ["running", "restore-vm"],
  running: ["paused", "save-vm", "restore-vm", "shutdown", "internal-error", "debug"],
  paused: ["running", "prelaunch", "restore-vm"],
  "save-vm": ["running"],
  "restore-vm": ["running", "prelaunch"],
  shutdown: ["paused", "prelaunch"],
  "internal-error": ["paused", "prelaunch"],
  debug: ["running"],
};
// #endregion runstate

/** QEMU 7.2 qapi/run-state.json: ShutdownCause, as the SHUTDOWN and RESET events spell it. */
export type ShutdownCause = "host-qmp-quit" | "host-qmp-system-reset" | "host-signal" | "host-ui" | "guest-shutdown" | "guest-reset" | "guest-panic";

/** QEMU 7.2 softmmu/runstate.c: shutdown_caused_by_guest. */
export function shutdown_caused_by_guest(cause: ShutdownCause): boolean {
  return cause.startsWith("guest-");
}

/** The hooks of the machine the run state controls: QEMU's pause_all_vcpus, the clocks, the devices. */
export interface RunStateHooks {
  pause_all_vcpus(): void;
  resume_all_vcpus(): void;
  cpu_disable_ticks(): void;
  cpu_enable_ticks(): void;
  qemu_system_reset(): void;
  /** qapi_event_send_*: STOP, RESUME, RESET, SHUTDOWN. */
  event(name: string, data?: Record<string, JSONValue>): void;
  /** qemu_notify_event: the main loop must look at the requests. */
  notify(): void;
}

export class RunStateMachine {
  current_run_state: RunState = "prelaunch";
  reset_requested: ShutdownCause | null = null;
  shutdown_requested: ShutdownCause | null = null;
  /** -S: do not start the guest until `cont`. */
  autostart = true;

  constructor(readonly hooks: RunStateHooks) {}

  /** QEMU 7.2 softmmu/runstate.c: runstate_set: an impossible transition is a bug (QEMU aborts). */
  runstate_set(new_state: RunState): void {
    if (new_state === this.current_run_state) return;
    if (!TRANSITIONS[this.current_run_state].includes(new_state)) {
      throw new Error(`invalid runstate transition: '${this.current_run_state}' -> '${new_state}'`);
    }
    this.current_run_state = new_state;
  }

  runstate_check(state: RunState): boolean {
    return this.current_run_state === state;
  }

  runstate_is_running(): boolean {
    return this.current_run_state === "running";
  }

  /** QEMU 7.2 softmmu/runstate.c: runstate_needs_reset. */
  runstate_needs_reset(): boolean {
    return this.runstate_check("internal-error") || this.runstate_check("shutdown");
  }

  // #region vm-stop
  /**
   * QEMU 7.2 softmmu/cpus.c: do_vm_stop. Only a running VM stops: a VM that never ran stays in
   * "prelaunch", and no STOP event is sent (the quirk a `stop` before the first `cont` shows).
   */
  vm_stop(state: RunState, send_stop = true): void {
    if (!this.runstate_is_running()) return;
    this.runstate_set(state);
    this.hooks.cpu_disable_ticks();
    this.hooks.pause_all_vcpus();
    if (send_stop) this.hooks.event("STOP");
  }

  /**
   * QEMU 7.2 softmmu/cpus.c: vm_prepare_start and vm_start. RESUME is sent before the vCPUs resume; a
   * VM that is already running sends nothing.
   */
  vm_start(): void {
    if (this.runstate_is_running()) return;
    this.hooks.event("RESUME");
    this.hooks.cpu_enable_ticks();
    this.runstate_set("running");
    this.hooks.resume_all_vcpus();
  }
  // #endregion vm-stop

  /** QEMU 7.2 softmmu/runstate.c: qemu_system_reset_request. */
  qemu_system_reset_request(cause: ShutdownCause): void {
    this.reset_requested = cause;
    this.hooks.notify();
  }

  /** QEMU 7.2 softmmu/runstate.c: qemu_system_shutdown_request. */
  qemu_system_shutdown_request(cause: ShutdownCause): void {
    this.shutdown_requested = cause;
    this.hooks.notify();
  }

  // #region should-exit
  /**
   * QEMU 7.2 softmmu/runstate.c: main_loop_should_exit, run between two turns of main_loop_wait. A
   * shutdown request sends SHUTDOWN and ends the loop; a reset resets the machine, sends RESET, and a
   * VM that was not running goes back to "prelaunch".
   */
  main_loop_should_exit(): boolean {
    const shutdown = this.shutdown_requested;
    if (shutdown) {
      this.shutdown_requested = null;
      this.hooks.event("SHUTDOWN", { guest: shutdown_caused_by_guest(shutdown), reason: shutdown });
      return true;
    }
    const reset = this.reset_requested;
    if (reset) {
      this.reset_requested = null;
      this.hooks.pause_all_vcpus();
      this.hooks.qemu_system_reset();
      this.hooks.event("RESET", { guest: shutdown_caused_by_guest(reset), reason: reset });
      this.hooks.resume_all_vcpus();
      if (!this.runstate_check("running")) this.runstate_set("prelaunch");
    }
    return false;
  }
  // #endregion should-exit
}
