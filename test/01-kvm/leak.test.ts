// Every VM gives back what it took: 2,000 VMs are created, run to HLT and closed, and the process's KVM file
// descriptors (anon_inode:kvm-vm, anon_inode:kvm-vcpu in /proc/self/fd) and kvm_run mappings (/proc/self/maps)
// come back to what they were, and its mappings in all do not grow.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { guest } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { runGuest } from "./vmm.ts";

function kvmFds(): number {
  let n = 0;
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      if (/^anon_inode:kvm-(vm|vcpu)/.test(readlinkSync(`/proc/self/fd/${fd}`))) n++;
    } catch {
      // closed meanwhile (the fd readdir itself used)
    }
  }
  return n;
}

function mappings(): { all: number; kvmRun: number } {
  const lines = readFileSync("/proc/self/maps", "utf8").trim().split("\n");
  return { all: lines.length, kvmRun: lines.filter((l) => l.includes("kvm-vcpu")).length };
}

needs("/dev/kvm", "as").test("2,000 VMs leave no file descriptors or mappings behind", () => {
  const accel = new KvmAccelerator();
  const image = guest("lwn-add");
  const cycle = () => {
    const run = runGuest(accel, image, { regs: { rax: 2, rbx: 2 }, memory: 64 * 1024, timeoutMs: 0 });
    expect(run.outcome.kind).toBe("halted");
  };
  for (let i = 0; i < 20; i++) cycle(); // warm up: the JIT, the heap
  const before = { fds: kvmFds(), maps: mappings() };
  for (let i = 0; i < 2000; i++) cycle();
  const after = { fds: kvmFds(), maps: mappings() };
  expect({ kvmFds: after.fds, kvmRunMappings: after.maps.kvmRun }).toEqual({ kvmFds: before.fds, kvmRunMappings: before.maps.kvmRun });
  // Node's heap maps and unmaps a few regions of its own meanwhile; a leaked guest memory would be 2,000
  expect(Math.abs(after.maps.all - before.maps.all), `mappings before ${before.maps.all}, after ${after.maps.all}`).toBeLessThan(50);
  accel.close();
}, 120_000);
