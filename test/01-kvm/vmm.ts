// Helpers for the VMM's tests: run a guest through the whole VMM (port bus, UART, isa-debug-exit, run loop)
// on an accelerator, and run the `vm` command as a user would.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { oracle } from "../../src/course/oracle.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { SoftAccelerator } from "../../src/kvm/softcpu/soft.ts";
import type { Accelerator, Regs } from "../../src/kvm/vcpu.ts";
import { Vm, type Outcome } from "../../src/kvm/vm.ts";
import type { GuestImage } from "../../src/kvm/gas.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** KVM where /dev/kvm is usable, the software CPU elsewhere: what `--accel auto` picks. */
export function anyAccelerator(): Accelerator {
  return oracle("/dev/kvm").available ? new KvmAccelerator() : new SoftAccelerator();
}

export interface GuestRun {
  /** The bytes the guest sent to COM1, as latin1 text. */
  serial: string;
  outcome: Outcome;
  trace: string[];
}

export function runGuest(accel: Accelerator, image: GuestImage, options: { regs?: Partial<Regs>; timeoutMs?: number; memory?: number } = {}): GuestRun {
  const bytes: number[] = [];
  const trace: string[] = [];
  const vm = new Vm({
    accel,
    memory: options.memory ?? 2 << 20,
    serial: (b) => bytes.push(b),
    trace: (line) => trace.push(line),
    timeoutMs: options.timeoutMs ?? 5000,
  });
  try {
    if (image.mode === "long") vm.loadLongMode(image.bytes);
    else vm.loadBootSector(image.bytes, options.regs);
    const outcome = vm.run();
    return { serial: Buffer.from(bytes).toString("latin1"), outcome, trace };
  } finally {
    vm.close();
  }
}

export interface CommandRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

const TSX = [fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url))];

/** Runs `npm run -s vm -- ...args` (as tsx src/kvm/cli/vm.ts, what the script runs), asynchronously. */
export function vmCommand(args: string[], options: { uid?: number } = {}): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX, "src/kvm/cli/vm.ts", ...args], { cwd: ROOT, uid: options.uid, env: { ...process.env, INIT_CWD: ROOT } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("latin1")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The string an .asciz directive in a guest's source declares (to check output against the source itself). */
export function asciz(source: string): string {
  const m = /\.asciz\s+"((?:[^"\\]|\\.)*)"/.exec(source);
  if (!m) throw new Error("no .asciz in the source");
  return m[1].replace(/\\n/g, "\n").replace(/\\t/g, "\t").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
}

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
}
