// Exercise 02-qemu-main-loop/query-status: the QMP command query-status and its HMP twin, info status.
// Points: 10. Grade it with: npm run grade -- 02-qemu-main-loop/query-status
// Hints: exercises/02-qemu-main-loop/query-status.hints.md. The chapter section: "From a monitor command to vm_stop".
import type { Monitor } from "../../src/qemu/monitor/monitor.ts";
import type { StatusInfo } from "../../src/qemu/monitor/qmp-cmds.ts";
import type { RunStateMachine } from "../../src/qemu/runstate.ts";

/** QEMU 7.2 softmmu/runstate.c: qmp_query_status: the run state, and whether the VM is running. */
export function qmp_query_status(rs: RunStateMachine): StatusInfo {
  // Only "running" counts as running: "prelaunch", "paused", "save-vm" ... all say false.
  return { status: rs.current_run_state, singlestep: false, running: rs.runstate_is_running() };
}

/**
 * QEMU 7.2 monitor/hmp-cmds.c: hmp_info_status. The same facts for people: "VM status: running", or
 * "VM status: paused", followed by the run state in parentheses when that is not simply "paused".
 */
export function hmp_info_status(mon: Monitor, rs: RunStateMachine): void {
  const info = qmp_query_status(rs);
  let line = `VM status: ${info.running ? "running" : "paused"}${info.singlestep ? " (single step mode)" : ""}`;
  if (!info.running && info.status !== "paused") line += ` (${info.status})`;
  mon.monitor_printf(`${line}\n`);
}
