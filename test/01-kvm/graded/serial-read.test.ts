// Graded suite for exercise 01-kvm/serial-read: guests that poll LSR and probe every UART register run on
// KVM (or the software CPU where /dev/kvm is missing) inside our VMM with the learner's register reads, and must print and exit as under real QEMU, whose
// hw/char/serial.c is the model; then random register traffic through the whole UART.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { guest } from "../../../src/kvm/gas.ts";
import { Serial, UART_IER, UART_LCR, UART_LSR, UART_RX, UART_SCR } from "../../../src/kvm/serial.ts";
import { qemu } from "../qemu.ts";
import { anyAccelerator, runGuest } from "../vmm.ts";

graded("the polling hello guest and the register probe print and exit exactly as under real QEMU", 6, async () => {
  const accel = anyAccelerator();
  for (const name of ["hello", "uart-probe"]) {
    const image = guest(name);
    const ours = runGuest(accel, image, { timeoutMs: 2000 });
    const theirs = await qemu(image.bytes);
    expect({ guest: name, serial: ours.serial, outcome: ours.outcome }, "serial output and exit status under our VMM versus QEMU (a wrong LSR makes the guest wait forever)")
      .toEqual({ guest: name, serial: theirs.serial, outcome: { kind: "exited", status: theirs.status } });
  }
}, { needs: ["qemu-system-x86_64", "as"], timeout: 30_000 });

graded("scratch, divisor latch and IER read back what was written, LSR always allows the next byte", 4, () => {
  fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(UART_RX, UART_IER, UART_LCR, UART_SCR), fc.integer({ min: 0, max: 255 })), { maxLength: 30 }), (writes) => {
    const uart = new Serial(() => {});
    let lcr = 0, dll = 0x0c, dlm = 0, ier = 0, scr = 0;
    for (const [reg, value] of writes) {
      uart.write(reg, 1, value);
      if (reg === UART_LCR) lcr = value;
      else if (reg === UART_SCR) scr = value;
      else if (lcr & 0x80) reg === UART_RX ? (dll = value) : (dlm = value);
      else if (reg === UART_IER) ier = value & 0x0f;
    }
    const dlab = (lcr & 0x80) !== 0;
    expect(uart.read(UART_SCR), "SCR").toBe(scr);
    expect(uart.read(UART_LCR), "LCR").toBe(lcr);
    expect(uart.read(UART_LSR) & 0x60, "LSR: THRE | TEMT").toBe(0x60);
    expect(uart.read(UART_IER), dlab ? "offset 1 with DLAB: DLM" : "IER").toBe(dlab ? dlm : ier);
    if (dlab) expect(uart.read(UART_RX), "offset 0 with DLAB: DLL").toBe(dll);
  }), { numRuns: 200 });
});
