// Bad input to the `vm` command and the VMM: each is one line naming the problem and the fix, with the exit
// status of a usage error (2) or of a guest that failed (1); never a stack trace, never a hang.
import { expect, test } from "vitest";
import { NOBODY, needs } from "../../src/course/oracle.ts";
import { KvmAccelerator, kvmOpenError } from "../../src/kvm/kvm.ts";
import { checkMemory, parseMemory } from "../../src/kvm/vm.ts";
import { vmCommand } from "./vmm.ts";

test("/dev/kvm missing and /dev/kvm not permitted say different things, each with its fix", () => {
  expect(kvmOpenError("/dev/kvm", "ENOENT", "")).toMatch(/^\/dev\/kvm does not exist: .*kvm_intel or kvm_amd.*--accel soft$/);
  expect(kvmOpenError("/dev/kvm", "EACCES", "")).toMatch(/^\/dev\/kvm: permission denied: add your user to the kvm group.*--accel soft$/);
});

test("guest memory must be a whole number of 4 KiB pages", () => {
  expect(parseMemory("64K")).toBe(64 * 1024);
  expect(parseMemory("2M")).toBe(2 * 1024 * 1024);
  expect(() => checkMemory(5000)).toThrow(/^guest memory of 5000 bytes is not a multiple of 4 KiB \(4096\).*try 8K$/);
  expect(() => parseMemory("lots")).toThrow(/^--mem lots: expected a size such as 64K/);
});

const kvm = needs("/dev/kvm", "as");

kvm.test("a path that is not there is ENOENT, from the real open(2)", () => {
  expect(() => new KvmAccelerator("/dev/no-such-kvm")).toThrow(/^\/dev\/no-such-kvm does not exist: /);
});

needs("/dev/kvm", "unprivileged user").test("a user outside the kvm group gets EACCES from the real open(2), and the fix", async () => {
  const run = await vmCommand(["--accel", "kvm", "src/kvm/guests/lwn-add.s"], { uid: NOBODY.uid });
  expect(run.stderr.trim()).toBe("vm: /dev/kvm: permission denied: add your user to the kvm group (sudo usermod -aG kvm $USER, then log in again), or use --accel soft");
  expect(run.status).toBe(2);
}, 30_000);

kvm.test("the vm command: bad sizes, a big image, a triple fault, a guest that never halts, an unhandled port, long mode on the software CPU", async () => {
  const [notPages, tooSmall, tripleFault, spin, trace, missing, softLong] = await Promise.all([
    vmCommand(["--accel", "kvm", "--mem", "5000", "src/kvm/guests/hello.s"]),
    vmCommand(["--accel", "kvm", "--mem", "16K", "src/kvm/guests/hello.s"]),
    vmCommand(["--accel", "kvm", "src/kvm/guests/triple-fault.s"]),
    vmCommand(["--accel", "kvm", "--timeout", "0.3", "src/kvm/guests/spin.s"]),
    vmCommand(["--accel", "kvm", "--trace", "src/kvm/guests/string-io.s"]),
    vmCommand(["--accel", "kvm", "no-such-image.img"]),
    vmCommand(["--accel", "soft", "src/kvm/guests/long-mode.s"]),
  ]);
  expect([notPages.status, notPages.stderr]).toEqual([2, "vm: guest memory of 5000 bytes is not a multiple of 4 KiB (4096): KVM maps memory in whole pages; try 8K\n"]);
  expect([tooSmall.status, tooSmall.stderr]).toEqual([2, "vm: the image (512 bytes at 0x7c00) is larger than guest memory (16K): use --mem 32K or more\n"]);
  expect(tripleFault.status).toBe(1);
  expect(tripleFault.stderr).toMatch(/^vm: the guest triple-faulted \(KVM_EXIT_SHUTDOWN[^\n]*\n$/);
  expect(spin.status).toBe(1);
  expect(spin.stderr).toMatch(/^vm: the guest did not halt within 0.3 s: stopped at 0000:7c0\w \(raise --timeout[^\n]*\n$/);
  expect(trace.status).toBe(3);
  expect(trace.stderr.split("\n").filter((l) => l.startsWith("unhandled"))).toEqual(["unhandled in port 0x200: reads all ones (0xff), as on real hardware (reported once)"]);
  expect([missing.status, missing.stderr]).toEqual([2, "vm: no-such-image.img: no such file\n"]);
  expect([softLong.status, softLong.stderr]).toEqual([2, "vm: a long-mode guest needs KVM: the software CPU runs real mode only\n"]);
}, 90_000); // seven commands at once, each starting Node and tsx: slow on a loaded machine
