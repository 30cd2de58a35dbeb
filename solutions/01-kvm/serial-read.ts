// Exercise 01-kvm/serial-read: what a guest reads from each register of the 16550 UART.
// Points: 10. Grade it with: npm run grade -- 01-kvm/serial-read
// Hints: exercises/01-kvm/serial-read.hints.md. The chapter section: "The UART: eight ports".
import {
  UART_IER, UART_IIR, UART_LCR, UART_LCR_DLAB, UART_LSR, UART_LSR_DR, UART_MCR, UART_MSR, UART_RX, UART_SCR,
  type SerialState,
} from "../../src/kvm/serial.ts";

/**
 * The byte a guest reads from register `offset` (0..7) of the UART in state `s`.
 * QEMU 7.2 hw/char/serial.c: serial_ioport_read.
 */
export function serial_ioport_read(s: SerialState, offset: number): number {
  switch (offset) {
    case UART_RX:
      if (s.lcr & UART_LCR_DLAB) return s.divider & 0xff;
      s.lsr &= ~UART_LSR_DR; // the byte is taken
      return s.rbr;
    case UART_IER:
      return s.lcr & UART_LCR_DLAB ? (s.divider >> 8) & 0xff : s.ier;
    case UART_IIR:
      return s.iir;
    case UART_LCR:
      return s.lcr;
    case UART_MCR:
      return s.mcr;
    case UART_LSR:
      return s.lsr;
    case UART_MSR:
      return s.msr;
    case UART_SCR:
      return s.scr;
    default:
      return 0xff;
  }
}
