// Real QEMU agrees: every real-mode guest that ends through isa-debug-exit boots under
// qemu-system-x86_64 (TCG, with its BIOS) and under our VMM, and both see the same serial bytes and exit
// status. QEMU's BIOS prints its own banner first; it is left out of the comparison.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { guest } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { ROOT, runGuest } from "./vmm.ts";

/** The guests that end through isa-debug-exit (the others halt, which QEMU's BIOS loop does not report). */
const DEBUG_EXIT_GUESTS = ["hello", "uart-probe", "string-io"];

interface QemuRun { serial: string; status: number | null }

/** Everything SeaBIOS prints before it jumps to the boot sector, up to its last "Booting from Hard Disk...". */
const BANNER = /^[\s\S]*Booting from Hard Disk\.*(\r\n)?/;

function qemu(image: string): Promise<QemuRun> {
  return new Promise((resolve) => {
    const child = spawn("qemu-system-x86_64", [
      "-nographic", "-accel", "tcg", "-no-reboot",
      "-drive", `format=raw,file=${image}`,
      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ], { stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ serial: Buffer.concat(out).toString("latin1").replace(BANNER, ""), status });
    });
  });
}

const both = needs("qemu-system-x86_64", "/dev/kvm", "as");

both.describe("our VMM on KVM and real QEMU boot the same guests to the same bytes and status", () => {
  const theirs = new Map<string, QemuRun>();
  beforeAll(async () => {
    const dir = join(ROOT, "build", "qemu");
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    // all QEMUs at once: each spends most of its second in the BIOS
    await Promise.all(DEBUG_EXIT_GUESTS.map(async (name) => {
      const image = join(dir, `${name}.img`);
      writeFileSync(image, guest(name).bytes);
      theirs.set(name, await qemu(image));
    }));
  }, 60_000);

  for (const name of DEBUG_EXIT_GUESTS) {
    both.test(`${name}.s`, () => {
      const ours = runGuest(new KvmAccelerator(), guest(name));
      const real = theirs.get(name)!;
      expect({ serial: ours.serial, status: ours.outcome.kind === "exited" ? ours.outcome.status : ours.outcome }).toEqual(real);
    });
  }
});
