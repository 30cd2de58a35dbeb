// The port-I/O bus: the x86 I/O address space (ports 0..0xffff) and the devices that claim ranges of it.
// QEMU 7.2 softmmu/ioport.c (the "io" address space, unassigned_io_read/unassigned_io_write) and
// softmmu/memory.c (access_with_adjusted_size: a device that takes only bytes sees a 2-byte access as two).

// #region port-device
/** A device on the bus. `offset` is the port minus the start of the device's range. */
export interface PortDevice {
  readonly name: string;
  /** The widest access the device takes; wider ones are split into bytes at consecutive ports. */
  readonly accessSize: 1 | 2 | 4;
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
}
// #endregion port-device

interface Range { start: number; length: number; device: PortDevice }

/** The x86 I/O address space: ports 0 to 0xffff. */
const PORTS = 0x10000;

export class PortBus {
  private readonly ranges: Range[] = [];
  /** For each port, 1 + the index in `ranges` of the range claiming it, or 0: finding the device of an
   *  access is one array load (QEMU finds it in a flattened view of the address space, FlatView). The KVM
   *  shim reads it too, to answer accesses to ports nobody claims without a trip to TypeScript. */
  readonly deviceAt = new Uint16Array(PORTS);
  /** port * 2 + (1 for out): the unhandled accesses reported already. */
  private readonly reported = new Set<number>();

  /** `onUnhandled` hears once per port and direction about an access nobody claims (--trace prints it). */
  constructor(private readonly onUnhandled: (port: number, direction: "in" | "out") => void = () => {}) {}

  register(start: number, length: number, device: PortDevice): void {
    const clash = this.ranges.find((r) => start < r.start + r.length && r.start < start + length);
    if (clash) throw new Error(`ports ${hex(start)}-${hex(start + length - 1)} of ${device.name} overlap ${clash.device.name}`);
    this.ranges.push({ start, length, device });
    this.deviceAt.fill(this.ranges.length, start, start + length);
  }

  private find(port: number): Range | undefined {
    const index = this.deviceAt[port];
    return index ? this.ranges[index - 1] : undefined;
  }

  // #region bus-access
  /** A read of `size` bytes from `port`. Nobody there: all ones, like the floating bus of real hardware. */
  read(port: number, size: 1 | 2 | 4): number {
    const range = this.find(port);
    if (!range) {
      this.report(port, "in");
      return size === 4 ? 0xffffffff : (1 << (8 * size)) - 1;
    }
    if (size <= range.device.accessSize) return range.device.read(port - range.start, size);
    let value = 0;
    for (let i = 0; i < size; i++) value += this.read(port + i, 1) * 2 ** (8 * i);
    return value;
  }

  /** A write of `size` bytes to `port`. Nobody there: ignored. */
  write(port: number, size: 1 | 2 | 4, value: number): void {
    const range = this.find(port);
    if (!range) return this.report(port, "out");
    if (size <= range.device.accessSize) return range.device.write(port - range.start, size, value);
    for (let i = 0; i < size; i++) this.write(port + i, 1, Math.floor(value / 2 ** (8 * i)) & 0xff);
  }
  // #endregion bus-access

  private report(port: number, direction: "in" | "out"): void {
    const key = port * 2 + (direction === "out" ? 1 : 0);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.onUnhandled(port, direction);
  }
}

export const hex = (n: number, digits = 0): string => `0x${n.toString(16).padStart(digits, "0")}`;
