// The `x86` runtime: a real-mode guest in GNU as syntax, assembled by our assembler (src/kvm/asm) and run
// as a boot sector at 0x7c00 by chapter 01's VMM on the software CPU: serial output, the exit status as
// `npm run vm` gives it, and the registers at the end. Each guest instruction is a step of the budget.
import { assemble } from "../../src/kvm/asm/assemble.ts";
import { SoftAccelerator, type SoftVcpu } from "../../src/kvm/softcpu/soft.ts";
import type { Accelerator, VmBackend } from "../../src/kvm/vcpu.ts";
import { Vm, exitStatus } from "../../src/kvm/vm.ts";
import { GuestError, escapeHtml, type Runtime, type Session } from "../runtime.ts";

/** Guest instructions run between two looks at the budget. */
const SLICE = 1 << 16;

/** The software CPU, charging every guest instruction it runs to the block's budget. */
function counted(session: Session): Accelerator {
  const soft = new SoftAccelerator();
  return {
    name: soft.name,
    createVm(bytes: number): VmBackend {
      const backend = soft.createVm(bytes);
      const createVcpu = backend.createVcpu.bind(backend);
      backend.createVcpu = () => {
        const vcpu = createVcpu() as SoftVcpu;
        const run = vcpu.run.bind(vcpu);
        vcpu.run = () => {
          const before = vcpu.cpu.instructions;
          vcpu.cpu.budget = before + SLICE;
          const exit = run();
          session.step(vcpu.cpu.instructions - before);
          return exit;
        };
        return vcpu;
      };
      return backend;
    },
  };
}

const hex = (v: number) => (v & 0xffff).toString(16).padStart(4, "0");

const x86: Runtime = {
  language: "asm",
  steps: 5_000_000,
  run(source: string, session: Session): void {
    let image: Uint8Array;
    try {
      image = assemble(source, { file: "guest.s" }).bytes;
    } catch (e) {
      throw new GuestError((e as Error).message);
    }
    const serial: number[] = [];
    const vm = new Vm({ accel: counted(session), memory: 1 << 20, serial: (b) => serial.push(b) });
    try {
      vm.loadBootSector(image);
      const outcome = vm.run();
      session.print(new TextDecoder("latin1").decode(Uint8Array.from(serial)));
      const r = vm.vcpu.getRegs();
      const regs = (["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "rip"] as const).map((n) => `${n.slice(1)}=${hex(r[n])}`).join("  ");
      session.view({ title: "registers at the end", html: `<pre>${escapeHtml(regs)}  flags=${hex(r.rflags)}</pre>` });
      if (outcome.kind === "failed") throw new GuestError(`vm: ${outcome.message}`);
      session.view({ title: "exit status", html: `<pre>${exitStatus(outcome)} (${outcome.kind === "halted" ? "hlt" : "isa-debug-exit"})</pre>` });
    } finally {
      vm.close();
    }
  },
};

export default x86;
