// Every VM gives back what it took: 2,000 VMs are created, run to HLT and closed, and the process's open
// file descriptors (/proc/self/fd) and mappings (/proc/self/maps) do not grow.
import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { guest } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { runGuest } from "./vmm.ts";

const fds = () => readdirSync("/proc/self/fd").length;
const mappings = () => readFileSync("/proc/self/maps", "utf8").split("\n").length;

needs("/dev/kvm", "as").test("2,000 VMs leave no file descriptors or mappings behind", () => {
  const accel = new KvmAccelerator();
  const image = guest("lwn-add");
  const cycle = () => {
    const run = runGuest(accel, image, { regs: { rax: 2, rbx: 2 }, memory: 64 * 1024, timeoutMs: 0 });
    expect(run.outcome.kind).toBe("halted");
  };
  for (let i = 0; i < 20; i++) cycle(); // warm up: the JIT, the shim's timer, the heap
  const before = { fds: fds(), mappings: mappings() };
  for (let i = 0; i < 2000; i++) cycle();
  const after = { fds: fds(), mappings: mappings() };
  expect(after.fds).toBe(before.fds);
  // the JavaScript heap may map or unmap a few regions of its own meanwhile; one leaked VM would be 2,000
  expect(Math.abs(after.mappings - before.mappings)).toBeLessThan(20);
  accel.close();
}, 60_000);
