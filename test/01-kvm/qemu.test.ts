// Real QEMU agrees: every real-mode guest that ends through isa-debug-exit boots under
// qemu-system-x86_64 (TCG, with its BIOS) and under our VMM, and both see the same serial bytes and exit
// status, on KVM and on the software CPU. QEMU's BIOS prints its own banner first; it is left out of the comparison.
import { beforeAll, expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { guest } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { SoftAccelerator } from "../../src/kvm/softcpu/soft.ts";
import { qemu, type QemuRun } from "./qemu.ts";
import { runGuest } from "./vmm.ts";

/** The guests that end through isa-debug-exit (a guest that halts never ends QEMU). */
const DEBUG_EXIT_GUESTS = ["hello", "uart-probe", "string-io"];

const both = needs("qemu-system-x86_64", "/dev/kvm", "as");

both.describe("our VMM on KVM and real QEMU boot the same guests to the same bytes and status", () => {
  const theirs = new Map<string, QemuRun>();
  beforeAll(async () => {
    // all QEMUs at once: each spends most of its second in the BIOS
    await Promise.all(DEBUG_EXIT_GUESTS.map(async (name) => theirs.set(name, await qemu(guest(name).bytes, { cache: false }))));
  }, 60_000);

  for (const name of DEBUG_EXIT_GUESTS) {
    both.test(`${name}.s`, () => {
      const ours = runGuest(new KvmAccelerator(), guest(name));
      expect({ serial: ours.serial, status: ours.outcome.kind === "exited" ? ours.outcome.status : ours.outcome }).toEqual(theirs.get(name));
    });
  }
});

/** The guests the software CPU runs (it has no string I/O). */
const SOFT_GUESTS = ["hello", "uart-probe"];

needs("qemu-system-x86_64", "as").describe("our VMM on the software CPU and real QEMU agree too", () => {
  for (const name of SOFT_GUESTS) {
    test(`${name}.s`, async () => {
      const ours = runGuest(new SoftAccelerator(), guest(name));
      const theirs = await qemu(guest(name).bytes);
      expect({ serial: ours.serial, status: ours.outcome.kind === "exited" ? ours.outcome.status : ours.outcome }).toEqual(theirs);
    }, 30_000);
  }
});
