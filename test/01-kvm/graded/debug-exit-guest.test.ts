// Graded suite for exercise 01-kvm/debug-exit-guest: the learner's boot sector, assembled by GNU as, boots
// under real QEMU and under our VMM (on KVM, or the software CPU where /dev/kvm is missing): a line of text on COM1, status 7, and the same under both.
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { exerciseFile } from "../../../src/course/exercise-file.ts";
import { graded } from "../../../src/course/graded.ts";
import { assembleWithGas } from "../../../src/kvm/gas.ts";
import { qemu } from "../qemu.ts";
import { anyAccelerator, runGuest } from "../vmm.ts";

const file = exerciseFile("01-kvm/debug-exit-guest");

graded("under real QEMU it prints one line and exits with status (3 << 1) | 1 = 7", 5, async () => {
  const image = assembleWithGas(file);
  expect(image.bytes.length, "a boot sector is 512 bytes").toBe(512);
  expect(Array.from(image.bytes.subarray(510)), "the boot signature 0x55 0xaa at the end").toEqual([0x55, 0xaa]);
  const theirs = await qemu(image.bytes, { limitMs: 5000 });
  expect(theirs.status, "QEMU's exit status (null: the guest never wrote to port 0xf4, and QEMU was stopped after 5 s)").toBe(7);
  expect(theirs.serial, "the serial output: one line of text ending in \\n").toMatch(/^[^\n]+\n$/);
}, { needs: ["qemu-system-x86_64", "as"], timeout: 30_000 });

graded("our VMM agrees with QEMU, and the guest polls LSR before every byte", 5, async () => {
  const image = assembleWithGas(file);
  const ours = runGuest(anyAccelerator(), image, { timeoutMs: 2000 });
  const theirs = await qemu(image.bytes, { limitMs: 5000 });
  expect({ serial: ours.serial, outcome: ours.outcome }, "our VMM versus QEMU").toEqual({ serial: theirs.serial, outcome: { kind: "exited", status: theirs.status } });
  const accesses = ours.trace.filter((l) => / port 0x03f[8d] /.test(l)).map((l) => (l.includes("0x03fd") ? "LSR" : "THR"));
  expect(accesses.join(" "), "each write to THR (0x3f8) after a read of LSR (0x3fd)").toMatch(/^(?:(?:LSR )+THR ?)+$/);
}, { needs: ["qemu-system-x86_64", "as"], timeout: 30_000 });
