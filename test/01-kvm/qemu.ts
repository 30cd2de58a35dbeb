// Boots a raw image under real QEMU (TCG, with its SeaBIOS) and returns the serial bytes the guest wrote
// and QEMU's exit status, the judge for our VMM. Results are cached under build/qemu by the image's hash, so
// grading the same guest again does not pay for QEMU's boot again.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./vmm.ts";

export interface QemuRun {
  /** What the guest wrote to COM1, as latin1 text, without the BIOS banner. */
  serial: string;
  /** QEMU's exit status: (value << 1) | 1 from isa-debug-exit. */
  status: number | null;
}

/** Everything SeaBIOS prints before it jumps to the boot sector, up to its last "Booting from Hard Disk...". */
const BANNER = /^[\s\S]*Booting from Hard Disk\.*(\r\n)?/;

/**
 * Runs `bytes` under QEMU; `cache: false` always boots QEMU afresh (the agreement test does). A guest that
 * never writes to isa-debug-exit never ends QEMU: it is killed after `limitMs`, with status null.
 */
export function qemu(bytes: Uint8Array, { cache = true, limitMs = 20_000 } = {}): Promise<QemuRun> {
  const dir = join(ROOT, "build", "qemu");
  mkdirSync(dir, { recursive: true });
  const key = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const cached = join(dir, `${key}.json`);
  if (cache && existsSync(cached)) return Promise.resolve(JSON.parse(readFileSync(cached, "utf8")) as QemuRun);
  const image = join(dir, `${key}.img`);
  writeFileSync(image, bytes);
  return new Promise((resolve) => {
    const child = spawn("qemu-system-x86_64", [
      "-nographic", "-accel", "tcg", "-no-reboot",
      "-drive", `format=raw,file=${image}`,
      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("close", (status) => {
      clearTimeout(timer);
      const run = { serial: Buffer.concat(out).toString("latin1").replace(BANNER, ""), status };
      writeFileSync(cached, JSON.stringify(run));
      resolve(run);
    });
  });
}
