// The KVM accelerator: a VM and its vCPUs as file descriptors of the kernel's KVM API, driven through the
// native shim. This is the TypeScript half of the LWN sample ("Using the KVM API", 2015) and of QEMU's
// accel/kvm/kvm-all.c (kvm_init, kvm_init_vcpu, kvm_cpu_exec).
import { decodeRegs, decodeSregs, encodeRegs, encodeSregs, KVM_REGS_SIZE, KVM_RUN, KVM_SREGS, KvmRun } from "./kvm-structs.ts";
import { decodeExit } from "./seams.ts";
import { loadShim, type KvmShim } from "./shim.ts";
import type { Accelerator, Exit, Regs, Sregs, Vcpu, VmBackend } from "./vcpu.ts";

const EINTR = 4;

/** A one-line explanation, with the fix, of why /dev/kvm (or another path) could not be opened. */
export function kvmOpenError(path: string, code: string | undefined, message: string): string {
  if (code === "ENOENT") return `${path} does not exist: this machine has no KVM (load kvm_intel or kvm_amd, or enable nested virtualization in the host), or use --accel soft`;
  if (code === "EACCES" || code === "EPERM") return `${path}: permission denied: add your user to the kvm group (sudo usermod -aG kvm $USER, then log in again), or use --accel soft`;
  return `${path}: ${message.replace(/^open: /, "")}`;
}

// #region kvm-vcpu
export class KvmVcpu implements Vcpu {
  private readonly regs = new Uint8Array(KVM_REGS_SIZE);
  private readonly sregs = new Uint8Array(KVM_SREGS.size);
  /** The kvm_run mapping through typed arrays, made once: decoding an exit makes nothing. */
  private readonly kvmRun: KvmRun;
  /** this.sregs holds the vCPU's sregs as of now: nothing ran since KVM_GET_SREGS or KVM_SET_SREGS. */
  private sregsCurrent = false;
  private armed = false;
  /** Set by answerUnclaimedPorts: the shim answers exits to ports whose bit is clear here. */
  private claimed: Uint8Array | null = null;

  constructor(private readonly shim: KvmShim, readonly fd: number, readonly runArea: ArrayBuffer) {
    this.kvmRun = new KvmRun(runArea);
  }

  getRegs(): Regs {
    this.shim.getRegs(this.fd, this.regs);
    return decodeRegs(this.regs);
  }

  setRegs(regs: Regs): void {
    encodeRegs(regs, this.regs);
    this.shim.setRegs(this.fd, this.regs);
  }

  getSregs(): Sregs {
    this.shim.getSregs(this.fd, this.sregs);
    this.sregsCurrent = true;
    return decodeSregs(this.sregs);
  }

  setSregs(sregs: Sregs): void {
    if (!this.sregsCurrent) this.shim.getSregs(this.fd, this.sregs); // keep the interrupt bitmap
    encodeSregs(sregs, this.sregs);
    this.shim.setSregs(this.fd, this.sregs);
    this.sregsCurrent = true;
  }

  run(): Exit {
    this.sregsCurrent = false;
    const result = this.claimed ? this.shim.run(this.fd, this.runArea, this.claimed) : this.shim.run(this.fd);
    if (result === EINTR) {
      this.kvmRun.u8[KVM_RUN.immediate_exit] = 0; // the kick is consumed
      return { reason: "interrupted" };
    }
    return decodeExit(this.kvmRun);
  }

  answerUnclaimedPorts(claimed: Uint8Array | null): void {
    this.claimed = claimed;
  }

  setTimeout(ms: number): void {
    if (ms === 0 && !this.armed) return;
    this.shim.setTimeout(this.runArea, ms);
    this.armed = ms > 0;
    if (ms === 0) this.kvmRun.u8[KVM_RUN.immediate_exit] = 0;
  }
}
// #endregion kvm-vcpu

class KvmVm implements VmBackend {
  readonly memory: Uint8Array;
  private readonly vcpus: KvmVcpu[] = [];
  private closed = false;

  constructor(private readonly shim: KvmShim, private readonly kvm: number, private readonly fd: number, private readonly mapping: ArrayBuffer) {
    this.memory = new Uint8Array(mapping);
  }

  createVcpu(): Vcpu {
    const [fd, run] = this.shim.createVcpu(this.kvm, this.fd, this.vcpus.length);
    const vcpu = new KvmVcpu(this.shim, fd, run);
    this.vcpus.push(vcpu);
    return vcpu;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const vcpu of this.vcpus) {
      vcpu.setTimeout(0);
      this.shim.release(vcpu.fd, vcpu.runArea);
    }
    this.shim.release(this.fd, this.mapping);
  }
}

export class KvmAccelerator implements Accelerator {
  readonly name = "kvm";
  private readonly shim: KvmShim;
  /** The /dev/kvm descriptor, open for the life of the process, as in QEMU's KVMState.fd. */
  private readonly kvm: number;

  /** Opens `path`; throws an Error whose message is one line with the fix (no /dev/kvm, no permission). */
  constructor(path = "/dev/kvm") {
    this.shim = loadShim();
    try {
      this.kvm = this.shim.open(path);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new Error(kvmOpenError(path, err.code, err.message));
    }
  }

  createVm(memoryBytes: number): VmBackend {
    const [fd, mapping] = this.shim.createVm(this.kvm, memoryBytes);
    return new KvmVm(this.shim, this.kvm, fd, mapping);
  }

  /** Closes /dev/kvm. */
  close(): void {
    this.shim.release(this.kvm);
  }
}
