// npm run -s vm -- [--accel kvm|soft|auto] [--mem SIZE] [--trace] [--timeout S] [--reg NAME=VALUE]... IMAGE
// Runs a raw boot-sector image (or a .s file, assembled first) on one vCPU: the guest's serial output goes
// to stdout, and the exit status is isa-debug-exit's (value << 1) | 1, or 0 when the guest halts, as with
//   qemu-system-x86_64 -nographic -drive format=raw,file=IMAGE -device isa-debug-exit,iobase=0xf4,iosize=0x04
import { readFileSync, writeSync } from "node:fs";
import { parseArgs } from "node:util";
import { fail, parseOptions, userPath } from "../../course/cli/cli.ts";
import { createAccelerator, type AccelName } from "../accel.ts";
import { assembleGuest, type GuestImage } from "../gas.ts";
import { KVM_REGS_FIELDS } from "../kvm-structs.ts";
import type { Regs } from "../vcpu.ts";
import { exitStatus, parseMemory, Vm } from "../vm.ts";

const { values, positionals } = parseOptions(() =>
  parseArgs({
    options: {
      accel: { type: "string", default: "auto" },
      mem: { type: "string", default: "2M" },
      trace: { type: "boolean", default: false },
      timeout: { type: "string", default: "10" },
      reg: { type: "string", multiple: true, default: [] },
    },
    allowPositionals: true,
  }),
);

if (positionals.length !== 1) fail("expected one IMAGE (a raw boot sector, or a .s file): npm run -s vm -- [--accel kvm|soft|auto] [--mem SIZE] [--trace] [--timeout S] IMAGE");
const accel = values.accel as AccelName;
if (!["kvm", "soft", "auto"].includes(accel)) fail(`--accel ${accel}: expected kvm, soft or auto`);
const timeout = Number(values.timeout);
if (!(timeout >= 0)) fail(`--timeout ${values.timeout}: expected a number of seconds (0: no limit)`);

function attempt<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** --reg rax=2 --reg rbx=2: the registers the VMM sets before the first KVM_RUN, as the LWN sample does. */
const regs = attempt(() => {
  const out: Partial<Regs> = {};
  for (const r of values.reg) {
    const m = /^(\w+)=(0x[0-9a-f]+|\d+)$/i.exec(r);
    if (!m || !(KVM_REGS_FIELDS as readonly string[]).includes(m[1])) throw new Error(`--reg ${r}: expected NAME=VALUE with NAME one of ${KVM_REGS_FIELDS.join(" ")}`);
    out[m[1] as keyof Regs] = Number(m[2]);
  }
  return out;
});
const memory = attempt(() => parseMemory(values.mem));
const path = userPath(positionals[0]);
const image: GuestImage = attempt(() => {
  if (path.endsWith(".s")) return assembleGuest(path);
  try {
    return { bytes: new Uint8Array(readFileSync(path)), mode: "real" };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(code === "ENOENT" ? `${positionals[0]}: no such file` : `${positionals[0]}: ${(e as Error).message}`);
  }
});

const accelerator = attempt(() => createAccelerator(accel));
if (image.mode === "long" && accelerator.name !== "kvm") fail("a long-mode guest needs KVM: the software CPU runs real mode only");

let pending: number[] = [];
const flush = () => {
  if (pending.length) writeSync(1, Uint8Array.from(pending));
  pending = [];
};
const vm = attempt(() => new Vm({
  accel: accelerator,
  memory,
  serial: (byte) => {
    pending.push(byte);
    if (pending.length >= 4096) flush();
  },
  trace: values.trace ? (line) => process.stderr.write(`${line}\n`) : undefined,
  unclaimedPortsInAccelerator: true,
  timeoutMs: timeout * 1000,
}));
const outcome = attempt(() => {
  try {
    if (image.mode === "long") vm.loadLongMode(image.bytes);
    else vm.loadBootSector(image.bytes, regs);
    return vm.run();
  } finally {
    flush();
    vm.close();
  }
});
if (outcome.kind === "failed") process.stderr.write(`vm: ${outcome.message}\n`);
process.exit(exitStatus(outcome));
