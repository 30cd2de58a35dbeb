// A stand-in vCPU for machines without a chapter 01 accelerator at hand: it implements the same Vcpu
// interface, and its "guest" prints `tick N` lines on COM1 forever, one port write per run(), keeping N in
// guest memory at 0x500 and its position in the line in rsi. Enough state in memory and registers that
// stop/cont, system_reset and savevm/loadvm visibly act on it, and deterministic for tests.
import { emptyRegs, realModeSegment, type Accelerator, type Exit, type Regs, type Sregs, type Vcpu, type VmBackend } from "../kvm/vcpu.ts";
import { COM1 } from "../kvm/serial.ts";
import { Vm } from "../kvm/vm.ts";
import type { Chardev } from "./chardev.ts";
import { Machine } from "./machine.ts";
import type { Qemu } from "./vl.ts";

export type MachineBuilder = (qemu: Qemu) => Machine;

export const COUNTER_ADDR = 0x500;

export class StandInCpu implements Vcpu {
  private regs: Regs = emptyRegs();
  private sregs: Sregs = standInSregs();

  constructor(private readonly memory: Uint8Array) {}

  getRegs(): Regs {
    return { ...this.regs };
  }

  setRegs(regs: Regs): void {
    this.regs = { ...regs };
  }

  getSregs(): Sregs {
    return structuredClone(this.sregs);
  }

  setSregs(sregs: Sregs): void {
    this.sregs = structuredClone(sregs);
  }

  run(): Exit {
    const view = new DataView(this.memory.buffer, this.memory.byteOffset);
    const n = view.getUint32(COUNTER_ADDR, true);
    const line = `tick ${n}\n`;
    const byte = line.charCodeAt(this.regs.rsi);
    this.regs.rsi++;
    this.regs.rip += 1;
    if (this.regs.rsi === line.length) {
      this.regs.rsi = 0;
      view.setUint32(COUNTER_ADDR, n + 1, true);
    }
    this.regs.rax = byte;
    return { reason: "io", direction: "out", port: COM1, size: 1, count: 1, data: Uint8Array.of(byte) };
  }

  setTimeout(): void {}
}

function standInSregs(): Sregs {
  const seg = realModeSegment(0);
  return {
    cs: realModeSegment(0, true), ds: seg, es: seg, fs: seg, gs: seg, ss: seg, tr: seg, ldt: seg,
    gdt: { base: 0, limit: 0xffff }, idt: { base: 0, limit: 0xffff },
    cr0: 0x60000010, cr2: 0, cr3: 0, cr4: 0, cr8: 0, efer: 0, apic_base: 0xfee00900,
  };
}

/** Boot state of the stand-in guest: counter 0, at the start of its first line, rip at 0x7c00. */
export function standInBoot(memory: Uint8Array, vcpu: Vcpu): void {
  memory.fill(0);
  vcpu.setRegs({ ...emptyRegs(), rip: 0x7c00 });
  vcpu.setSregs(standInSregs());
}

/** An accelerator whose every VM runs the stand-in guest: -machine standin. */
export class StandInAccelerator implements Accelerator {
  readonly name = "soft";
  createVm(memoryBytes: number): VmBackend {
    const memory = new Uint8Array(memoryBytes);
    return { memory, createVcpu: () => new StandInCpu(memory), close: () => {} };
  }
}

/** The stand-in board on `accel` (the stand-in CPU, in a thread or not): memory, COM1, isa-debug-exit. */
export function standInBoard(accel: Accelerator, mem: number, serial: Chardev): MachineBuilder {
  return (qemu) => {
    const vm = new Vm({ accel, memory: mem, serial: (b) => serial.write(Uint8Array.of(b)) });
    return new Machine(vm, (m) => standInBoot(m.memory, m.vcpu), (status) => qemu.debug_exit(status));
  };
}
