// QEMU 7.2 monitor/qmp.c and qapi/qmp-dispatch.c: the QMP monitor on a chardev. On connect it sends the
// greeting; the client must negotiate with qmp_capabilities before any other command; each request is
// parsed from the byte stream (json-streamer.ts), checked, dispatched from a bottom half on the main
// context, and answered with {"return": ...} or {"error": {"class", "desc"}}, echoing "id". Events go to
// every negotiated client.
import { aio_bh_new, aio_bh_schedule_oneshot, qemu_bh_schedule, type QEMUBH } from "../async.ts";
import { qemu_chr_fe_set_handlers, type Chardev, type ChrFrontend, type QEMUChrEvent } from "../chardev.ts";
import { QEMU_VERSION, type Qemu } from "../vl.ts";
import { JSONMessageParser, qmp_to_json, type JSONValue, type Message } from "./json-streamer.ts";
import { QmpError } from "./monitor.ts";
import {
  qmp_cont,
  qmp_human_monitor_command,
  qmp_query_status,
  qmp_query_version,
  qmp_quit,
  qmp_stop,
  qmp_system_reset,
} from "./qmp-cmds.ts";

type Dict = { [key: string]: JSONValue };
type ArgType = "str" | "int" | "list";

interface QmpCommand {
  args: Record<string, { type: ArgType; optional?: boolean }>;
  fn: (qemu: Qemu, args: Dict) => JSONValue | void;
}

// #region qmp-commands
/** QEMU 7.2 qapi/*.json: the commands and their arguments (the generated qmp_marshal_* check them). */
const qmp_commands: Record<string, QmpCommand> = {
  "query-status": { args: {}, fn: (q) => ({ ...qmp_query_status(q.runstate) }) },
  stop: { args: {}, fn: (q) => qmp_stop(q) },
  cont: { args: {}, fn: (q) => qmp_cont(q) },
  system_reset: { args: {}, fn: (q) => qmp_system_reset(q) },
  quit: { args: {}, fn: (q) => qmp_quit(q) },
  "query-version": { args: {}, fn: () => qmp_query_version() },
  "human-monitor-command": {
    args: { "command-line": { type: "str" }, "cpu-index": { type: "int", optional: true } },
    fn: (q, a) => qmp_human_monitor_command(q, a["command-line"] as string),
  },
};
// #endregion qmp-commands

const encoder = new TextEncoder();

const TYPE_NAMES: Record<ArgType, string> = { str: "string", int: "integer", list: "array" };

function checkArgs(spec: QmpCommand["args"], args: Dict): void {
  for (const key of Object.keys(args)) if (!spec[key]) throw new QmpError("GenericError", `Parameter '${key}' is unexpected`);
  for (const [key, { type, optional }] of Object.entries(spec)) {
    const v = args[key];
    if (v === undefined) {
      if (!optional) throw new QmpError("GenericError", `Parameter '${key}' is missing`);
      continue;
    }
    const ok = type === "str" ? typeof v === "string" : type === "int" ? Number.isInteger(v) : Array.isArray(v);
    if (!ok) throw new QmpError("GenericError", `Invalid parameter type for '${key}', expected: ${TYPE_NAMES[type]}`);
  }
}

export class QmpMonitor implements ChrFrontend {
  /** false: only qmp_capabilities works (qmp_cap_negotiation_commands). */
  negotiated = false;
  private parser = new JSONMessageParser();
  /** UTF-8 that may be split across reads. */
  private decoder = new TextDecoder();
  /** Counts connections: a reply is dropped if its client left before it was sent. */
  private epoch = 0;
  private readonly requests: Message[] = [];
  private readonly dispatcher: QEMUBH;

  constructor(
    private readonly qemu: Qemu,
    private readonly chr: Chardev,
  ) {
    qemu.qmp_monitors.push(this);
    this.dispatcher = aio_bh_new(qemu.loop.qemu_aio_context, () => this.monitor_qmp_dispatcher(), "qmp_dispatcher");
    qemu_chr_fe_set_handlers(qemu.loop, chr, this);
  }

