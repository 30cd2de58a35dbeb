// npm run bench -- kvm: our VMM (shim + TypeScript run loop) against the same loop in C, compiled here by gcc:
// an exit-heavy guest (60,000 `out` instructions, each a KVM_EXIT_IO) and the VM life cycle (create, load,
// run to hlt, destroy). Then the software CPU's guest instructions per second on a tight loop, and KVM's.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median, report, time, type Row } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";
import { guest } from "../../src/kvm/gas.ts";
import { decodeSregs, encodeRegs, encodeSregs, KVM_EXIT_HLT, KVM_REGS_SIZE, KVM_RUN, KVM_SREGS } from "../../src/kvm/kvm-structs.ts";
import { loadShim } from "../../src/kvm/shim.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { SoftAccelerator } from "../../src/kvm/softcpu/soft.ts";
import { emptyRegs, realModeSegment, type Accelerator } from "../../src/kvm/vcpu.ts";
import { Vm, type Outcome } from "../../src/kvm/vm.ts";
import { ROOT } from "../01-kvm/vmm.ts";

const dir = join(ROOT, "build", "bench");
mkdirSync(dir, { recursive: true });

/** Seconds by the wall clock and of processor time (process.cpuUsage: user + system) that `fn` takes. */
function clocks(fn: () => void): [number, number] {
  const t = process.hrtime.bigint();
  const u = process.cpuUsage();
  fn();
  const used = process.cpuUsage(u);
  return [Number(process.hrtime.bigint() - t) / 1e9, (used.user + used.system) / 1e6];
}

/** Wall and processor seconds in the run loop alone (as the C peer counts them), for a boot sector on a fresh VM. */
function runLoopSeconds(accel: Accelerator, image: Uint8Array, unclaimedPortsInAccelerator = false): [number, number] {
  const vm = new Vm({ accel, memory: 2 << 20, serial: () => {}, unclaimedPortsInAccelerator });
  try {
    vm.loadBootSector(image);
    let outcome: Outcome | undefined;
    const seconds = clocks(() => (outcome = vm.run()));
    if (outcome?.kind !== "halted") throw new Error(JSON.stringify(outcome));
    return seconds;
  } finally {
    vm.close();
  }
}

/** A VM made through the shim alone, as the C peer makes it: the boot sector at 0000:7c00, registers set. */
function shimVm(kvmFd: number, image: Uint8Array, memoryBytes: number) {
  const shim = loadShim();
  const [vm, memory] = shim.createVm(kvmFd, memoryBytes);
  new Uint8Array(memory).set(image, 0x7c00);
  const [vcpu, runArea] = shim.createVcpu(kvmFd, vm, 0);
  const sregs = new Uint8Array(KVM_SREGS.size);
  shim.getSregs(vcpu, sregs);
  const s = decodeSregs(sregs);
  s.cs = realModeSegment(0, true);
  s.ds = s.es = s.fs = s.gs = s.ss = realModeSegment(0);
  encodeSregs(s, sregs);
  shim.setSregs(vcpu, sregs);
  const regs = new Uint8Array(KVM_REGS_SIZE);
  encodeRegs({ ...emptyRegs(), rip: 0x7c00, rsp: 0x7c00, rax: 2, rbx: 2 }, regs);
  shim.setRegs(vcpu, regs);
  const exitReason = new Uint32Array(runArea, KVM_RUN.exit_reason, 1);
  return {
    /** KVM_RUN until hlt; the guests here only write to ports, so no exit needs an answer. */
    runToHlt() {
      do shim.run(vcpu);
      while (exitReason[0] !== KVM_EXIT_HLT);
    },
    release() {
      shim.release(vcpu, runArea);
      shim.release(vm, memory);
    },
  };
}

/** The floor under our loop: KVM_RUN through the shim and a check for hlt, with no decoding and no bus. */
function shimOnlySeconds(kvmFd: number, image: Uint8Array): [number, number] {
  const vm = shimVm(kvmFd, image, 2 << 20);
  const seconds = clocks(() => vm.runToHlt());
  vm.release();
  return seconds;
}

/** The floor under our life cycle: create, run to hlt and destroy through the shim alone. */
function shimOnlyLifeCycle(kvmFd: number, image: Uint8Array): void {
  const vm = shimVm(kvmFd, image, 64 << 10);
  vm.runToHlt();
  vm.release();
}

/** Runs a boot sector from a fresh VM to hlt: one whole life cycle. */
function runToEnd(accel: Accelerator, image: Uint8Array, memory: number): void {
  const vm = new Vm({ accel, memory, serial: () => {} });
  try {
    vm.loadBootSector(image, { rax: 2, rbx: 2 });
    const outcome = vm.run();
    if (outcome.kind !== "halted") throw new Error(JSON.stringify(outcome));
  } finally {
    vm.close();
  }
}

const exits = guest("exits");
const lwn = guest("lwn-add");
const loop = guest("tight-loop");
/** Instructions the tight loop executes: mov bx; 100 x (mov cx; 65,535 x loop; dec bx; jnz); hlt. */
const LOOP_INSTRUCTIONS = 1 + 100 * (1 + 0xffff + 2) + 1;

