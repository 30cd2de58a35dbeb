// npm run -s qemu -- [options]: our small QEMU, with qemu-system-x86_64's spelling of the options it
// has, so the same command line runs on either. QEMU 7.2 softmmu/vl.c: qemu_init parses these.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fail, userPath } from "../../course/cli/cli.ts";
import { qemu_chr_new, type Chardev } from "../chardev.ts";
import { HmpMonitor } from "../monitor/hmp.ts";
import { QmpMonitor } from "../monitor/qmp.ts";
import { qemu_chr_fe_set_handlers } from "../chardev.ts";
import { pcMachine, standInMachine } from "../boards.ts";
import { UvPoller } from "../uv-poller.ts";
import { Qemu } from "../vl.ts";

const USAGE = `usage: npm run -s qemu -- [-machine standin] [-accel kvm|tcg[,thread=single|multi]] [-m SIZE] [-drive file=IMG,format=raw[,snapshot=on]]
       [-serial stdio|null|file:PATH|unix:PATH,server,nowait] [-qmp unix:PATH,server,nowait]
       [-monitor stdio|none] [-nographic] [-S] [-device isa-debug-exit,iobase=0xf4,iosize=0x04]`;

interface Options {
  machine: string;
  accel: string;
  thread: "single" | "multi";
  mem: number;
  drive?: { file: string; snapshot: boolean };
  serial?: string;
  qmp: string[];
  monitor?: string;
  startPaused: boolean;
}

/** QEMU's -m: a number of MiB, or with a suffix (K, M, G). */
function parseSize(text: string): number {
  const m = /^(\d+)([KMG]?)B?$/i.exec(text);
  if (!m) fail(`-m ${text}: Parameter 'size' expects a non-negative number below 2^64 (like 128M)`, 1);
  const unit = { "": 1 << 20, K: 1 << 10, M: 1 << 20, G: 1 << 30 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

function parse(argv: string[]): Options {
  // QEMU defaults to -m 128M; ours to 2M, enough for every chapter 01 guest and for the software CPU.
  const o: Options = { machine: "pc", accel: "tcg", thread: "multi", mem: 2 << 20, qmp: [], startPaused: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].replace(/^--/, "-");
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag}: requires an argument`, 1);
      return v;
    };
    switch (flag) {
      case "-machine":
      case "-M":
        o.machine = value().split(",")[0];
        break;
      case "-accel": {
        const [accel, ...props] = value().split(",");
        o.accel = accel;
        if (o.accel !== "kvm" && o.accel !== "tcg") fail(`-accel ${o.accel}: invalid accelerator (use kvm or tcg)`, 1);
        for (const p of props) {
          // QEMU 7.2 accel/tcg/tcg-all.c: tcg_set_thread; KVM has no such property.
          const thread = /^thread=(single|multi)$/.exec(p);
          if (!thread || o.accel !== "tcg") fail(`-accel ${o.accel}: Property '${o.accel}-accel.${p.split("=")[0]}' not found (tcg takes thread=single or thread=multi)`, 1);
          o.thread = thread[1] as "single" | "multi";
        }
        break;
      }
      case "-m":
        o.mem = parseSize(value());
        break;
      case "-drive": {
        const kv = Object.fromEntries(value().split(",").map((p) => p.split("=")));
        if (!kv.file) fail("-drive: needs file=IMG", 1);
        if (kv.format && kv.format !== "raw") fail(`-drive: format '${kv.format}' is not supported here (use format=raw)`, 1);
        o.drive = { file: userPath(kv.file), snapshot: kv.snapshot === "on" };
        break;
      }
      case "-serial":
        o.serial = value();
        break;
      case "-qmp":
        o.qmp.push(value());
        break;
      case "-monitor":
        o.monitor = value();
        break;
      case "-S":
        o.startPaused = true;
        break;
      case "-nographic":
      case "-nodefaults":
        break;
      case "-display":
        value();
        break;
      case "-device": {
        const d = value();
        if (!/^isa-debug-exit(,iobase=0xf4)?(,iosize=0x0?4)?$/.test(d)) fail(`-device ${d}: only isa-debug-exit,iobase=0xf4,iosize=0x04 is available (it is always present)`, 1);
        break;
      }
      case "-h":
      case "-help":
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      // falls through: process.exit does not return
      default:
        fail(`${argv[i]}: invalid option\n${USAGE}`, 1);
    }
  }
  return o;
}

function chardev(spec: string, what: string): Chardev {
  try {
    const s = spec.startsWith("unix:") ? `unix:${resolve(userPath(spec.slice(5).split(",")[0]))},${spec.split(",").slice(1).join(",")}` : spec.startsWith("file:") ? `file:${userPath(spec.slice(5))}` : spec;
    return qemu_chr_new(s);
  } catch (e) {
    return fail(`${what}: ${(e as Error).message}`, 1);
  }
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  if (o.machine !== "pc" && o.machine !== "standin") fail(`-machine ${o.machine}: unsupported machine type (use pc, or standin)`, 1);
  if (o.machine === "pc" && !o.drive) fail("-machine pc: needs -drive file=IMG,format=raw (a 512-byte boot sector image, as chapter 01 builds)", 1);
  if (o.drive && !existsSync(o.drive.file)) fail(`-drive file=${o.drive.file}: Could not open '${o.drive.file}': No such file or directory`, 1);
  const serial = chardev(o.serial ?? "stdio", "-serial");
  const poller = new UvPoller();
  // snapshot=on: writes go to a throw-away overlay in QEMU, so there is nowhere to keep a snapshot either.
  const snapshotDir = o.drive && !o.drive.snapshot ? `${o.drive.file}.snapshots` : null;
  const board = o.machine === "standin" ? standInMachine(o.mem, serial) : pcMachine(o.accel === "kvm" ? "kvm" : "tcg", o.mem, o.drive!.file, serial);
  let qemu: Qemu;
  try {
    qemu = new Qemu(poller, board, { startPaused: o.startPaused, snapshotDir, thread: o.accel === "kvm" ? "multi" : o.thread, cpu: o.machine === "standin" ? { slice_ns: 1_000_000, budget: 7 } : { slice_ns: 1_000_000, budget: 1_000 } });
  } catch (e) {
    return fail((e as Error).message.split("\n")[0], 1);
  }
  for (const q of o.qmp) new QmpMonitor(qemu, chardev(q, "-qmp"));
  if (o.monitor && o.monitor !== "none") {
    const chr = chardev(o.monitor, "-monitor");
    const hmp = new HmpMonitor(qemu, (t) => chr.write(new TextEncoder().encode(t)));
    qemu_chr_fe_set_handlers(qemu.loop, chr, {
      chr_read: (b) => hmp.input(Buffer.from(b).toString("utf8")),
      chr_event: (e) => e === "CHR_EVENT_OPENED" && hmp.opened(),
    });
  }
  const status = await qemu.qemu_main_loop();
  serial.close();
  qemu.machine.vm.close();
  for (const e of qemu.errors) process.stderr.write(`qemu: ${e}\n`);
  // Let what the guest wrote to stdout drain before exiting.
  process.stdout.write("", () => process.exit(status));
}

void main();
