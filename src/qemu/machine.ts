// The machine QEMU drives: guest memory, one vCPU behind the chapter 01 interface (KVM or the software
// CPU), and the devices on the port-I/O bus. In QEMU 7.2 this is hw/i386/pc.c's PCMachineState with the
// "io" address space (softmmu/ioport.c); ours holds only what the chapter 01 guests use.
import type { Exit, Regs, Sregs, Vcpu } from "../kvm/vcpu.ts";

// #region vmstate
/**
 * What a device gives savevm: QEMU 7.2 include/migration/vmstate.h: VMStateDescription (name, version_id)
 * with its fields flattened into bytes by save() and read back by load().
 */
export interface VMStateDevice {
  readonly name: string;
  readonly version_id: number;
  save(): Uint8Array;
  load(data: Uint8Array, version_id: number): void;
  /** qemu_devices_reset: back to the state after power-on. */
  reset(): void;
}
// #endregion vmstate

/** A device on the port-I/O bus: the ports [base, base + size) go to it. */
export interface IoDevice extends VMStateDevice {
  readonly base: number;
  readonly size: number;
  ioport_read(offset: number): number;
  ioport_write(offset: number, value: number): void;
}

/** The vCPU's state as savevm stores it and loadvm restores it (QEMU's "cpu" section: target/i386/machine.c). */
export interface CpuState {
  regs: Regs;
  sregs: Sregs;
}

export class Machine {
  readonly devices: IoDevice[] = [];
  constructor(
    readonly memory: Uint8Array,
    readonly vcpu: Vcpu,
    /** Sets the registers and memory a guest starts from (the boot sector at 0x7c00 for chapter 01). */
    private readonly boot: (m: Machine) => void,
  ) {
    boot(this);
  }

  attach(device: IoDevice): void {
    this.devices.push(device);
  }

  /** QEMU 7.2 softmmu/runstate.c: qemu_system_reset → qemu_devices_reset and the CPU's reset. */
  reset(): void {
    for (const d of this.devices) d.reset();
    this.boot(this);
  }

  // #region handle-io
  /**
   * QEMU 7.2 accel/kvm/kvm-all.c: kvm_handle_io: each access of an I/O exit goes to the device that owns
   * the port (address_space_rw on the "io" address space); nobody there reads all ones. Called with the BQL.
   */
  kvm_handle_io(exit: Extract<Exit, { reason: "io" }>): void {
    for (let i = 0; i < exit.count; i++) {
      for (let b = 0; b < exit.size; b++) {
        const port = exit.port + b;
        const at = i * exit.size + b;
        const dev = this.devices.find((d) => port >= d.base && port < d.base + d.size);
        if (exit.direction === "out") dev?.ioport_write(port - dev.base, exit.data[at]);
        else exit.data[at] = dev ? dev.ioport_read(port - dev.base) : 0xff;
      }
    }
  }
  // #endregion handle-io

  getCpuState(): CpuState {
    return { regs: this.vcpu.getRegs(), sregs: this.vcpu.getSregs() };
  }

  setCpuState(s: CpuState): void {
    this.vcpu.setRegs(s.regs);
    this.vcpu.setSregs(s.sregs);
  }
}
