// Graded suite for exercise 01-kvm/kvm-handle-io: the learner's dispatch runs every port access of real
// guests on KVM inside our VMM (serial bytes and exit status must match real QEMU's), and random exits of
// every size and count against a recording device.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { guest } from "../../../src/kvm/gas.ts";
import { PortBus } from "../../../src/kvm/ioport.ts";
import { kvm_handle_io } from "../../../src/kvm/seams.ts";
import { qemu } from "../qemu.ts";
import { anyAccelerator, runGuest } from "../vmm.ts";

graded("guests doing byte, word and string I/O print and exit exactly as under real QEMU", 6, async () => {
  const accel = anyAccelerator();
  // the software CPU has no string I/O (rep insb): string-io runs on KVM only
  for (const name of ["string-io", "uart-probe", "hello"].filter((g) => accel.name === "kvm" || g !== "string-io")) {
    const image = guest(name);
    const ours = runGuest(accel, image);
    const theirs = await qemu(image.bytes);
    expect({ guest: name, serial: ours.serial, outcome: ours.outcome }, "serial output and exit status under our VMM versus QEMU")
      .toEqual({ guest: name, serial: theirs.serial, outcome: { kind: "exited", status: theirs.status } });
  }
}, { needs: ["qemu-system-x86_64", "as"], timeout: 30_000 });

graded("an exit of count accesses of size bytes is count bus accesses, values little-endian", 4, () => {
  fc.assert(fc.property(
    fc.constantFrom<1 | 2 | 4>(1, 2, 4), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 0xfff0 }), fc.boolean(), fc.uint8Array({ minLength: 64, maxLength: 64 }),
    (size, count, port, out, bytes) => {
      const seen: [string, number, number, number][] = [];
      const answers = Buffer.from(bytes);
      let next = 0;
      const bus = new PortBus();
      bus.register(port, 1, {
        name: "recorder", accessSize: 4,
        read: (_o, s) => {
          const value = answers.readUIntLE(next, s);
          seen.push(["in", port, s, value]);
          next += s;
          return value;
        },
        write: (_o, s, v) => void seen.push(["out", port, s, v]),
      });
      const data = new Uint8Array(size * count + 8).subarray(4, 4 + size * count); // a view, as KVM's page is
      if (out) data.set(bytes.subarray(0, size * count));
      kvm_handle_io(bus, port, data, out ? "out" : "in", size, count);
      const expected = Array.from({ length: count }, (_, i) => [out ? "out" : "in", port, size, Buffer.from(bytes).readUIntLE(i * size, size)]);
      expect(seen, `${out ? "out" : "in"} of ${count} x ${size} bytes at port ${port}: the device's accesses`).toEqual(expected);
      if (!out) expect(Array.from(data), "what the guest reads: the bus's values in data, little-endian").toEqual(Array.from(bytes.subarray(0, size * count)));
    }), { numRuns: 200 });
});
