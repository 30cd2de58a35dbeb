// The software CPU's speed on tight loops without exits: guest instructions per second, by the wall clock
// and per second of CPU time (the machine may be shared). `npm run bench -- softcpu`. KVM on the same loop
// is in `npm run bench -- kvm`.
import { assemble } from "../../src/kvm/asm/assemble.ts";
import { SoftAccelerator, type SoftVcpu } from "../../src/kvm/softcpu/soft.ts";
import { Vm } from "../../src/kvm/vm.ts";

const LOOPS: [string, string, number][] = [
  // name, loop body (before `loop inner`), instructions per iteration
  ["loop alone (tight-loop.s)", "", 1],
  ["add ax, 1; loop", "add ax, 1", 2],
  ["add ax, bx; adc dx, 0; loop", "add ax, bx\nadc dx, 0", 3],
  ["mov/add through memory; loop", "mov si, [bx]\nadd [bx+2], si", 3],
];
const OUTER = 100;

function boot(body: string): SoftVcpu {
  const source = `.code16\n.intel_syntax noprefix\nmov bx, 0x1000\nmov di, ${OUTER}\nouter: mov cx, 0xffff\ninner:\n${body}\nloop inner\ndec di\njnz outer\nhlt\n`;
  const vm = new Vm({ accel: new SoftAccelerator(), memory: 64 << 10, serial: () => {} });
  vm.loadBootSector(assemble(source).bytes);
  return vm.vcpu as SoftVcpu;
}

console.log("software CPU, guest instructions per second (best of 3 runs):");
for (const [name, body, perIteration] of LOOPS) {
  let wall = 0;
  let cpu = 0;
  for (let run = 0; run < 3; run++) {
    const vcpu = boot(body);
    const t = process.hrtime.bigint();
    const u = process.cpuUsage();
    const exit = vcpu.run();
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    const used = process.cpuUsage(u);
    if (exit.reason !== "hlt") throw new Error(`${name}: ${JSON.stringify(exit)}`);
    const n = vcpu.cpu.instructions;
    wall = Math.max(wall, n / seconds);
    cpu = Math.max(cpu, n / ((used.user + used.system) / 1e6));
  }
  console.log(`  ${name.padEnd(32)} ${(wall / 1e6).toFixed(1).padStart(6)} M/s wall clock  ${(cpu / 1e6).toFixed(1).padStart(6)} M/s CPU time`);
}
