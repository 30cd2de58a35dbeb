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
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < count; i++) {
    const at = i * size;
    if (direction === "out") {
      const value = size === 1 ? view.getUint8(at) : size === 2 ? view.getUint16(at, true) : view.getUint32(at, true);
      bus.write(port, size, value);
    } else {
      const value = bus.read(port, size);
      if (size === 1) view.setUint8(at, value);
      else if (size === 2) view.setUint16(at, value, true);
      else view.setUint32(at, value, true);
    }
  }
}