const rows: Row[] = [];
const kvm = oracle("/dev/kvm").available ? new KvmAccelerator() : undefined;
if (!kvm) {
  console.log("no /dev/kvm here: only the software CPU is measured");
} else {
  const exitsImage = join(dir, "exits.img");
  const lwnImage = join(dir, "lwn-add.img");
  writeFileSync(exitsImage, exits.bytes);
  writeFileSync(lwnImage, lwn.bytes);
  const peer = join(dir, "kvm-peer");
  const cc = spawnSync("gcc", ["-O2", "-o", peer, join(ROOT, "test", "bench", "kvm-peer.c")], { encoding: "utf8" });
  if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr}`);
  const kvmFd = loadShim().open("/dev/kvm"); // the shim-only rows open /dev/kvm once, as the C peer does
  const c = (args: string[]) => spawnSync(peer, args, { encoding: "utf8" }).stdout.trim().split("\n").map((l) => l.split(" ").map(Number));

  // Exits cost the same kernel work for both; the machine is shared, so the rounds alternate, ours then C's,
  // and each side's median counts, by the wall clock and in processor time (which leaves out the time the
  // process waited for a core while others used it).
  const oursExits: [number, number][] = [];
  const answeredExits: [number, number][] = [];
  const shimExits: [number, number][] = [];
  const cExits: [number, number][] = [];
  let n = 0;
  runLoopSeconds(kvm, exits.bytes); // warm up
  for (let round = 0; round < 5; round++) {
    oursExits.push(runLoopSeconds(kvm, exits.bytes));
    answeredExits.push(runLoopSeconds(kvm, exits.bytes, true));
    shimExits.push(shimOnlySeconds(kvmFd, exits.bytes));
    const [[ns, count, cpuNs]] = c(["exits", exitsImage, "1"]);
    cExits.push([ns / 1e9, cpuNs / 1e9]);
    n = count;
  }
  // A life cycle's kernel work varies with what the other cores are doing: each round flips KVM's static keys
  // (kvm_create_lapic, kvm_arch_vcpu_destroy), which patches kernel code and waits for every core. So the
  // turns are short and many, 15 of 20 rounds each, alternating ours, the shim alone, and C.
  const LIFE_ROUNDS = 20;
  const oursLife: [number, number][] = [];
  const shimLife: [number, number][] = [];
  const cLife: [number, number][] = [];
  runToEnd(kvm, lwn.bytes, 64 << 10); // warm up
  shimOnlyLifeCycle(kvmFd, lwn.bytes);
  for (let round = 0; round < 15; round++) {
    const [wall, cpu] = clocks(() => {
      for (let i = 0; i < LIFE_ROUNDS; i++) runToEnd(kvm, lwn.bytes, 64 << 10);
    });
    oursLife.push([wall / LIFE_ROUNDS, cpu / LIFE_ROUNDS]);
    const [shimWall, shimCpu] = clocks(() => {
      for (let i = 0; i < LIFE_ROUNDS; i++) shimOnlyLifeCycle(kvmFd, lwn.bytes);
    });
    shimLife.push([shimWall / LIFE_ROUNDS, shimCpu / LIFE_ROUNDS]);
    const rounds = c(["lifecycle", lwnImage, String(LIFE_ROUNDS)]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    cLife.push([mean(rounds.map(([ns]) => ns / 1e9)), mean(rounds.map(([, cpuNs]) => cpuNs / 1e9))]); // per round, as ours
  }
  const wall = (xs: [number, number][]) => median(xs.map(([w]) => w));
  const cpu = (xs: [number, number][]) => median(xs.map(([, p]) => p));
  rows.push({ case: `exit-heavy guest (${n} exits), each through the TypeScript loop, wall clock`, ours: wall(oursExits), peer: wall(cExits) });
  rows.push({ case: "  processor time", ours: cpu(oursExits), peer: cpu(cExits) });
  rows.push({ case: "  the unclaimed port answered in the shim (as npm run vm), wall clock", ours: wall(answeredExits), peer: wall(cExits) });
  rows.push({ case: "  the same, processor time", ours: cpu(answeredExits), peer: cpu(cExits) });
  rows.push({ case: "  shim only (no decoding, no bus), wall clock", ours: wall(shimExits), peer: wall(cExits) });
  rows.push({ case: "  shim only, processor time", ours: cpu(shimExits), peer: cpu(cExits) });
  rows.push({ case: "VM life cycle (create, run to hlt, destroy), wall clock", ours: wall(oursLife), peer: wall(cLife) });
  rows.push({ case: "  processor time", ours: cpu(oursLife), peer: cpu(cLife) });
  rows.push({ case: "  shim only (the same calls, no VMM), wall clock", ours: wall(shimLife), peer: wall(cLife) });
  rows.push({ case: "  shim only, processor time", ours: cpu(shimLife), peer: cpu(cLife) });
  report("KVM: our TypeScript VMM versus the same loop in C", "C", rows);
  const perSecond = (mine: [number, number][], how: string, measure: (xs: [number, number][]) => number, what: string) => {
    const [ours, theirs] = [n / measure(mine), n / measure(cExits)];
    console.log(`exits per second, ${how}, ${what}: ours ${Math.round(ours)}, C ${Math.round(theirs)}, ours/C ${(ours / theirs).toFixed(2)}`);
  };
  perSecond(oursExits, "through TypeScript", wall, "wall clock");
  perSecond(oursExits, "through TypeScript", cpu, "processor time");
  perSecond(answeredExits, "answered in the shim", wall, "wall clock");
  perSecond(answeredExits, "answered in the shim", cpu, "processor time");
  loadShim().release(kvmFd);
}

const soft = time(() => runToEnd(new SoftAccelerator(), loop.bytes, 64 << 10), 3);
console.log(`\nsoftware CPU: ${(LOOP_INSTRUCTIONS / soft / 1e6).toFixed(1)} million guest instructions per second (tight loop, ${LOOP_INSTRUCTIONS} instructions in ${(soft * 1e3).toFixed(1)} ms)`);
if (kvm) {
  const hw = time(() => runToEnd(kvm, loop.bytes, 64 << 10), 3);
  console.log(`KVM: ${(LOOP_INSTRUCTIONS / hw / 1e6).toFixed(1)} million guest instructions per second on the same loop; software CPU / KVM = ${(hw / soft).toFixed(3)}`);
  kvm.close();
}
