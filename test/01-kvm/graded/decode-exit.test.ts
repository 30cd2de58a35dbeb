// Graded suite for exercise 01-kvm/decode-exit: the learner's decoder reads every exit of real guests on
// KVM inside our VMM (the serial bytes and exit status must match real QEMU's), and kvm_run pages filled
// field by field at the offsets of linux/kvm.h.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { KVM_EXIT_FAIL_ENTRY, KVM_EXIT_HLT, KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_INTR, KVM_EXIT_IO, KVM_EXIT_MMIO, KVM_EXIT_SHUTDOWN, KVM_RUN, KvmRun } from "../../../src/kvm/kvm-structs.ts";
import { decodeExit } from "../../../src/kvm/seams.ts";
import { guest } from "../../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../../src/kvm/kvm.ts";
import { expectSameAsQemu } from "../qemu.ts";
import { runGuest } from "../vmm.ts";

const PAGE = 3 * 4096;

function page(reason: number, fill: (view: DataView) => void): KvmRun {
  const run = new KvmRun(new ArrayBuffer(PAGE));
  const view = new DataView(run.u8.buffer);
  view.setUint32(KVM_RUN.exit_reason, reason, true);
  fill(view);
  return run;
}

graded("guests on KVM print and exit exactly as under real QEMU (io and hlt exits decoded)", 4, async () => {
  await expectSameAsQemu(new KvmAccelerator(), ["hello", "uart-probe", "string-io"], "serial output and exit status under our VMM versus QEMU");
}, { needs: ["/dev/kvm", "qemu-system-x86_64", "as"], timeout: 30_000 });

graded("KVM_EXIT_HLT ends a run, KVM_EXIT_SHUTDOWN is a triple fault, KVM_EXIT_INTR a timeout", 3, () => {
  const accel = new KvmAccelerator();
  expect(runGuest(accel, guest("lwn-add"), { regs: { rax: 3, rbx: 4 } }), "the LWN guest with al = 3, bl = 4").toMatchObject({ serial: "7\n", outcome: { kind: "halted" } });
  const fault = runGuest(accel, guest("triple-fault")).outcome;
  expect(fault.kind === "failed" && fault.message, "the triple-fault guest").toMatch(/triple-faulted/);
  const spin = runGuest(accel, guest("spin"), { timeoutMs: 100 }).outcome;
  expect(spin.kind === "failed" && spin.message, "a guest that never halts, after the kick").toMatch(/did not halt within 0.1 s/);
}, { needs: ["/dev/kvm", "as"] });

graded("kvm_run pages: io, mmio, fail_entry, internal, and reasons without a payload", 3, () => {
  fc.assert(fc.property(
    fc.record({ out: fc.boolean(), size: fc.constantFrom(1, 2, 4), port: fc.integer({ min: 0, max: 0xffff }), count: fc.integer({ min: 1, max: 64 }), offset: fc.integer({ min: 4096, max: 8192 }) }),
    ({ out, size, port, count, offset }) => {
      const run = page(KVM_EXIT_IO, (v) => {
        v.setUint8(KVM_RUN.io.direction, out ? 1 : 0);
        v.setUint8(KVM_RUN.io.size, size);
        v.setUint16(KVM_RUN.io.port, port, true);
        v.setUint32(KVM_RUN.io.count, count, true);
        v.setBigUint64(KVM_RUN.io.data_offset, BigInt(offset), true);
      });
      const exit = decodeExit(run);
      expect(exit, "a KVM_EXIT_IO page").toMatchObject({ reason: "io", direction: out ? "out" : "in", port, size, count });
      if (exit.reason !== "io") return;
      expect([exit.data.byteOffset, exit.data.length >= size * count, exit.data.buffer === run.u8.buffer], "data: a view of the page from data_offset, with room for size * count bytes").toEqual([offset, true, true]);
      new DataView(run.u8.buffer).setBigUint64(KVM_RUN.io.data_offset, BigInt(offset + 8), true);
      const next = decodeExit(run);
      expect(next.reason === "io" && next.data.byteOffset, "the next exit of the same vCPU, with another data_offset").toBe(offset + 8);
    }), { numRuns: 50 });
  fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 8 }), fc.boolean(), (addr, len, write) => {
    const exit = decodeExit(page(KVM_EXIT_MMIO, (v) => {
      v.setBigUint64(KVM_RUN.mmio.phys_addr, BigInt(addr), true);
      v.setUint32(KVM_RUN.mmio.len, len, true);
      v.setUint8(KVM_RUN.mmio.is_write, write ? 1 : 0);
    }));
    expect(exit, "a KVM_EXIT_MMIO page").toMatchObject({ reason: "mmio", phys_addr: addr, is_write: write });
    expect(exit.reason === "mmio" && [exit.data.byteOffset, exit.data.length], "mmio data: len bytes at mmio.data").toEqual([KVM_RUN.mmio.data, len]);
  }), { numRuns: 30 });
  expect(decodeExit(page(KVM_EXIT_FAIL_ENTRY, (v) => v.setBigUint64(KVM_RUN.fail_entry.hardware_entry_failure_reason, 0x80000021n, true))))
    .toEqual({ reason: "fail-entry", hardware_entry_failure_reason: 0x80000021 });
  expect(decodeExit(page(KVM_EXIT_INTERNAL_ERROR, (v) => {
    v.setUint32(KVM_RUN.internal.suberror, 1, true);
    v.setUint32(KVM_RUN.internal.ndata, 2, true);
    v.setBigUint64(KVM_RUN.internal.data, 5n, true);
    v.setBigUint64(KVM_RUN.internal.data + 8, 6n, true);
  }))).toEqual({ reason: "internal-error", suberror: 1, data: [5, 6] });
  expect(decodeExit(page(KVM_EXIT_HLT, () => {}))).toEqual({ reason: "hlt" });
  expect(decodeExit(page(KVM_EXIT_SHUTDOWN, () => {}))).toEqual({ reason: "shutdown" });
  expect(decodeExit(page(KVM_EXIT_INTR, () => {}))).toEqual({ reason: "interrupted" });
  expect(decodeExit(page(1000, () => {})).reason, "an exit reason this VMM does not know").toBe("unsupported");
});
