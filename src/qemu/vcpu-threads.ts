// Multi-threaded vCPUs, as QEMU runs KVM (and TCG with thread=multi): each vCPU is a thread of its own
// that loops on KVM_RUN (vcpu-thread.ts, run in a Node worker_thread). QEMU 7.2 softmmu/cpus.c
// (qemu_init_vcpu, pause_all_vcpus, resume_all_vcpus, run_on_cpu) seen from the main thread.
//
// In QEMU the vCPU thread handles an I/O exit itself: it takes the BQL and calls the device. A worker shares
// memory with the main thread but no objects, and the devices (the UART and the chardev behind it) live on
// the main thread; so our vCPU thread posts the exit in shared memory, wakes the main loop through the main
// context's event notifier, and sleeps until the answer comes. The main loop handles it in an fd handler,
// with the BQL held as for every dispatch: the same device code under the same lock, in the other thread.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { kvmOpenError } from "../kvm/kvm.ts";
import { loadShim } from "../kvm/shim.ts";
import type { Accelerator, Exit, Regs, Sregs, VmBackend } from "../kvm/vcpu.ts";
import { aio_set_fd_handler } from "./aio-posix.ts";
import { kvm_handle_exit, type CpuExitHandlers, type CpuOps, type ThreadedVcpu } from "./cpus.ts";
import type { Machine } from "./machine.ts";
import type { MainLoop } from "./main-loop.ts";
import { EventNotifier } from "./poll.ts";
import { ANSWERED, Mailbox, NONE, POSTED, Word, type PostedExit, type VcpuThreadData, type Work } from "./vcpu-mailbox.ts";

const THREAD_FILE = fileURLToPath(new URL("./vcpu-thread.ts", import.meta.url));
/** Longest a synchronous wait for the vCPU thread may take before we call it gone (it answers in ≤ 10 ms). */
const WAIT_LIMIT_MS = 10_000;

/**
 * The main thread's handle on one vCPU thread. To the VM it is the Vcpu (registers are read and written on
 * the vCPU's own thread, with run_on_cpu, as kvm_cpu_synchronize_state does); to the run states it is the
 * vCPU's CpuOps.
 */
export class VcpuThread implements ThreadedVcpu, CpuOps {
  readonly mailbox = new Mailbox();
  readonly worker: Worker;
  /** Resolves when the thread has left kvm_vcpu_thread_fn and ended. */
  readonly ended: Promise<void>;
  exits = 0;
  private loop: MainLoop | null = null;
  private machine: Machine | null = null;
  private handlers: CpuExitHandlers | null = null;
  /** handle_exit is running: the vCPU thread waits for us, so we must not wait for it. */
  private answering = false;
  /** Set by the vCPU thread when it posts an exit: a descriptor with an fd handler on the main context. */
  private readonly notifier = new EventNotifier("vcpu-exit");

