// The human monitor (QEMU 7.2 monitor/hmp.c, monitor/hmp-cmds.c, monitor/misc.c, hmp-commands.hx): a
// command table, a parser for each command's arguments, and one hmp_* function per command. Most HMP
// commands are a QMP command plus formatting: hmp_stop calls qmp_stop, hmp_info_status calls
// qmp_query_status.
import { hmp_info_status } from "../seams.ts";
import { qemu_loadvm_state, qemu_savevm_state, SnapshotStore } from "../savevm.ts";
import { QEMUClockType } from "../qemu-timer.ts";
import type { Qemu } from "../vl.ts";
import { Monitor, QmpError } from "./monitor.ts";
import { qmp_cont, qmp_quit, qmp_stop, qmp_system_reset } from "./qmp-cmds.ts";

export const MACHINE_TYPE = "pc";

interface HMPCommand {
  /** "stop|s": the name and its aliases. */
  name: string;
  /** How help shows the arguments ("/fmt addr"); "" when there are none. */
  params: string;
  help: string;
  /** The arguments: "fmt addr" for x/xp, "name?" / "name" for a string, "" for none. */
  args: "" | "fmt addr" | "name?" | "name" | "cmd?";
  cmd: (qemu: Qemu, mon: Monitor, args: { fmt?: Fmt; addr?: number; name?: string }) => void;
}

interface Fmt {
  count: number;
  format: string;
  size: number;
}

// #region hmp-stop
/** QEMU 7.2 monitor/hmp-cmds.c: hmp_stop. */
export function hmp_stop(qemu: Qemu): void {
  qmp_stop(qemu);
}
// #endregion hmp-stop

/** QEMU 7.2 monitor/hmp-cmds.c: hmp_cont (hmp_handle_error prints "Error: ..."). */
export function hmp_cont(qemu: Qemu, mon: Monitor): void {
  hmp_handle_error(mon, () => qmp_cont(qemu));
}

/** QEMU 7.2 monitor/hmp-cmds.c: hmp_system_reset. */
export function hmp_system_reset(qemu: Qemu): void {
  qmp_system_reset(qemu);
}

/** QEMU 7.2 monitor/misc.c: hmp_quit. */
export function hmp_quit(qemu: Qemu): void {
  qmp_quit(qemu);
}

