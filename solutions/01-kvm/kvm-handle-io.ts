// Exercise 01-kvm/kvm-handle-io: hand a port-I/O exit to the port bus, one access at a time.
// Points: 10. Grade it with: npm run grade -- 01-kvm/kvm-handle-io
// Hints: exercises/01-kvm/kvm-handle-io.hints.md. The chapter section: "Port I/O exits".
import type { PortBus } from "../../src/kvm/ioport.ts";

/**
 * Performs the `count` accesses of `size` bytes an I/O exit stands for. For "out", each access's value is in
 * `data` (little-endian, one after another); for "in", each value read from the bus goes into `data` the same
 * way, where KVM picks it up on the next KVM_RUN. QEMU 7.2 accel/kvm/kvm-all.c: kvm_handle_io.
 */
export function kvm_handle_io(bus: PortBus, port: number, data: Uint8Array, direction: "in" | "out", size: 1 | 2 | 4, count: number): void {
  for (let at = 0; at < size * count; at += size) {
    if (direction === "out") {
      let value = 0; // little-endian: the byte at `at` is the lowest
      for (let i = size - 1; i >= 0; i--) value = value * 256 + data[at + i]!;
      bus.write(port, size, value);
    } else {
      let value = bus.read(port, size);
      for (let i = 0; i < size; i++, value >>>= 8) data[at + i] = value & 0xff;
    }
  }
}
