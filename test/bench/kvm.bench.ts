// npm run bench -- kvm: our VMM (shim + TypeScript run loop) against the same loop in C, compiled here by gcc:
// an exit-heavy guest (60,000 `out` instructions, each a KVM_EXIT_IO) and the VM life cycle (create, load,
// run to hlt, destroy). Then the software CPU's guest instructions per second on a tight loop, and KVM's.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median, report, time, type Row } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";
import { guest } from "../../src/kvm/gas.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { SoftAccelerator } from "../../src/kvm/softcpu/soft.ts";
import type { Accelerator } from "../../src/kvm/vcpu.ts";
import { Vm } from "../../src/kvm/vm.ts";
import { ROOT } from "../01-kvm/vmm.ts";

const dir = join(ROOT, "build", "bench");
mkdirSync(dir, { recursive: true });

/** Runs a boot sector from a fresh VM to hlt (the measured exits include the VM's creation for ours). */
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
  const c = (args: string[]) => spawnSync(peer, args, { encoding: "utf8" }).stdout.trim().split("\n").map((l) => l.split(" ").map(Number));

  // Exits cost the same kernel work for both; the machine is shared, so the rounds alternate, ours then C's,
  // and each side's median counts.
  const oursExits: number[] = [];
  const cExits: number[] = [];
  let n = 0;
  for (let round = 0; round < 5; round++) {
    oursExits.push(time(() => runToEnd(kvm, exits.bytes, 2 << 20), 1));
    const [[ns, count]] = c(["exits", exitsImage, "1"]);
    cExits.push(ns / 1e9);
    n = count;
  }
  const oursLife: number[] = [];
  const cLife: number[] = [];
  for (let round = 0; round < 5; round++) {
    oursLife.push(time(() => runToEnd(kvm, lwn.bytes, 64 << 10), 50));
    cLife.push(median(c(["lifecycle", lwnImage, "51"]).map(([ns]) => ns / 1e9)));
  }
  rows.push({ case: `exit-heavy guest (${n} exits)`, ours: median(oursExits), peer: median(cExits) });
  rows.push({ case: "VM life cycle (create, run to hlt, destroy)", ours: median(oursLife), peer: median(cLife) });
  report("KVM: our TypeScript VMM versus the same loop in C", "C", rows);
  const [ours, theirs] = [n / median(oursExits), n / median(cExits)];
  console.log(`exits per second: ours ${Math.round(ours)}, C ${Math.round(theirs)}, ours/C ${(ours / theirs).toFixed(2)}`);
}

const soft = time(() => runToEnd(new SoftAccelerator(), loop.bytes, 64 << 10), 3);
console.log(`\nsoftware CPU: ${(LOOP_INSTRUCTIONS / soft / 1e6).toFixed(1)} million guest instructions per second (tight loop, ${LOOP_INSTRUCTIONS} instructions in ${(soft * 1e3).toFixed(1)} ms)`);
if (kvm) {
  const hw = time(() => runToEnd(kvm, loop.bytes, 64 << 10), 3);
  console.log(`KVM: ${(LOOP_INSTRUCTIONS / hw / 1e6).toFixed(1)} million guest instructions per second on the same loop; software CPU / KVM = ${(hw / soft).toFixed(3)}`);
  kvm.close();
}
