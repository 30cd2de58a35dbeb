// The native shim (src/kvm/native/kvm_shim.c), loaded and typed. `npm install` builds it with node-gyp;
// where it could not be built, loading it says so in one line.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

export interface KvmShim {
  /** open(path) (normally "/dev/kvm") and check KVM_GET_API_VERSION == 12; errors carry the errno name as code. */
  open(path: string): number;
  /** KVM_CREATE_VM, mmap guest memory, KVM_SET_USER_MEMORY_REGION: [vm fd, guest memory]. */
  createVm(kvm: number, memoryBytes: number): [number, ArrayBuffer];
  /** KVM_CREATE_VCPU and mmap of its kvm_run area: [vcpu fd, kvm_run area]. */
  createVcpu(kvm: number, vm: number, id: number): [number, ArrayBuffer];
  getRegs(vcpu: number, into: Uint8Array): void;
  setRegs(vcpu: number, from: Uint8Array): void;
  getSregs(vcpu: number, into: Uint8Array): void;
  setSregs(vcpu: number, from: Uint8Array): void;
  /** KVM_RUN: 0, or EINTR (4) when kicked. With `claimed` (PortBus.claimed), exits to ports no device
   *  claims are answered in the shim, and KVM_RUN runs again. */
  run(vcpu: number, runArea?: ArrayBuffer, claimed?: Uint8Array): number;
  /** Arm (ms > 0) or disarm (0) the kick of this thread's vCPU whose kvm_run area is `run`. */
  setTimeout(run: ArrayBuffer, ms: number): void;
  /** Detach and munmap `mapping` (if given), then close `fd`. */
  release(fd: number, mapping?: ArrayBuffer): void;
}

export const SHIM_PATH = fileURLToPath(new URL("./native/build/Release/kvm_shim.node", import.meta.url));

let shim: KvmShim | undefined;

/** The loaded shim; throws a one-line error with the fix when it was not built. */
export function loadShim(): KvmShim {
  if (!shim) {
    if (!existsSync(SHIM_PATH)) {
      throw new Error("the KVM shim is not built: run `npm install` (it needs gcc, make and python3), or use --accel soft");
    }
    shim = createRequire(import.meta.url)(SHIM_PATH) as KvmShim;
  }
  return shim;
}
