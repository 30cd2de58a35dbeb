// The shipped guests on KVM, through the whole VMM: the LWN 2 + 2 guest for any inputs, long mode, a triple
// fault, a guest that never halts, string I/O and an unhandled port in the trace, MMIO beyond memory.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { assemble } from "../../src/kvm/asm/assemble.ts";
import { guest, GUESTS } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { asciz, runGuest } from "./vmm.ts";

const kvm = needs("/dev/kvm", "as");

needs("as").test("our assembler builds every real-mode guest it can to the same bytes as GNU as", () => {
  // triple-fault.s uses lgdt and 32-bit code, outside our assembler's subset
  for (const name of ["hello", "lwn-add", "uart-probe", "string-io", "spin", "exits", "mmio", "tight-loop"]) {
    const ours = assemble(source(name), { origin: 0x7c00, file: `${name}.s` }).bytes;
    expect(Buffer.from(ours).toString("hex"), `${name}.s`).toBe(Buffer.from(guest(name).bytes).toString("hex"));
  }
});
const source = (name: string) => readFileSync(join(GUESTS, `${name}.s`), "utf8");

kvm.describe("guests on KVM", () => {
  const accel = () => new KvmAccelerator();

  kvm.test("the LWN guest prints al + bl + '0' for the registers the VMM sets, and halts", () => {
    const image = guest("lwn-add");
    const a = accel();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (al, bl) => {
        const run = runGuest(a, image, { regs: { rax: al, rbx: bl } });
        expect(run.outcome).toEqual({ kind: "halted" });
        expect(run.serial).toBe(String.fromCharCode((al + bl + 0x30) & 0xff) + "\n");
      }),
      { numRuns: 40 },
    );
    a.close();
  });

  kvm.test("hello polls LSR, prints its message and exits through isa-debug-exit with status (0 << 1) | 1", () => {
    const run = runGuest(accel(), guest("hello"));
    expect(run.serial).toBe(asciz(source("hello")));
    expect(run.outcome).toEqual({ kind: "exited", status: 1 });
    expect(run.trace.filter((l) => l.startsWith("exit io in port 0x03fd size 1 data 60"))).toHaveLength(run.serial.length);
  });

  kvm.test("the long-mode guest runs 64-bit code from its first instruction", () => {
    const a = accel();
    const run = runGuest(a, guest("long-mode"));
    expect(run.serial).toBe(asciz(source("long-mode")));
    expect(run.outcome).toEqual({ kind: "halted" });
  });

  kvm.test("a triple fault is KVM_EXIT_SHUTDOWN, reported with where it happened", () => {
    const run = runGuest(accel(), guest("triple-fault"));
    expect(run.outcome.kind).toBe("failed");
    expect(run.outcome.kind === "failed" && run.outcome.message).toMatch(/^the guest triple-faulted \(KVM_EXIT_SHUTDOWN.* at rip 0x7c/);
  });

  kvm.test("a guest that never halts is kicked out of KVM_RUN at its timeout", () => {
    const run = runGuest(accel(), guest("spin"), { timeoutMs: 200 });
    expect(run.outcome.kind === "failed" && run.outcome.message).toMatch(/^the guest did not halt within 0.2 s: stopped at 0000:7c0[0-9a-f]/);
    expect(run.trace.at(-1)).toBe("exit interrupted");
  });

  kvm.test("rep insb is one exit with count 3; an unhandled port reads all ones and is traced once", () => {
    const run = runGuest(accel(), guest("string-io"));
    expect(run.serial.startsWith("string I/O: KKK")).toBe(true);
    expect(run.trace).toContain("exit io in port 0x03ff size 1 count 3 data 4b 4b 4b");
    expect(run.trace).toContain("exit io in port 0x0200 size 2 data ff ff");
    expect(run.trace.filter((l) => l.startsWith("unhandled in port 0x200"))).toHaveLength(1);
    expect(run.outcome).toEqual({ kind: "exited", status: 3 });
  });

  kvm.test("an access beyond guest memory is KVM_EXIT_MMIO: a read sees all ones, a write goes nowhere", () => {
    const run = runGuest(accel(), guest("mmio"), { memory: 64 * 1024 });
    expect(run.trace.slice(0, 2)).toEqual(["exit mmio read 0x20000 len 1", "exit mmio write 0x20001 len 1"]);
    expect(run.serial).toBe("ff\n");
    expect(run.outcome).toEqual({ kind: "halted" });
  });
});
