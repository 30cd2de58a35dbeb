// Choosing the accelerator: KVM where /dev/kvm opens, the software CPU otherwise (--accel auto), or the
// one asked for. QEMU's -accel kvm / -accel tcg, with our software CPU in the role of TCG.
import { KvmAccelerator } from "./kvm.ts";
import type { Accelerator } from "./vcpu.ts";

export type AccelName = "kvm" | "soft" | "auto";

/** The software CPU, once src/kvm/softcpu/ provides it. */
async function softAccelerator(): Promise<Accelerator> {
  throw new Error("the software CPU is not available in this build: use --accel kvm");
}

export async function createAccelerator(name: AccelName): Promise<Accelerator> {
  if (name === "kvm") return new KvmAccelerator();
  if (name === "soft") return softAccelerator();
  try {
    return new KvmAccelerator();
  } catch {
    return softAccelerator();
  }
}
