// QEMU 7.2 migration/savevm.c: savevm and loadvm. A snapshot is the VM's state in the shape of QEMU's
// migration stream: a magic number and a version, then one section per piece of state (RAM, the vCPU,
// the virtual clock, each device), each framed by its id string, instance and version, and closed by a
// footer that repeats the section id; then an end marker. QEMU writes it into the qcow2 image; we write
// it to a file next to the -drive image.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DescriptorTable, Regs, Segment, Sregs } from "../kvm/vcpu.ts";
import { QEMUClockType } from "./qemu-timer.ts";
import type { Qemu } from "./vl.ts";

// #region stream-constants
/** QEMU 7.2 migration/savevm.c. */
export const QEMU_VM_FILE_MAGIC = 0x5145564d; // "QEVM"
export const QEMU_VM_FILE_VERSION = 0x00000003;
export const QEMU_VM_EOF = 0x00;
export const QEMU_VM_SECTION_FULL = 0x04;
export const QEMU_VM_CONFIGURATION = 0x07;
export const QEMU_VM_SECTION_FOOTER = 0x7e;
// #endregion stream-constants

const REG_NAMES: (keyof Regs)[] = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags"];
const SEG_NAMES = ["cs", "ds", "es", "fs", "gs", "ss", "tr", "ldt"] as const;
const SEG_BYTES = ["type", "present", "dpl", "db", "s", "l", "g", "avl"] as const;
const CR_NAMES = ["cr0", "cr2", "cr3", "cr4", "cr8", "efer", "apic_base"] as const;

class Writer {
  private readonly chunks: Uint8Array[] = [];
  u8(v: number): void {
    this.chunks.push(Uint8Array.of(v));
  }
  be32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v >>> 0);
    this.chunks.push(b);
  }
  be64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(Math.floor(v)));
    this.chunks.push(b);
  }
  bytes(b: Uint8Array): void {
    this.chunks.push(b.slice());
  }
  str(s: string): void {
    this.u8(s.length);
    this.bytes(new TextEncoder().encode(s));
  }
  done(): Uint8Array {
    return Buffer.concat(this.chunks);
  }
}

