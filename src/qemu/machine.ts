// The machine QEMU drives: the chapter 01 VM (guest memory, one vCPU on KVM or the software CPU, the port
// bus with the 16550 UART on COM1 and isa-debug-exit at 0xf4), seen from QEMU's side: exits handled under
// the BQL, devices that savevm can save, and a reset. In QEMU 7.2 this is hw/i386/pc.c's PCMachineState.
import { kvm_handle_io } from "../kvm/seams.ts";
import { serial_reset, type SerialState } from "../kvm/serial.ts";
import type { Exit, Regs, Sregs } from "../kvm/vcpu.ts";
import type { Vm } from "../kvm/vm.ts";

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

/** The vCPU's state as savevm stores it and loadvm restores it (QEMU's "cpu" section: target/i386/machine.c). */
export interface CpuState {
  regs: Regs;
  sregs: Sregs;
}

const SERIAL_FIELDS: (keyof SerialState)[] = ["divider", "rbr", "ier", "iir", "lcr", "mcr", "lsr", "msr", "scr", "fcr"];

/** QEMU 7.2 hw/char/serial.c: vmstate_serial, for the chapter 01 UART's registers (the divisor as 16 bits). */
export function serialVMState(state: SerialState): VMStateDevice {
  return {
    name: "serial",
    version_id: 3,
    save: () => Uint8Array.from(SERIAL_FIELDS.flatMap((f) => (f === "divider" ? [state.divider >> 8, state.divider & 0xff] : [state[f]]))),
    load: (data) => {
      if (data.length !== SERIAL_FIELDS.length + 1) throw new Error(`serial state is ${data.length} bytes, expected ${SERIAL_FIELDS.length + 1}`);
      let i = 0;
      for (const f of SERIAL_FIELDS) state[f] = f === "divider" ? (data[i++] << 8) | data[i++] : data[i++];
    },
    reset: () => Object.assign(state, serial_reset()),
  };
}

export class Machine {
  readonly devices: VMStateDevice[];
  constructor(
    readonly vm: Vm,
    /** Sets the registers and memory a guest starts from (the boot sector at 0x7c00). */
    private readonly boot: (m: Machine) => void,
    /** isa-debug-exit was written: QEMU exits at once with this status. */
    private readonly debug_exit: (status: number) => void,
  ) {
    this.devices = [serialVMState(vm.serial.state)];
    boot(this);
  }

  get memory(): Uint8Array {
    return this.vm.memory;
  }

  get vcpu(): Vm["vcpu"] {
    return this.vm.vcpu;
  }

  /** QEMU 7.2 softmmu/runstate.c: qemu_system_reset → qemu_devices_reset and the CPU's reset. */
  reset(): void {
    for (const d of this.devices) d.reset();
    this.boot(this);
  }

  // #region handle-io
  /**
   * QEMU 7.2 accel/kvm/kvm-all.c: kvm_handle_io, the chapter 01 dispatch to the port bus (a port nobody
   * owns reads all ones). Called with the BQL held. A write to isa-debug-exit ends QEMU (exit() in
   * hw/misc/debugexit.c).
   */
  kvm_handle_io(exit: Extract<Exit, { reason: "io" }>): void {
    kvm_handle_io(this.vm.bus, exit.port, exit.data, exit.direction, exit.size, exit.count);
    const status = this.vm.debugExit.status;
    if (status !== undefined) this.debug_exit(status);
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