  /** QEMU 7.2 monitor/qmp.c: monitor_qmp_event. */
  chr_event(event: QEMUChrEvent): void {
    this.negotiated = false;
    this.epoch++;
    this.parser = new JSONMessageParser();
    this.decoder = new TextDecoder();
    this.requests.length = 0;
    if (event === "CHR_EVENT_OPENED") this.send({ QMP: { version: structuredClone(QEMU_VERSION), capabilities: ["oob"] } });
  }

  /** QEMU 7.2 monitor/qmp.c: monitor_qmp_read → handle_qmp_command: queue, and let the dispatcher BH run. */
  chr_read(bytes: Uint8Array): void {
    for (const m of this.parser.feed(this.decoder.decode(bytes, { stream: true }))) this.requests.push(m);
    if (this.requests.length) qemu_bh_schedule(this.dispatcher);
  }

  // #region qmp-dispatch
  /** QEMU 7.2 monitor/qmp.c: monitor_qmp_dispatcher_co: one request per run, in order. */
  private monitor_qmp_dispatcher(): void {
    const req = this.requests.shift();
    if (!req) return;
    const rsp = this.qmp_dispatch(req);
    const epoch = this.epoch;
    // The dispatcher yields after the command; the reply goes out when it resumes, after the main loop
    // has handled any request the command posted (a reset: RESET is sent before the reply, as in QEMU).
    aio_bh_schedule_oneshot(this.qemu.loop.qemu_aio_context, () => {
      if (epoch === this.epoch) this.send(rsp);
      if (this.requests.length) qemu_bh_schedule(this.dispatcher);
    }, "qmp_respond");
  }

  /** QEMU 7.2 qapi/qmp-dispatch.c: qmp_dispatch: check the request's shape, find the command, run it. */
  qmp_dispatch(req: Message): Dict {
    let id: JSONValue | undefined;
    try {
      if ("error" in req) throw new QmpError("GenericError", req.error);
      const dict = req.value;
      if (dict === null || typeof dict !== "object" || Array.isArray(dict)) throw new QmpError("GenericError", "QMP input must be a JSON object");
      id = dict.id;
      for (const key of Object.keys(dict)) {
        if (!["execute", "exec-oob", "arguments", "id"].includes(key)) throw new QmpError("GenericError", `QMP input member '${key}' is unexpected`);
      }
      const name = dict.execute;
      if (name === undefined) throw new QmpError("GenericError", "QMP input lacks member 'execute'");
      if (typeof name !== "string") throw new QmpError("GenericError", "QMP input member 'execute' must be a string");
      const args = dict.arguments ?? {};
      if (args === null || typeof args !== "object" || Array.isArray(args)) throw new QmpError("GenericError", "QMP input member 'arguments' must be an object");
      const ret = this.run(name, args);
      return id === undefined ? { return: ret } : { return: ret, id };
    } catch (e) {
      if (!(e instanceof QmpError)) throw e;
      const error = { class: e.errorClass, desc: e.desc };
      return id === undefined ? { error } : { id, error };
    }
  }
  // #endregion qmp-dispatch

  private run(name: string, args: Dict): JSONValue {
    if (!this.negotiated) {
      if (name !== "qmp_capabilities") throw new QmpError("CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'");
      checkArgs({ enable: { type: "list", optional: true } }, args);
      this.negotiated = true;
      return {};
    }
    if (name === "qmp_capabilities") throw new QmpError("CommandNotFound", "Capabilities negotiation is already complete, command ignored");
    const cmd = qmp_commands[name];
    if (!cmd) throw new QmpError("CommandNotFound", `The command ${name} has not been found`);
    checkArgs(cmd.args, args);
    return cmd.fn(this.qemu, args) ?? {};
  }

  send_event(msg: Dict): void {
    if (this.negotiated) this.send(msg);
  }

  private send(msg: Dict): void {
    this.chr.write(encoder.encode(`${qmp_to_json(msg)}\r\n`));
  }

  close(): void {
    this.chr.close();
  }
}
