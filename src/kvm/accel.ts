// Choosing the accelerator: KVM where /dev/kvm opens, the software CPU otherwise (--accel auto), or the
// one asked for. QEMU's -accel kvm / -accel tcg, with our software CPU in the role of TCG.
import { KvmAccelerator } from "./kvm.ts";
import { SoftAccelerator } from "./softcpu/soft.ts";
import type { Accelerator } from "./vcpu.ts";

export type AccelName = "kvm" | "soft" | "auto";

export function createAccelerator(name: AccelName): Accelerator {
  if (name === "kvm") return new KvmAccelerator();
  if (name === "soft") return new SoftAccelerator();
  try {
    return new KvmAccelerator();
  } catch {
    return new SoftAccelerator();
  }
}
