// How the software CPU stops: for an instruction it does not implement (with the bytes and cs:ip), at its
// instruction budget or deadline, for memory outside the guest's, and for a guest that is not in real mode.
import { describe, expect, test } from "vitest";
import { assemble } from "../../src/kvm/asm/assemble.ts";
import { SoftAccelerator, type SoftVcpu } from "../../src/kvm/softcpu/soft.ts";
import { realModeSegment } from "../../src/kvm/vcpu.ts";
import { Vm } from "../../src/kvm/vm.ts";

const head = ".code16\n.intel_syntax noprefix\n";

/** A boot sector on the software CPU, loaded by the VMM at 0000:7c00; the tests drive its vCPU directly. */
function boot(source: string): SoftVcpu {
  const vm = new Vm({ accel: new SoftAccelerator(), memory: 64 << 10, serial: () => {} });
  vm.loadBootSector(assemble(head + source).bytes);
  return vm.vcpu as SoftVcpu;
}

describe("the software CPU stops", () => {
  test("at an unknown opcode, naming its bytes and cs:ip, with ip left on it", () => {
    const vcpu = boot(".fill 0x12, 1, 0x90\n.byte 0x0f, 0x0b\n");
    expect(vcpu.run()).toEqual({ reason: "unsupported", message: "unsupported instruction 0F 0B at 0000:7c12" });
    expect(vcpu.getRegs().rip).toBe(0x7c12);
    expect(boot("nop\n.byte 0xd8\n").run()).toEqual({ reason: "unsupported", message: "unsupported instruction D8 at 0000:7c01" });
    expect(boot("mov ax, 1\n.byte 0xd4, 0x0a\n").run()).toEqual({ reason: "unsupported", message: "unsupported instruction D4 at 0000:7c03" });
  });

  test("when its instruction budget is spent, and goes on when given more", () => {
    const vcpu = boot("again: inc ax\njmp again\n");
    vcpu.cpu.budget = 1_000_001;
    expect(vcpu.run()).toEqual({ reason: "interrupted" });
    expect(vcpu.cpu.instructions).toBe(1_000_001);
    expect(vcpu.getRegs().rax).toBe(500_001 % 0x10000);
    vcpu.cpu.budget += 10;
    expect(vcpu.run()).toEqual({ reason: "interrupted" });
    expect(vcpu.getRegs().rax).toBe(500_006 % 0x10000);
  });

  test("at the deadline set by setTimeout, as KVM is kicked out of KVM_RUN", () => {
    const vcpu = boot("jmp .\n");
    vcpu.setTimeout(30);
    expect(vcpu.run()).toEqual({ reason: "interrupted" });
    expect(vcpu.cpu.instructions).toBeGreaterThan(0);
  });

  test("at an access where there is no memory, as KVM_EXIT_MMIO, and replays the VMM's answer", () => {
    const vcpu = boot("mov ax, 0x2000\nmov es, ax\nmov al, es:[0x10]\nadd byte ptr es:[0x11], al\nhlt\n");
    const read = vcpu.run();
    expect(read).toEqual({ reason: "mmio", phys_addr: 0x20010, is_write: false, data: new Uint8Array(1) });
    expect(vcpu.getRegs().rip).toBe(0x7c05);
    if (read.reason === "mmio") read.data[0] = 0x42;
    expect(vcpu.run()).toEqual({ reason: "mmio", phys_addr: 0x20011, is_write: false, data: new Uint8Array(1) });
    expect(vcpu.getRegs().rax & 0xff).toBe(0x42);
    expect(vcpu.run()).toEqual({ reason: "mmio", phys_addr: 0x20011, is_write: true, data: Uint8Array.of(0x42) });
    expect(vcpu.run()).toEqual({ reason: "hlt" });
  });

  test("at an instruction fetch outside guest memory", () => {
    const vcpu = boot("hlt\n");
    vcpu.setSregs({ ...vcpu.getSregs(), cs: realModeSegment(0x2000, true) });
    vcpu.setRegs({ ...vcpu.getRegs(), rip: 0x10 });
    expect(vcpu.run()).toEqual({ reason: "unsupported", message: "instruction fetch at 20010 (2000:0010) is outside guest memory (64 KiB)" });
  });

  test("before running a guest that is not in real mode", () => {
    const vcpu = boot("hlt\n");
    vcpu.setSregs({ ...vcpu.getSregs(), cr0: 0x11 });
    expect(vcpu.run()).toMatchObject({ reason: "unsupported", message: expect.stringMatching(/real-mode guests only/) });
  });
});
