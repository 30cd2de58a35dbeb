// The software accelerator: the Vm/Vcpu interface of src/kvm/vcpu.ts over our interpreter, so the VMM's run
// loop and devices cannot tell it from KVM. Like QEMU's TCG next to its KVM accelerator (accel/tcg/ and
// accel/kvm/ behind the same AccelClass), it is chosen where /dev/kvm is missing and in the browser.
import { Cpu, CS, DS, ES, SS } from "./cpu.ts";
import { realModeSegment, type Accelerator, type Exit, type Regs, type Segment, type Sregs, type Vcpu, type VmBackend } from "../vcpu.ts";

const SEGMENTS = [["es", ES], ["cs", CS], ["ss", SS], ["ds", DS]] as const;
const GENERAL = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"] as const;
/** CR0 after reset: CD, NW and ET set, PE clear (Intel SDM vol. 3, 9.1.1); KVM reports the same. */
const CR0_RESET = 0x60000010;

/** The low 16 bits of `v` replaced by `low16`, for 64-bit values held in a number. */
function withLow16(v: number, low16: number): number {
  return v - (v % 0x10000) + low16;
}

export class SoftVcpu implements Vcpu {
  readonly cpu: Cpu;
  /** The registers as last set: their bits above the 16 the CPU uses are kept and given back. */
  private regs: Regs;
  private sregs: Sregs;

  constructor(memory: Uint8Array) {
    this.cpu = new Cpu(memory);
    const zero = realModeSegment(0);
    // The state after reset, as KVM reports it for a new vCPU: cs = f000 with base ffff0000, ip = fff0.
    this.sregs = {
      cs: { ...realModeSegment(0xf000, true), base: 0xffff0000 }, ds: zero, es: zero, fs: zero, gs: zero, ss: zero,
      tr: { ...zero, type: 0xb, s: 0 }, ldt: { ...zero, type: 0x2, s: 0 },
      gdt: { base: 0, limit: 0xffff }, idt: { base: 0, limit: 0xffff },
      cr0: CR0_RESET, cr2: 0, cr3: 0, cr4: 0, cr8: 0, efer: 0, apic_base: 0xfee00900,
    };
    this.regs = {
      rax: 0, rbx: 0, rcx: 0, rdx: 0, rsi: 0, rdi: 0, rsp: 0, rbp: 0, r8: 0, r9: 0, r10: 0, r11: 0,
      r12: 0, r13: 0, r14: 0, r15: 0, rip: 0xfff0, rflags: 0x2,
    };
    this.setSregs(this.sregs);
    this.setRegs(this.regs);
  }

  getRegs(): Regs {
    const regs = { ...this.regs };
    GENERAL.forEach((name, i) => (regs[name] = withLow16(regs[name], this.cpu.regs[i]!)));
    regs.rip = this.cpu.ip;
    regs.rflags = this.cpu.flags;
    return regs;
  }

  setRegs(regs: Regs): void {
    this.regs = { ...regs };
    GENERAL.forEach((name, i) => (this.cpu.regs[i] = regs[name] % 0x10000));
    this.cpu.ip = regs.rip % 0x10000;
    this.cpu.flags = (regs.rflags & 0xffff) | 0x2;
  }

  getSregs(): Sregs {
    const sregs = { ...this.sregs };
    for (const [name, seg] of SEGMENTS) {
      sregs[name] = { ...sregs[name], selector: this.cpu.selectors[seg]!, base: this.cpu.bases[seg]! };
    }
    return sregs;
  }

  setSregs(sregs: Sregs): void {
    this.sregs = { ...sregs };
    for (const [name, seg] of SEGMENTS) {
      const s: Segment = sregs[name];
      this.cpu.selectors[seg] = s.selector;
      this.cpu.bases[seg] = s.base;
    }
  }

  run(): Exit {
    if (this.sregs.cr0 & 1) {
      return { reason: "unsupported", message: "the software CPU runs real-mode guests only (cr0.PE is set): use --accel kvm" };
    }
    return this.cpu.run();
  }

  setTimeout(ms: number): void {
    this.cpu.deadline = ms > 0 ? performance.now() + ms : Infinity;
  }
}

class SoftVm implements VmBackend {
  readonly memory: Uint8Array;
  constructor(bytes: number) {
    this.memory = new Uint8Array(bytes);
  }
  createVcpu(): SoftVcpu {
    return new SoftVcpu(this.memory);
  }
  close(): void {}
}

export class SoftAccelerator implements Accelerator {
  readonly name = "soft";
  createVm(memoryBytes: number): VmBackend {
    if (memoryBytes <= 0 || memoryBytes % 4096 !== 0) throw new Error(`guest memory must be a positive multiple of 4 KiB, not ${memoryBytes} bytes`);
    return new SoftVm(memoryBytes);
  }
}