function hmp_handle_error(mon: Monitor, fn: () => void): void {
  try {
    fn();
  } catch (e) {
    mon.monitor_printf(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

function store(qemu: Qemu): SnapshotStore {
  if (!qemu.options.snapshotDir) throw new Error("no block device can store vmstate for snapshot");
  return new SnapshotStore(qemu.options.snapshotDir);
}

// #region hmp-savevm
/** QEMU 7.2 migration/savevm.c: save_snapshot, as hmp_savevm calls it: stop, write, start again. */
export function hmp_savevm(qemu: Qemu, mon: Monitor, name: string | undefined): void {
  hmp_handle_error(mon, () => {
    const snapshots = store(qemu);
    const saved_vm_running = qemu.runstate.runstate_is_running();
    qemu.runstate.vm_stop("save-vm");
    try {
      const tag = name ?? `vm-${new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14)}`;
      const vm_clock = qemu.loop.clocks.qemu_clock_get_ns(QEMUClockType.QEMU_CLOCK_VIRTUAL);
      snapshots.write(tag, qemu_savevm_state(qemu, MACHINE_TYPE), vm_clock);
    } finally {
      if (saved_vm_running) qemu.runstate.vm_start();
    }
  });
}

/** QEMU 7.2 monitor/hmp-cmds.c: hmp_loadvm: stop, load; start again only if it was running and it worked. */
export function hmp_loadvm(qemu: Qemu, mon: Monitor, name: string): void {
  const saved_vm_running = qemu.runstate.runstate_is_running();
  hmp_handle_error(mon, () => {
    const stream = store(qemu).read(name);
    qemu.runstate.vm_stop("restore-vm");
    try {
      qemu_loadvm_state(qemu, stream, MACHINE_TYPE);
    } catch (e) {
      throw new Error(`Error while loading snapshot '${name}': ${e instanceof Error ? e.message : String(e)}`);
    }
    if (saved_vm_running) qemu.runstate.vm_start();
  });
}
// #endregion hmp-savevm

/** QEMU 7.2 util/cutils.c: size_to_str ("%0.3g %sB"). */
function size_to_str(n: number): string {
  const suffixes = ["", "Ki", "Mi", "Gi", "Ti"];
  let i = 0;
  while (i < suffixes.length - 1 && n >= 1024 ** (i + 1)) i++;
  return `${Number((n / 1024 ** i).toPrecision(3))} ${suffixes[i]}B`;
}

/** QEMU 7.2 migration/savevm.c: hmp_info_snapshots, rows by block/qapi.c: bdrv_snapshot_dump. */
export function hmp_info_snapshots(qemu: Qemu, mon: Monitor): void {
  hmp_handle_error(mon, () => {
    const list = store(qemu).list();
    if (list.length === 0) return mon.monitor_printf("There is no snapshot available.\n");
    const p = (s: string, w: number) => (w < 0 ? s.padEnd(-w) : s.padStart(w));
    mon.monitor_printf("List of snapshots present on all disks:\n");
    mon.monitor_printf(`${p("ID", -10)}${p("TAG", -17)}${p("VM SIZE", 8)}${p("DATE", 20)}${p("VM CLOCK", 13)}${p("ICOUNT", 11)}\n`);
    list.forEach((sn, i) => {
      const d = new Date(sn.date_sec * 1000);
      const two = (n: number) => String(n).padStart(2, "0");
      const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
      const secs = Math.floor(sn.vm_clock_nsec / 1e9);
      const clock = `${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}:${two(secs % 60)}.${String(Math.floor(sn.vm_clock_nsec / 1e6) % 1000).padStart(3, "0")}`;
      mon.monitor_printf(`${p(String(i + 1), -9)} ${p(sn.name, -16)} ${p(size_to_str(sn.vm_state_size), 8)}${p(date, 20)}${p(clock, 13)}${p("", 11)}\n`);
    });
  });
}

const hex = (v: number, digits: number) => v.toString(16).padStart(digits, "0");

// #region info-registers
/** QEMU 7.2 target/i386/cpu-dump.c: x86_cpu_dump_state, its first part (no FPU, SSE or debug registers). */
export function hmp_info_registers(qemu: Qemu, mon: Monitor): void {
  const { regs: r, sregs: s } = qemu.machine.getCpuState();
  const fl = r.rflags;
  const flag = (bit: number, c: string) => (fl & (1 << bit) ? c : "-");
  const flags = `${flag(10, "D")}${flag(11, "O")}${flag(7, "S")}${flag(6, "Z")}${flag(4, "A")}${flag(2, "P")}${flag(0, "C")}`;
  const h8 = (v: number) => hex(v >>> 0, 8);
  mon.monitor_printf(`\nCPU#0\n`);
  mon.monitor_printf(`EAX=${h8(r.rax)} EBX=${h8(r.rbx)} ECX=${h8(r.rcx)} EDX=${h8(r.rdx)}\n`);
  mon.monitor_printf(`ESI=${h8(r.rsi)} EDI=${h8(r.rdi)} EBP=${h8(r.rbp)} ESP=${h8(r.rsp)}\n`);
  const halted = qemu.cpu.halted ? 1 : 0;
  mon.monitor_printf(`EIP=${h8(r.rip)} EFL=${h8(fl)} [${flags}] CPL=${s.cs.dpl} II=0 A20=1 SMM=0 HLT=${halted}\n`);
  const segFlags = (g: typeof s.cs) =>
    (g.type << 8) | (g.s << 12) | (g.dpl << 13) | (g.present << 15) | (g.avl << 20) | (g.l << 21) | (g.db << 22) | (g.g << 23);
  const seg = (name: string, g: typeof s.cs) => mon.monitor_printf(`${name}=${hex(g.selector, 4)} ${h8(g.base)} ${h8(g.limit)} ${h8(segFlags(g))}\n`);
  seg("ES ", s.es);
  seg("CS ", s.cs);
  seg("SS ", s.ss);
  seg("DS ", s.ds);
  seg("FS ", s.fs);
  seg("GS ", s.gs);
  seg("LDT", s.ldt);
  seg("TR ", s.tr);
  mon.monitor_printf(`GDT=     ${h8(s.gdt.base)} ${h8(s.gdt.limit)}\n`);
  mon.monitor_printf(`IDT=     ${h8(s.idt.base)} ${h8(s.idt.limit)}\n`);
  mon.monitor_printf(`CR0=${h8(s.cr0)} CR2=${h8(s.cr2)} CR3=${h8(s.cr3)} CR4=${h8(s.cr4)}\n`);
  mon.monitor_printf(`EFER=${hex(s.efer, 16)}\n`);
}
// #endregion info-registers

// #region memory-dump
/** QEMU 7.2 monitor/misc.c: memory_dump, for `x` (virtual: real mode has no paging) and `xp` (physical). */
export function memory_dump(qemu: Qemu, mon: Monitor, { count, format, size }: Fmt, addr: number): void {
  const mem = qemu.machine.memory;
  if (format === "i") return mon.monitor_printf("the 'i' format needs a disassembler, which this QEMU does not have\n");
  let wsize = size;
  const line_size = wsize === 1 ? 8 : 16;
  let max_digits = 0;
  if (format === "o") max_digits = Math.ceil((wsize * 8) / 3);
  else if (format === "u" || format === "d") max_digits = Math.ceil((wsize * 8 * 10) / 33);
  else if (format === "c") wsize = 1;
  else max_digits = (wsize * 8) / 4;
  let len = wsize * count;
  while (len > 0) {
    let line = `${hex(addr, 16)}:`;
    const l = Math.min(len, line_size);
    if (addr + l > mem.length) {
      mon.monitor_printf(`${line} Cannot access memory\n`);
      return;
    }
    for (let i = 0; i < l; i += wsize) {
      let v = 0n;
      for (let b = wsize - 1; b >= 0; b--) v = (v << 8n) | BigInt(mem[addr + i + b]);
      line += " ";
      if (format === "o") line += (v === 0n ? "0" : `0${v.toString(8)}`).padStart(max_digits);
      else if (format === "u") line += v.toString().padStart(max_digits);
      else if (format === "d") line += BigInt.asIntN(wsize * 8, v).toString().padStart(max_digits);
      else if (format === "c") line += v >= 32n && v < 127n ? String.fromCharCode(Number(v)) : `\\x${hex(Number(v), 2)}`;
      else line += `0x${v.toString(16).padStart(max_digits, "0")}`;
    }
    mon.monitor_printf(`${line}\n`);
    addr += l;
    len -= l;
  }
}
// #endregion memory-dump

/** The last format and size `x`/`xp` used: QEMU 7.2 monitor/hmp.c keeps them in statics. */
const defaults = { format: "x", size: 4 };

/** QEMU 7.2 monitor/hmp.c: the "/fmt" argument of monitor_parse_arguments. */
function parseFmt(p: string): { fmt: Fmt; rest: string } | string {
  if (!p.startsWith("/")) return { fmt: { count: 1, format: defaults.format, size: defaults.size }, rest: p };
  const m = /^\/(\d*)([a-zA-Z]*)(.*)$/s.exec(p)!;
  const count = m[1] ? Number(m[1]) : 1;
  let format: string | undefined;
  let size: number | undefined;
  let i = 0;
  for (; i < m[2].length; i++) {
    const c = m[2][i];
    if ("oduxic".includes(c)) format = c;
    else if (c === "b") size = 1;
    else if (c === "h") size = 2;
    else if (c === "w") size = 4;
    else if (c === "g" || c === "L") size = 8;
    else break;
  }
  const rest = m[2].slice(i) + m[3];
  if (rest !== "" && !/^\s/.test(rest)) return `invalid char in format: '${rest[0]}'`;
  format ??= defaults.format;
  if (format !== "i") {
    size ??= defaults.size;
    defaults.size = size;
  }
  defaults.format = format;
  return { fmt: { count, format, size: size ?? 1 }, rest };
}

function parseAddr(text: string): number | string {
  const t = text.trim();
  if (t === "") return "unexpected end of expression";
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(t)) return `invalid address '${t}': write a number (0x7c00 or 31744)`;
  return Number(t);
}

// #region hmp-table
/** QEMU 7.2 hmp-commands.hx and hmp-commands-info.hx: the commands this QEMU has, with QEMU's help text. */
const info_cmds: HMPCommand[] = [
  { name: "registers", params: "[-a|vcpu]", help: "show the cpu registers (-a: show register info for all cpus; vcpu: specific vCPU to query; show the current CPU's registers if omitted)", args: "", cmd: (q, m) => hmp_info_registers(q, m) },
  { name: "snapshots", params: "", help: "show the currently saved VM snapshots", args: "", cmd: (q, m) => hmp_info_snapshots(q, m) },
  { name: "status", params: "", help: "show the current VM status (running|paused)", args: "", cmd: (q, m) => hmp_info_status(m, q.runstate) },
];

const hmp_cmds: HMPCommand[] = [
  { name: "help|?", params: "[cmd]", help: "show the help", args: "cmd?", cmd: (q, m, a) => help_cmd(m, a.name) },
  { name: "quit|q", params: "", help: "quit the emulator", args: "", cmd: (q) => hmp_quit(q) },
  { name: "stop|s", params: "", help: "stop emulation", args: "", cmd: (q) => hmp_stop(q) },
  { name: "cont|c", params: "", help: "resume emulation", args: "", cmd: (q, m) => hmp_cont(q, m) },
  { name: "system_reset", params: "", help: "reset the system", args: "", cmd: (q) => hmp_system_reset(q) },
  { name: "x", params: "/fmt addr", help: "virtual memory dump starting at 'addr'", args: "fmt addr", cmd: (q, m, a) => memory_dump(q, m, a.fmt!, a.addr!) },
  { name: "xp", params: "/fmt addr", help: "physical memory dump starting at 'addr'", args: "fmt addr", cmd: (q, m, a) => memory_dump(q, m, a.fmt!, a.addr!) },
  { name: "savevm", params: "tag", help: "save a VM snapshot. If no tag is provided, a new snapshot is created", args: "name?", cmd: (q, m, a) => hmp_savevm(q, m, a.name) },
  { name: "loadvm", params: "tag", help: "restore a VM snapshot from its tag", args: "name", cmd: (q, m, a) => hmp_loadvm(q, m, a.name!) },
  { name: "info", params: "[subcommand]", help: "show various information about the system state", args: "", cmd: () => {} },
];
// #endregion hmp-table

const named = (table: HMPCommand[], word: string) => table.find((c) => c.name.split("|").includes(word));

function help_cmd_dump_one(mon: Monitor, cmd: HMPCommand, prefix: string): void {
  mon.monitor_printf(`${prefix}${cmd.name} ${cmd.params} -- ${cmd.help}\n`);
}

/** QEMU 7.2 monitor/hmp.c: help_cmd. */
function help_cmd(mon: Monitor, name: string | undefined): void {
  if (!name) {
    for (const c of hmp_cmds) help_cmd_dump_one(mon, c, "");
    return;
  }
  const [first, second] = name.split(/\s+/);
  if (first === "info") {
    if (!second) return info_cmds.forEach((c) => help_cmd_dump_one(mon, c, "info "));
    const c = named(info_cmds, second);
    return c ? help_cmd_dump_one(mon, c, "info ") : mon.monitor_printf(`unknown command: 'info ${second}'\n`);
  }
  const c = named(hmp_cmds, first);
  if (c) help_cmd_dump_one(mon, c, "");
  else mon.monitor_printf(`unknown command: '${first}'\n`);
}

// #region handle-hmp
/** QEMU 7.2 monitor/hmp.c: handle_hmp_command: find the command, parse its arguments, call it. */
export function handle_hmp_command(qemu: Qemu, mon: Monitor, cmdline: string): void {
  const line = cmdline.trim();
  if (line === "") return;
  const word = line.split(/\s+/, 1)[0];
  let rest = line.slice(word.length).trim();
  let cmd = named(hmp_cmds, word);
  let fullName = word;
  if (cmd?.name === "info") {
    const sub = rest.split(/\s+/, 1)[0];
    if (sub === "") return help_cmd(mon, "info");
    fullName = `info ${sub}`;
    cmd = named(info_cmds, sub);
    rest = rest.slice(sub.length).trim();
  }
  if (!cmd) return mon.monitor_printf(`unknown command: '${fullName}'\n`);
  const args: { fmt?: Fmt; addr?: number; name?: string } = {};
  if (cmd.args === "fmt addr") {
    const f = parseFmt(rest);
    if (typeof f === "string") return mon.monitor_printf(`${f}\n`);
    const addr = parseAddr(f.rest);
    if (typeof addr === "string") return mon.monitor_printf(`${addr}\nTry "help ${fullName}" for more information\n`);
    args.fmt = f.fmt;
    args.addr = addr;
  } else if (cmd.args === "name" || cmd.args === "name?" || cmd.args === "cmd?") {
    if (rest === "" && cmd.args === "name") return mon.monitor_printf(`${cmd.name}: string expected\nTry "help ${fullName}" for more information\n`);
    if (rest !== "") args.name = rest;
  } else if (rest !== "" && !(cmd.name === "registers" && rest === "-a")) {
    return mon.monitor_printf(`${cmd.name}: extraneous characters at the end of line\nTry "help ${fullName}" for more information\n`);
  }
  try {
    cmd.cmd(qemu, mon, args);
  } catch (e) {
    if (e instanceof QmpError) mon.monitor_printf(`Error: ${e.desc}\n`);
    else throw e;
  }
}
// #endregion handle-hmp

/** The HMP monitor on a chardev (-monitor stdio): a banner, a prompt, one command per line. */
export class HmpMonitor extends Monitor {
  private line = "";
  constructor(
    private readonly qemu: Qemu,
    private readonly write: (text: string) => void,
  ) {
    super();
  }

  /** QEMU 7.2 monitor/hmp.c: monitor_event (CHR_EVENT_OPENED) prints the banner and the first prompt. */
  opened(): void {
    this.monitor_printf(`QEMU ${7}.${2}.${0} monitor - type 'help' for more information\n(qemu) `);
    this.flush();
  }

  /** readline: feed bytes; each complete line is a command. */
  input(text: string): void {
    for (const c of text) {
      if (c === "\n" || c === "\r") {
        const cmd = this.line;
        this.line = "";
        if (c === "\r" && cmd === "") continue;
        handle_hmp_command(this.qemu, this, cmd);
        this.monitor_printf("(qemu) ");
        this.flush();
      } else {
        this.line += c;
      }
    }
  }

  private flush(): void {
    const out = this.take();
    if (out) this.write(out);
  }
}
