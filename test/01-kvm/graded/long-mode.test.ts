// Graded suite for exercise 01-kvm/long-mode: the learner's page tables and registers put a real KVM vCPU
// into long mode, where the 64-bit guest of src/kvm/guests/long-mode.s must print its message and halt; then
// KVM itself reports the mode the vCPU is in.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { guest, GUESTS } from "../../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../../src/kvm/kvm.ts";
import { Vm } from "../../../src/kvm/vm.ts";
import { asciz, runGuest } from "../vmm.ts";

graded("the 64-bit guest runs from its first instruction: it prints its message and halts", 6, () => {
  const run = runGuest(new KvmAccelerator(), guest("long-mode"), { timeoutMs: 2000 });
  expect({ serial: run.serial, outcome: run.outcome }, "what long-mode.s printed and how it ended (a triple fault or a failed entry means the tables or sregs are wrong)")
    .toEqual({ serial: asciz(readFileSync(join(GUESTS, "long-mode.s"), "utf8")), outcome: { kind: "halted" } });
}, { needs: ["/dev/kvm", "as"] });

graded("KVM reports long mode: EFER.LMA, paging with PAE, a 64-bit code segment", 4, () => {
  const vm = new Vm({ accel: new KvmAccelerator(), memory: 2 << 20, serial: () => {}, timeoutMs: 2000 });
  try {
    vm.loadLongMode(guest("long-mode").bytes);
    expect(vm.run().kind, "the run").toBe("halted");
    const s = vm.vcpu.getSregs();
    const bit = (value: number, n: number) => Math.floor(value / 2 ** n) % 2;
    expect({ "EFER.LME": bit(s.efer, 8), "EFER.LMA": bit(s.efer, 10), "CR0.PE": bit(s.cr0, 0), "CR0.PG": bit(s.cr0, 31), "CR4.PAE": bit(s.cr4, 5), "CS.L": s.cs.l, "CS.selector": s.cs.selector }, "the vCPU's state as KVM_GET_SREGS reports it")
      .toEqual({ "EFER.LME": 1, "EFER.LMA": 1, "CR0.PE": 1, "CR0.PG": 1, "CR4.PAE": 1, "CS.L": 1, "CS.selector": 8 });
  } finally {
    vm.close();
  }
}, { needs: ["/dev/kvm", "as"] });
