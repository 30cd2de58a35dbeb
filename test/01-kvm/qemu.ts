// Boots a raw image under real QEMU (TCG, with its SeaBIOS) and returns the serial bytes the guest wrote
// and QEMU's exit status, the judge for our VMM. Results are cached under build/qemu by the image's hash, so
// grading the same guest again does not pay for QEMU's boot again.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { guest } from "../../src/kvm/gas.ts";
import type { Accelerator } from "../../src/kvm/vcpu.ts";
import { ROOT, runGuest } from "./vmm.ts";

export interface QemuRun {
  /** What the guest wrote to COM1, as latin1 text, without the BIOS banner. */
  serial: string;
  /** QEMU's exit status: (value << 1) | 1 from isa-debug-exit. */
  status: number | null;
}

/** Everything SeaBIOS prints before it jumps to the boot sector, up to its last "Booting from Hard Disk...". */
const BANNER = /^[\s\S]*Booting from Hard Disk\.*(\r\n)?/;

/** Test files run in parallel: another QEMU may be reading the image, another test the cached result. */
function writeAtomically(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

/**
 * Runs `bytes` under QEMU; `cache: false` always boots QEMU afresh (the agreement test does). A guest that
 * never writes to isa-debug-exit never ends QEMU: it is killed after `limitMs`, with status null.
 */
export function qemu(bytes: Uint8Array, { cache = true, limitMs = 20_000 } = {}): Promise<QemuRun> {
  const dir = join(ROOT, "build", "qemu");
  mkdirSync(dir, { recursive: true });
  // "stdout-file": results from before QEMU wrote to a file carry another key and are not reused
  const key = createHash("sha256").update("stdout-file").update(bytes).digest("hex").slice(0, 16);
  const cached = join(dir, `${key}.json`);
  if (cache && existsSync(cached)) return Promise.resolve(JSON.parse(readFileSync(cached, "utf8")) as QemuRun);
  const image = join(dir, `${key}.img`);
  writeAtomically(image, bytes);
  // QEMU's stdout is a regular file, not a pipe: a write to a busy pipe makes QEMU's UART hold bytes back,
  // and a guest that does not poll LSR then overwrites them (it does on real hardware too)
  const outPath = join(dir, `${key}.${process.pid}.out`);
  const out = openSync(outPath, "w");
  return new Promise((resolve) => {
    const child = spawn("qemu-system-x86_64", [
      "-nographic", "-accel", "tcg", "-no-reboot",
      "-drive", `format=raw,file=${image}`,
      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ], { stdio: ["ignore", out, "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      closeSync(out);
      const serial = readFileSync(outPath).toString("latin1").replace(BANNER, "");
      rmSync(outPath, { force: true });
      const run = { serial, status };
      writeAtomically(cached, JSON.stringify(run));
      resolve(run);
    });
  });
}

/**
 * Runs the shipped guests `names` through our VMM on `accel` (first, so a broken piece fails fast), then
 * under QEMU (all at once), and expects the same serial bytes and exit status from both.
 */
export async function expectSameAsQemu(accel: Accelerator, names: string[], because: string): Promise<void> {
  const ours = names.map((name) => runGuest(accel, guest(name), { timeoutMs: 2000 }));
  const theirs = await Promise.all(names.map((name) => qemu(guest(name).bytes)));
  names.forEach((name, i) => {
    expect({ guest: name, serial: ours[i].serial, outcome: ours[i].outcome }, because)
      .toEqual({ guest: name, serial: theirs[i].serial, outcome: { kind: "exited", status: theirs[i].status } });
  });
}
