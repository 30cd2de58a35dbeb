// The two devices every guest of chapter 01 meets, seen from QEMU's side: the UART on COM1 connected to
// a chardev backend, and isa-debug-exit. QEMU 7.2 hw/char/serial.c (serial_ioport_write with
// qemu_chr_fe_write) and hw/misc/debugexit.c (debug_exit_write: exit((val << 1) | 1)).
import type { IoDevice } from "./machine.ts";

export const COM1 = 0x3f8;
const UART_LSR = 5;
const UART_LSR_THRE = 0x20;
const UART_LSR_TEMT = 0x40;

/** The UART's transmit path and its registers, enough for polling drivers; bytes go to `chr_write`. */
export class SerialPort implements IoDevice {
  readonly name = "serial";
  readonly version_id = 3;
  readonly base = COM1;
  readonly size = 8;
  /** The eight register bytes as the guest last wrote them (THR excepted). */
  regs = new Uint8Array(8);

  constructor(private readonly chr_write: (bytes: Uint8Array) => void) {}

  ioport_read(offset: number): number {
    return offset === UART_LSR ? UART_LSR_THRE | UART_LSR_TEMT : this.regs[offset];
  }

  ioport_write(offset: number, value: number): void {
    if (offset === 0 && !(this.regs[3] & 0x80)) this.chr_write(Uint8Array.of(value));
    else this.regs[offset] = value;
  }

  save(): Uint8Array {
    return this.regs.slice();
  }

  load(data: Uint8Array): void {
    if (data.length !== 8) throw new Error(`serial state is ${data.length} bytes, expected 8`);
    this.regs = data.slice();
  }

  reset(): void {
    this.regs = new Uint8Array(8);
  }
}

/** QEMU 7.2 hw/misc/debugexit.c: a write of `val` ends QEMU with status (val << 1) | 1. */
export class IsaDebugExit implements IoDevice {
  readonly name = "isa-debug-exit";
  readonly version_id = 1;
  constructor(
    readonly base: number,
    readonly size: number,
    private readonly exit: (status: number) => void,
  ) {}

  ioport_read(): number {
    return 0xff;
  }

  ioport_write(_offset: number, value: number): void {
    this.exit(((value << 1) | 1) & 0xff);
  }

  save(): Uint8Array {
    return new Uint8Array(0);
  }

  load(): void {}

  reset(): void {}
}
