// QEMU's isa-debug-exit device: a write to its port ends QEMU with status (value << 1) | 1, so a test guest
// can report success or failure. QEMU 7.2 hw/misc/debugexit.c: debug_exit_write.
import type { PortDevice } from "./ioport.ts";

export const DEBUG_EXIT_PORT = 0xf4;

export class DebugExit implements PortDevice {
  readonly name = "isa-debug-exit";
  readonly accessSize = 4;
  /** The process exit status the guest asked for, once it wrote. */
  status: number | undefined;

  read(): number {
    return 0xffffffff;
  }

  // #region debug-exit-write
  write(_offset: number, _size: number, value: number): void {
    // exit((val << 1) | 1): the operating system keeps the low 8 bits of the status.
    this.status = ((value << 1) | 1) & 0xff;
  }
  // #endregion debug-exit-write
}
