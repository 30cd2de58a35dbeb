// The body of a vCPU thread, run in a worker_thread: QEMU 7.2 accel/kvm/kvm-accel-ops.c kvm_vcpu_thread_fn.
// It creates its vCPU (kvm_init_vcpu: KVM_CREATE_VCPU on the VM's descriptor, or the software CPU over
// the shared guest memory), then loops: run the guest while it may (kvm_cpu_exec), otherwise sleep until
// the main thread asks for something (qemu_wait_io_event), and do the work queued for it (run_on_cpu).
// An exit that needs a device goes to the main loop, which answers it under the BQL (vcpus.ts says why).
import { parentPort, workerData } from "node:worker_threads";
import { KvmVcpu } from "../kvm/kvm.ts";
import { loadShim } from "../kvm/shim.ts";
import { SoftVcpu } from "../kvm/softcpu/soft.ts";
import type { Exit, Vcpu } from "../kvm/vcpu.ts";
import { ANSWERED, Mailbox, NONE, POSTED, Word, type PostedExit, type VcpuThreadData, type Work } from "./vcpu-mailbox.ts";
import { StandInCpu } from "./standin-cpu.ts";

const data = workerData as VcpuThreadData;
const mb = new Mailbox(data.mailbox);
const notifier = new Int32Array(data.notifier);
/** How often a running guest is kicked out to look at cpu->stop and queued work (qemu_cpu_kick's signal). */
const KICK_MS = 10;

/** QEMU 7.2 accel/kvm/kvm-all.c: kvm_init_vcpu. The kvm_run area is mapped by this thread. */
function kvm_init_vcpu(): Vcpu {
  if (data.kind === "kvm") {
    const shim = loadShim();
    const [fd, run] = shim.createVcpu(data.kvm!, data.vm!, 0);
    return new KvmVcpu(shim, fd, run);
  }
  const memory = new Uint8Array(data.memory!);
  return data.kind === "soft" ? new SoftVcpu(memory) : new StandInCpu(memory);
}

const cpu = kvm_init_vcpu();

/** QEMU 7.2 softmmu/cpus.c: cpu_can_run: not asked to stop, not stopped, not halted. */
function cpu_can_run(): boolean {
  return !mb.get(Word.STOP) && !mb.get(Word.HALTED) && !mb.get(Word.UNPLUG);
}

/** QEMU 7.2 cpus-common.c: process_queued_cpu_work: run_on_cpu requests, answered in this thread. */
function process_queued_cpu_work(): void {
  if (mb.get(Word.WORK) !== POSTED) return;
  const { op, arg } = mb.read<Work>("work");
  let result: unknown = null;
  if (op === "getRegs") result = cpu.getRegs();
  else if (op === "getSregs") result = cpu.getSregs();
  else if (op === "setRegs") cpu.setRegs(arg as ReturnType<Vcpu["getRegs"]>);
  else cpu.setSregs(arg as ReturnType<Vcpu["getSregs"]>);
  mb.write("work", result);
  mb.set(Word.WORK, ANSWERED);
  mb.bump(Word.ACK);
}

/** Hands an exit to the main loop and sleeps until it is answered; an "in" gets the bytes the guest reads. */
function post_exit(exit: Exit): void {
  const bytes = exit.reason === "io" ? exit.data.subarray(0, exit.size * exit.count) : "data" in exit ? exit.data : undefined;
  const posted: PostedExit = { ...exit, data: bytes === undefined ? undefined : [...bytes] };
  mb.write("exit", posted);
  mb.set(Word.EXIT, POSTED);
  mb.bump(Word.ACK);
  // event_notifier_set on the main context, then libuv's cross-thread wake-up (uv_async_send).
  Atomics.store(notifier, 0, 1);
  parentPort!.postMessage(0);
  while (mb.get(Word.EXIT) === POSTED) mb.wait(Word.EXIT, POSTED);
  if (exit.reason === "io" || exit.reason === "mmio") exit.data.set(mb.read<number[]>("exit"));
  mb.set(Word.EXIT, NONE);
}

// #region kvm-cpu-exec
/** QEMU 7.2 accel/kvm/kvm-all.c: kvm_cpu_exec: KVM_RUN without the BQL until something needs this thread. */
function kvm_cpu_exec(): void {
  cpu.setTimeout(KICK_MS);
  try {
    while (cpu_can_run() && mb.get(Word.WORK) !== POSTED) {
      const exit = cpu.run();
      if (exit.reason === "interrupted") return; // kicked: look at the flags and the queue
      post_exit(exit);
    }
  } finally {
    cpu.setTimeout(0);
  }
}

/** QEMU 7.2 softmmu/cpus.c: qemu_wait_io_event: park (cpu->stopped) until there is a reason to wake. */
function qemu_wait_io_event(): void {
  const req = mb.get(Word.REQ);
  if (mb.get(Word.STOP) && !mb.get(Word.STOPPED)) {
    mb.set(Word.STOPPED, 1); // qemu_cpu_stop: cpu->stopped = true; qemu_cond_broadcast(&qemu_pause_cond)
    mb.bump(Word.ACK);
  }
  if (!cpu_can_run() && mb.get(Word.WORK) !== POSTED && !mb.get(Word.UNPLUG)) mb.wait(Word.REQ, req);
  if (!mb.get(Word.STOP) && mb.get(Word.STOPPED)) {
    mb.set(Word.STOPPED, 0);
    mb.bump(Word.ACK);
  }
}

/** QEMU 7.2 accel/kvm/kvm-accel-ops.c: kvm_vcpu_thread_fn. */
function kvm_vcpu_thread_fn(): void {
  do {
    if (cpu_can_run()) kvm_cpu_exec();
    process_queued_cpu_work();
    qemu_wait_io_event();
    process_queued_cpu_work();
  } while (!mb.get(Word.UNPLUG));
}
// #endregion kvm-cpu-exec

kvm_vcpu_thread_fn();
if (cpu instanceof KvmVcpu) loadShim().release(cpu.fd, cpu.runArea); // kvm_destroy_vcpu
