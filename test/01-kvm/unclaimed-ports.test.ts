// The KVM shim may answer accesses to ports no device claims by itself (VmConfig.unclaimedPortsInAccelerator,
// as the vm command runs): everything the guest sees must stay the same as when each exit goes to the
// TypeScript bus. The shipped guests and generated programs (in, out and rep insb at unclaimed ports among
// them) run both ways on KVM.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { assemble } from "../../src/kvm/asm/assemble.ts";
import { guest, GUESTS } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { observe } from "./cpu-harness.ts";
import { program } from "./cpu-programs.ts";

needs("/dev/kvm", "as").test("guests and generated programs see the same with unclaimed ports answered in the shim", () => {
  const kvm = new KvmAccelerator();
  const both = (image: Uint8Array, buffer?: number) =>
    [false, true].map((unclaimedPortsInAccelerator) => observe(kvm, image, { buffer, timeoutMs: 20_000, unclaimedPortsInAccelerator }));
  const guests = readdirSync(GUESTS).filter((f) => f.endsWith(".s") && !/^\s*\.code64/m.test(readFileSync(join(GUESTS, f), "utf8")) && !["spin.s", "tight-loop.s"].includes(f)); // no port I/O, and too slow under emulated real mode
  for (const file of guests) {
    const [bus, shim] = both(guest(file.replace(/\.s$/, "")).bytes);
    expect(shim, file).toEqual(bus);
  }
  fc.assert(fc.property(program, (p) => {
    const { bytes, symbols } = assemble(p.source);
    const [bus, shim] = both(bytes, symbols.get("buf"));
    expect(shim, p.source).toEqual(bus);
  }), { numRuns: 100 });
  kvm.close();
}, 120_000);

needs("/dev/kvm").test("a guest writing to an unclaimed port forever is still stopped at its timeout", () => {
  const kvm = new KvmAccelerator();
  const { bytes } = assemble(".code16\n.intel_syntax noprefix\nagain: out 0x80, al\njmp again\n");
  const { outcome } = observe(kvm, bytes, { timeoutMs: 200, unclaimedPortsInAccelerator: true });
  expect(outcome.kind === "failed" && outcome.message, "the kick interrupts KVM_RUN inside the shim's loop").toMatch(/did not halt within 0.2 s/);
  kvm.close();
});
