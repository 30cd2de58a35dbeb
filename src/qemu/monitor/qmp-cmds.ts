// The QMP commands, one function per command, named as QEMU names them (QEMU 7.2 monitor/qmp-cmds.c,
// softmmu/runstate.c, monitor/misc.c). Arguments arrive checked by the dispatcher (qmp.ts).
import { qmp_query_status } from "../seams.ts";
import { QEMU_VERSION, type Qemu } from "../vl.ts";
import type { RunState } from "../runstate.ts";
import { handle_hmp_command } from "./hmp.ts";
import { Monitor, QmpError } from "./monitor.ts";
import type { JSONValue } from "./json-streamer.ts";

/** QEMU 7.2 qapi/run-state.json: StatusInfo (key order as QEMU 7.2 prints it). */
export interface StatusInfo {
  status: RunState;
  singlestep: boolean;
  running: boolean;
}

// #region qmp-stop
/** QEMU 7.2 monitor/qmp-cmds.c: qmp_stop. */
export function qmp_stop(qemu: Qemu): void {
  qemu.runstate.vm_stop("paused");
}
// #endregion qmp-stop

/** QEMU 7.2 monitor/qmp-cmds.c: qmp_cont. */
export function qmp_cont(qemu: Qemu): void {
  if (qemu.runstate.runstate_needs_reset()) throw new QmpError("GenericError", "Resetting the Virtual Machine is required");
  qemu.runstate.vm_start();
}

/** QEMU 7.2 monitor/qmp-cmds.c: qmp_system_reset: a request the main loop carries out. */
export function qmp_system_reset(qemu: Qemu): void {
  qemu.runstate.qemu_system_reset_request("host-qmp-system-reset");
}

/** QEMU 7.2 monitor/qmp-cmds.c: qmp_quit. */
export function qmp_quit(qemu: Qemu): void {
  qemu.runstate.qemu_system_shutdown_request("host-qmp-quit");
}

/** QEMU 7.2 monitor/qmp-cmds.c: qmp_query_version. */
export function qmp_query_version(): JSONValue {
  return structuredClone(QEMU_VERSION);
}

export { qmp_query_status };

/** QEMU 7.2 monitor/misc.c: qmp_human_monitor_command: run one HMP line, return what it printed. */
export function qmp_human_monitor_command(qemu: Qemu, command_line: string): string {
  const mon = new Monitor();
  handle_hmp_command(qemu, mon, command_line);
  return mon.take();
}
