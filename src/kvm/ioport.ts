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
  /** One bit per port (port >> 3, bit port & 7), set when a device claims it: a port nobody claims is
   *  known from one load, and the KVM shim reads the same bits to answer such accesses by itself. 8 KiB,
   *  not a 65,536-entry table: a VM's life cycle would pay for faulting in every page of it. */
  readonly claimed = new Uint8Array(PORTS / 8);
  /** port * 2 + (1 for out): the unhandled accesses reported already. */
  private readonly reported = new Set<number>();

  /** `onUnhandled` hears once per port and direction about an access nobody claims (--trace prints it). */
  constructor(private readonly onUnhandled: (port: number, direction: "in" | "out") => void = () => {}) {}

  register(start: number, length: number, device: PortDevice): void {
    const clash = this.ranges.find((r) => start < r.start + r.length && r.start < start + length);
    if (clash) throw new Error(`ports ${hex(start)}-${hex(start + length - 1)} of ${device.name} overlap ${clash.device.name}`);
    this.ranges.push({ start, length, device });
    for (let port = start; port < start + length; port++) this.claimed[port >> 3]! |= 1 << (port & 7);
  }

  private find(port: number): Range | undefined {
    if ((this.claimed[port >> 3]! & (1 << (port & 7))) === 0) return undefined;
    const ranges = this.ranges;
    for (let i = 0; i < ranges.length; i++) if (port - ranges[i]!.start >>> 0 < ranges[i]!.length) return ranges[i];
    return undefined;
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