  constructor(data: Omit<VcpuThreadData, "mailbox" | "notifier">) {
    this.mailbox.set(Word.STOP, 1); // created stopped; vm_start resumes it (qemu_init_vcpu: cpu->stopped = true)
    const workerData: VcpuThreadData = { ...data, mailbox: this.mailbox.buffer, notifier: this.notifier.counter.buffer as SharedArrayBuffer };
    // tsx's require hook lets the worker load TypeScript.
    this.worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(THREAD_FILE)});`, { eval: true, workerData });
    this.worker.unref();
    this.ended = new Promise((resolve) => this.worker.once("exit", () => resolve()));
  }

  /** Attaches the vCPU to the main loop: its exits arrive as an fd handler on the main context. */
  start(loop: MainLoop, machine: Machine, handlers: CpuExitHandlers): this {
    this.loop = loop;
    this.machine = machine;
    this.handlers = handlers;
    // The thread's message is libuv's cross-thread wake-up (uv_async_send): the descriptor became readable.
    this.worker.on("message", () => this.notifier.fd.signal());
    aio_set_fd_handler(loop.qemu_aio_context, this.notifier.fd, () => {
      this.notifier.test_and_clear();
      this.handle_exit();
    }, null);
    return this;
  }

  get halted(): boolean {
    return this.mailbox.get(Word.HALTED) !== 0;
  }

  // #region handle-exit-main
  /** The fd handler: answer the exit the vCPU thread posted, with the BQL held (the main loop holds it). */
  private handle_exit(): void {
    if (this.mailbox.get(Word.EXIT) !== POSTED || this.answering) return;
    const posted = this.mailbox.read<PostedExit>("exit");
    const exit = (posted.data ? { ...posted, data: Uint8Array.from(posted.data) } : posted) as Exit;
    this.exits++;
    this.answering = true;
    try {
      if (kvm_handle_exit(this.machine!, this.handlers!, exit) === "halt") this.mailbox.set(Word.HALTED, 1);
    } finally {
      this.answering = false;
      this.mailbox.write("exit", "data" in exit ? [...exit.data] : []);
      this.mailbox.set(Word.EXIT, ANSWERED);
    }
  }
  // #endregion handle-exit-main

  /** Waits for the vCPU thread, answering its exits meanwhile (QEMU waits on a condition variable with
   *  the BQL released, so the vCPU can finish its exit; here the exit is ours to finish). */
  private wait_for(done: () => boolean, what: string): void {
    const limit = performance.now() + WAIT_LIMIT_MS;
    for (;;) {
      this.handle_exit();
      if (done()) return;
      const ack = this.mailbox.get(Word.ACK);
      if (this.mailbox.get(Word.EXIT) === POSTED || done()) continue;
      if (performance.now() > limit) throw new Error(`the vCPU thread did not ${what} within ${WAIT_LIMIT_MS / 1000} s`);
      this.mailbox.wait(Word.ACK, ack, 100);
    }
  }

  // #region pause-resume
  pause(): void {
    this.mailbox.set(Word.STOP, 1);
    this.mailbox.bump(Word.REQ);
    // Called from an exit we are answering (isa-debug-exit, an error): the thread parks once it has the answer.
    if (!this.answering) this.wait_for(() => this.mailbox.get(Word.STOPPED) !== 0, "stop");
  }

  resume(): void {
    this.mailbox.set(Word.STOP, 0);
    this.mailbox.bump(Word.REQ);
  }
  // #endregion pause-resume

  reset(): void {
    this.mailbox.set(Word.HALTED, 0);
    this.mailbox.bump(Word.REQ);
  }

  // #region run-on-cpu
  /** QEMU 7.2 cpus-common.c: run_on_cpu: queue work for the vCPU's thread and wait until it is done. */
  private run_on_cpu<T>(work: Work): T {
    if (this.answering) throw new Error("run_on_cpu from the vCPU's own exit: the vCPU thread is waiting for us");
    this.mailbox.write("work", work);
    this.mailbox.set(Word.WORK, POSTED);
    this.mailbox.bump(Word.REQ);
    this.wait_for(() => this.mailbox.get(Word.WORK) === ANSWERED, `answer ${work.op}`);
    const result = this.mailbox.read<T>("work");
    this.mailbox.set(Word.WORK, NONE);
    return result;
  }
  // #endregion run-on-cpu

  getRegs(): Regs {
    return this.run_on_cpu({ op: "getRegs" });
  }
  setRegs(regs: Regs): void {
    this.run_on_cpu({ op: "setRegs", arg: regs });
  }
  getSregs(): Sregs {
    return this.run_on_cpu({ op: "getSregs" });
  }
  setSregs(sregs: Sregs): void {
    this.run_on_cpu({ op: "setSregs", arg: sregs });
  }
  run(): Exit {
    throw new Error("a threaded vCPU runs in its own thread");
  }
  setTimeout(): void {}

  /** cpu->unplug: the thread leaves its loop and ends. */
  unplug(): void {
    this.mailbox.set(Word.UNPLUG, 1);
    this.mailbox.bump(Word.REQ);
    if (this.loop) aio_set_fd_handler(this.loop.qemu_aio_context, this.notifier.fd, null, null);
  }
}

/**
 * An accelerator whose vCPUs are threads: KVM (the VM's memory is mapped here, the vCPU is created in its
 * thread on the VM's descriptor), the software CPU or the stand-in, both over guest memory in a
 * SharedArrayBuffer that the main thread (the monitor's `x`, savevm) and the vCPU thread both see.
 */
export class ThreadedAccelerator implements Accelerator {
  readonly name: "kvm" | "soft";
  constructor(readonly kind: VcpuThreadData["kind"]) {
    this.name = kind === "kvm" ? "kvm" : "soft";
  }

  createVm(memoryBytes: number): VmBackend {
    const vcpus: VcpuThread[] = [];
    if (this.kind !== "kvm") {
      const shared = new SharedArrayBuffer(memoryBytes);
      return {
        memory: new Uint8Array(shared),
        createVcpu: () => vcpus[vcpus.push(new VcpuThread({ kind: this.kind, memory: shared })) - 1],
        close: () => vcpus.forEach((v) => v.unplug()),
      };
    }
    const shim = loadShim();
    let kvm: number;
    try {
      kvm = shim.open("/dev/kvm");
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new Error(kvmOpenError("/dev/kvm", err.code, err.message));
    }
    const [vm, mapping] = shim.createVm(kvm, memoryBytes);
    return {
      memory: new Uint8Array(mapping),
      createVcpu: () => vcpus[vcpus.push(new VcpuThread({ kind: "kvm", kvm, vm })) - 1],
      close: () => {
        for (const v of vcpus) v.unplug();
        shim.release(vm, mapping);
        shim.release(kvm);
      },
    };
  }
}
