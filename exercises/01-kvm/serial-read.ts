// Exercise 01-kvm/serial-read: what a guest reads from each register of the 16550 UART.
// Points: 10. Grade it with: npm run grade -- 01-kvm/serial-read
// Hints: exercises/01-kvm/serial-read.hints.md. The chapter section: "The UART: eight ports".
import { todo } from "../../src/course/todo.ts";
import type { SerialState } from "../../src/kvm/serial.ts";

/**
 * The byte a guest reads from register `offset` (0..7) of the UART in state `s`.
 * QEMU 7.2 hw/char/serial.c: serial_ioport_read.
 *
 * Offsets 0 and 1 depend on LCR's DLAB bit: with it set they are the divisor latch (DLL, DLM), without it
 * the receive buffer (reading it clears LSR's data-ready bit) and IER. Offsets 2 to 7 read IIR, LCR, MCR,
 * LSR, MSR and SCR from the state. The register names and bits are exported by src/kvm/serial.ts.
 */
export function serial_ioport_read(s: SerialState, offset: number): number {
  return todo("01-kvm/serial-read");
}