class Reader {
  private pos = 0;
  private readonly view: DataView;
  constructor(private readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  private need(n: number): void {
    if (this.pos + n > this.b.length) throw new Error(`truncated at byte ${this.pos} (wanted ${n} more, file has ${this.b.length})`);
  }
  u8(): number {
    this.need(1);
    return this.b[this.pos++];
  }
  be32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }
  be64(): number {
    this.need(8);
    const v = Number(this.view.getBigUint64(this.pos));
    this.pos += 8;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.b.slice(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  str(): string {
    return new TextDecoder().decode(this.bytes(this.u8()));
  }
  get at(): number {
    return this.pos;
  }
}

function encodeCpu(regs: Regs, sregs: Sregs): Uint8Array {
  const w = new Writer();
  for (const r of REG_NAMES) w.be64(regs[r]);
  for (const name of SEG_NAMES) {
    const s: Segment = sregs[name];
    w.be64(s.base);
    w.be32(s.limit);
    w.be32(s.selector);
    for (const f of SEG_BYTES) w.u8(s[f]);
  }
  for (const t of [sregs.gdt, sregs.idt]) {
    w.be64(t.base);
    w.be32(t.limit);
  }
  for (const c of CR_NAMES) w.be64(sregs[c]);
  return w.done();
}

function decodeCpu(data: Uint8Array): { regs: Regs; sregs: Sregs } {
  const r = new Reader(data);
  const regs = Object.fromEntries(REG_NAMES.map((n) => [n, r.be64()])) as unknown as Regs;
  const segs = Object.fromEntries(
    SEG_NAMES.map((n) => {
      const base = r.be64();
      const limit = r.be32();
      const selector = r.be32();
      const rest = Object.fromEntries(SEG_BYTES.map((f) => [f, r.u8()]));
      return [n, { base, limit, selector, ...rest } as Segment];
    }),
  );
  const table = (): DescriptorTable => ({ base: r.be64(), limit: r.be32() });
  const gdt = table();
  const idt = table();
  const crs = Object.fromEntries(CR_NAMES.map((c) => [c, r.be64()]));
  return { regs, sregs: { ...segs, gdt, idt, ...crs } as unknown as Sregs };
}

interface Section {
  idstr: string;
  instance_id: number;
  version_id: number;
  data: Uint8Array;
}

/** The sections of a snapshot, in the order QEMU's savevm_state handlers run. */
function sections(qemu: Qemu): Section[] {
  const m = qemu.machine;
  const cpu = m.getCpuState();
  const clock = new Writer();
  clock.be64(qemu.loop.clocks.qemu_clock_get_ns(QEMUClockType.QEMU_CLOCK_VIRTUAL));
  return [
    { idstr: "ram", instance_id: 0, version_id: 4, data: m.memory },
    { idstr: "timer", instance_id: 0, version_id: 2, data: clock.done() },
    { idstr: "cpu", instance_id: 0, version_id: 12, data: encodeCpu(cpu.regs, cpu.sregs) },
    ...m.devices.map((d, i) => ({ idstr: d.name, instance_id: i, version_id: d.version_id, data: d.save() })),
  ];
}

// #region save-stream
/** QEMU 7.2 migration/savevm.c: qemu_savevm_state (header, configuration, full sections, EOF). */
export function qemu_savevm_state(qemu: Qemu, machine_type: string): Uint8Array {
  const w = new Writer();
  w.be32(QEMU_VM_FILE_MAGIC);
  w.be32(QEMU_VM_FILE_VERSION);
  w.u8(QEMU_VM_CONFIGURATION);
  w.str(machine_type);
  sections(qemu).forEach((s, section_id) => {
    w.u8(QEMU_VM_SECTION_FULL);
    w.be32(section_id);
    w.str(s.idstr);
    w.be32(s.instance_id);
    w.be32(s.version_id);
    w.be32(s.data.length); // ours: QEMU's sections have no length, their VMStateDescription knows it
    w.bytes(s.data);
    w.u8(QEMU_VM_SECTION_FOOTER);
    w.be32(section_id);
  });
  w.u8(QEMU_VM_EOF);
  return w.done();
}
// #endregion save-stream

/**
 * QEMU 7.2 migration/savevm.c: qemu_loadvm_state. Everything is read and checked before anything is
 * applied, so a corrupt or truncated snapshot leaves the running VM untouched.
 */
export function qemu_loadvm_state(qemu: Qemu, stream: Uint8Array, machine_type: string): void {
  const r = new Reader(stream);
  const magic = r.be32();
  if (magic !== QEMU_VM_FILE_MAGIC) throw new Error(`not a snapshot: magic 0x${magic.toString(16)}, expected 0x${QEMU_VM_FILE_MAGIC.toString(16)} ("QEVM")`);
  const version = r.be32();
  if (version !== QEMU_VM_FILE_VERSION) throw new Error(`unsupported snapshot version ${version}`);
  if (r.u8() !== QEMU_VM_CONFIGURATION) throw new Error("configuration section missing");
  const machine = r.str();
  if (machine !== machine_type) throw new Error(`snapshot of machine '${machine}', this is '${machine_type}'`);
  const expected = sections(qemu);
  const loaded = new Map<string, Uint8Array>();
  for (;;) {
    const type = r.u8();
    if (type === QEMU_VM_EOF) break;
    if (type !== QEMU_VM_SECTION_FULL) throw new Error(`unknown section type 0x${type.toString(16)} at byte ${r.at - 1}`);
    const section_id = r.be32();
    const idstr = r.str();
    const instance_id = r.be32();
    const version_id = r.be32();
    const data = r.bytes(r.be32());
    if (r.u8() !== QEMU_VM_SECTION_FOOTER || r.be32() !== section_id) throw new Error(`section '${idstr}': footer missing or wrong`);
    const want = expected.find((s) => s.idstr === idstr && s.instance_id === instance_id);
    if (!want) throw new Error(`unknown section '${idstr}' instance ${instance_id}`);
    if (version_id !== want.version_id) throw new Error(`section '${idstr}': version ${version_id}, expected ${want.version_id}`);
    if (data.length !== want.data.length && idstr !== "cpu") throw new Error(`section '${idstr}': ${data.length} bytes, expected ${want.data.length}`);
    loaded.set(`${idstr}/${instance_id}`, data);
  }
  for (const s of expected) if (!loaded.has(`${s.idstr}/${s.instance_id}`)) throw new Error(`section '${s.idstr}' missing`);
  const cpu = decodeCpu(loaded.get("cpu/0")!);
  // Checked: now apply.
  const m = qemu.machine;
  m.memory.set(loaded.get("ram/0")!);
  qemu.loop.clocks.cpu_clock_set(new Reader(loaded.get("timer/0")!).be64());
  m.setCpuState(cpu);
  m.devices.forEach((d, i) => d.load(loaded.get(`${d.name}/${i}`)!, d.version_id));
  qemu.cpu.reset();
}

export interface SnapshotInfo {
  name: string;
  vm_state_size: number;
  date_sec: number;
  vm_clock_nsec: number;
}

/** Snapshots kept in a folder; QEMU keeps them in the qcow2 image's snapshot table. */
export class SnapshotStore {
  constructor(readonly dir: string) {}

  private file(name: string): string {
    if (!/^[A-Za-z0-9_.-]+$/.test(name)) throw new Error(`snapshot name '${name}': use letters, digits, '.', '_' or '-'`);
    return join(this.dir, `${name}.vmstate`);
  }

  write(name: string, stream: Uint8Array, vm_clock_nsec: number): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.file(name), stream);
    writeFileSync(`${this.file(name)}.clock`, String(vm_clock_nsec));
  }

  read(name: string): Uint8Array {
    const f = this.file(name);
    if (!existsSync(f)) throw new Error(`Snapshot '${name}' does not exist in one or more devices`);
    return readFileSync(f);
  }

  list(): SnapshotInfo[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".vmstate"))
      .sort()
      .map((f) => {
        const path = join(this.dir, f);
        const clock = existsSync(`${path}.clock`) ? Number(readFileSync(`${path}.clock`, "utf8")) : 0;
        return { name: f.slice(0, -".vmstate".length), vm_state_size: statSync(path).size, date_sec: Math.floor(statSync(path).mtimeMs / 1000), vm_clock_nsec: clock };
      });
  }
}
