// The software CPU against KVM, through the same VMM: a few hundred generated programs and the shipped
// guests must give the same serial output, the same end, the same registers and flags, the same memory.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { guest, GUESTS } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { SoftAccelerator } from "../../src/kvm/softcpu/soft.ts";
import { observe, observeSource } from "./cpu-harness.ts";
import { program } from "./cpu-programs.ts";

const kvm = needs("/dev/kvm");
const soft = new SoftAccelerator();

kvm.describe("software CPU versus KVM", () => {
  kvm.test("300 generated programs end with the same serial output, registers, flags and memory", () => {
    const real = new KvmAccelerator();
    fc.assert(
      fc.property(program, (p) => {
        expect(observeSource(soft, p.source), p.source).toEqual(observeSource(real, p.source));
      }),
      { numRuns: 300 },
    );
    real.close();
  }, 60_000);

  // Guests that leave the subset (descriptor tables, string port I/O) stop on the software CPU with an
  // "unsupported instruction" message instead; the others must agree exactly.
  const guests = readdirSync(GUESTS).filter((f) => f.endsWith(".s") && !/^\s*\.code64/m.test(readFileSync(join(GUESTS, f), "utf8")));
  needs("/dev/kvm", "as").test(`the shipped real-mode guests (${guests.length}) agree, or stop as unsupported on the software CPU`, () => {
    const real = new KvmAccelerator();
    for (const file of guests) {
      const image = guest(file.replace(/\.s$/, "")).bytes;
      const ours = observe(soft, image, { timeoutMs: 1000 });
      const theirs = observe(real, image, { timeoutMs: 1000 });
      if (ours.outcome.kind === "failed" && /unsupported instruction/.test(ours.outcome.message)) continue;
      if (ours.outcome.kind === "failed" || theirs.outcome.kind === "failed") {
        // a guest that never halts, or one KVM could not finish in time (real mode can be slow under
        // nested virtualization): the output so far must agree
        const n = Math.min(ours.serial.length, theirs.serial.length);
        expect(ours.serial.slice(0, n), file).toEqual(theirs.serial.slice(0, n));
        continue;
      }
      expect(ours, file).toEqual(theirs);
    }
    real.close();
  }, 60_000);
});
