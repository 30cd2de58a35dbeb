// A 16550-style UART on COM1 (ports 0x3f8-0x3ff), the serial port a guest prints through.
// QEMU 7.2 hw/char/serial.c: SerialState, serial_ioport_write, serial_ioport_read, serial_reset.
// Transmission is instant: a byte written to THR goes straight out, so LSR always shows THRE | TEMT and a
// driver that polls LSR before each byte never waits. There is no input and no interrupt line.
import type { PortDevice } from "./ioport.ts";
import { serial_ioport_read } from "./seams.ts";

export const COM1 = 0x3f8;

// #region registers
// Register offsets from the base port (include/hw/char/serial.h and the 16550 datasheet).
export const UART_RX = 0; // in: receive buffer (RBR); out: transmit holding (THR); DLL when DLAB
export const UART_IER = 1; // interrupt enable; DLM when DLAB
export const UART_IIR = 2; // in: interrupt identification; out: FIFO control (FCR)
export const UART_LCR = 3; // line control; bit 7 is DLAB, the divisor latch access bit
export const UART_MCR = 4; // modem control
export const UART_LSR = 5; // line status
export const UART_MSR = 6; // modem status
export const UART_SCR = 7; // scratch

export const UART_LCR_DLAB = 0x80;
export const UART_LSR_DR = 0x01; // data ready: a byte waits in RBR
export const UART_LSR_THRE = 0x20; // transmit holding register empty: the guest may write the next byte
export const UART_LSR_TEMT = 0x40; // transmitter empty
export const UART_IIR_NO_INT = 0x01; // no interrupt pending
export const UART_IIR_FE = 0xc0; // FIFOs enabled
export const UART_FCR_FE = 0x01;
export const UART_MSR_DCD = 0x80;
export const UART_MSR_DSR = 0x20;
export const UART_MSR_CTS = 0x10;
// #endregion registers

// #region serial-state
/** The registers of one UART, named as in QEMU's SerialState. */
export interface SerialState {
  divider: number; // the baud-rate divisor, DLM:DLL
  rbr: number; // receive buffer
  ier: number;
  iir: number;
  lcr: number;
  mcr: number;
  lsr: number;
  msr: number;
  scr: number;
  fcr: number;
}
// #endregion serial-state

/** The state after reset. QEMU hw/char/serial.c: serial_reset. */
export function serial_reset(): SerialState {
  return {
    divider: 0x0c, // 9600 baud
    rbr: 0,
    ier: 0,
    iir: UART_IIR_NO_INT,
    lcr: 0,
    mcr: 0,
    lsr: UART_LSR_TEMT | UART_LSR_THRE,
    msr: UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS,
    scr: 0,
    fcr: 0,
  };
}

export class Serial implements PortDevice {
  readonly name = "serial (16550)";
  readonly accessSize = 1;
  readonly state = serial_reset();

  /** `transmit` receives every byte the guest sends. */
  constructor(private readonly transmit: (byte: number) => void) {}

  read(offset: number): number {
    return serial_ioport_read(this.state, offset);
  }

  // #region serial-write
  // QEMU hw/char/serial.c: serial_ioport_write
  write(offset: number, _size: number, value: number): void {
    const s = this.state;
    value &= 0xff;
    switch (offset) {
      case UART_RX:
        if (s.lcr & UART_LCR_DLAB) s.divider = (s.divider & 0xff00) | value;
        else this.transmit(value); // THR: the byte leaves at once, LSR keeps THRE | TEMT
        break;
      case UART_IER:
        if (s.lcr & UART_LCR_DLAB) s.divider = (s.divider & 0x00ff) | (value << 8);
        else s.ier = value & 0x0f;
        break;
      case UART_IIR: // FCR
        s.fcr = value & 0xc9;
        s.iir = (s.iir & ~UART_IIR_FE) | (s.fcr & UART_FCR_FE ? UART_IIR_FE : 0);
        break;
      case UART_LCR:
        s.lcr = value;
        break;
      case UART_MCR:
        s.mcr = value & 0x1f;
        break;
      case UART_LSR:
      case UART_MSR:
        break; // read-only
      case UART_SCR:
        s.scr = value;
        break;
    }
  }
  // #endregion serial-write
}
