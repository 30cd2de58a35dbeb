// Exercise 01-kvm/decode-exit: read why KVM_RUN returned from the vCPU's kvm_run page.
// Points: 10. Grade it with: npm run grade -- 01-kvm/decode-exit
// Hints: exercises/01-kvm/decode-exit.hints.md. The chapter section: "kvm_run: the page the kernel writes".
import {
  KVM_EXIT_FAIL_ENTRY, KVM_EXIT_HLT, KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_INTR, KVM_EXIT_IO, KVM_EXIT_IO_OUT,
  KVM_EXIT_MMIO, KVM_EXIT_SHUTDOWN, KVM_RUN,
} from "../../src/kvm/kvm-structs.ts";
import type { Exit } from "../../src/kvm/vcpu.ts";

/**
 * Decodes the exit in `run`, the whole kvm_run mapping (KVM_GET_VCPU_MMAP_SIZE bytes), after KVM_RUN
 * returned. Byte views ("data") point into `run` itself: no copies, so the VMM can answer an "in" there.
 */
export function decodeExit(run: Uint8Array): Exit {
  const view = new DataView(run.buffer, run.byteOffset, run.byteLength);
  const reason = view.getUint32(KVM_RUN.exit_reason, true);
  switch (reason) {
    case KVM_EXIT_IO: {
      const size = view.getUint8(KVM_RUN.io.size) as 1 | 2 | 4;
      const count = view.getUint32(KVM_RUN.io.count, true);
      const offset = Number(view.getBigUint64(KVM_RUN.io.data_offset, true));
      return {
        reason: "io",
        direction: view.getUint8(KVM_RUN.io.direction) === KVM_EXIT_IO_OUT ? "out" : "in",
        port: view.getUint16(KVM_RUN.io.port, true),
        size,
        count,
        data: run.subarray(offset, offset + size * count),
      };
    }
    case KVM_EXIT_MMIO: {
      const len = view.getUint32(KVM_RUN.mmio.len, true);
      return {
        reason: "mmio",
        phys_addr: Number(view.getBigUint64(KVM_RUN.mmio.phys_addr, true)),
        is_write: view.getUint8(KVM_RUN.mmio.is_write) !== 0,
        data: run.subarray(KVM_RUN.mmio.data, KVM_RUN.mmio.data + len),
      };
    }
    case KVM_EXIT_HLT:
      return { reason: "hlt" };
    case KVM_EXIT_SHUTDOWN:
      return { reason: "shutdown" };
    case KVM_EXIT_FAIL_ENTRY:
      return {
        reason: "fail-entry",
        hardware_entry_failure_reason: Number(view.getBigUint64(KVM_RUN.fail_entry.hardware_entry_failure_reason, true)),
      };
    case KVM_EXIT_INTERNAL_ERROR: {
      const ndata = Math.min(view.getUint32(KVM_RUN.internal.ndata, true), 16);
      const data = Array.from({ length: ndata }, (_, i) => Number(view.getBigUint64(KVM_RUN.internal.data + 8 * i, true)));
      return { reason: "internal-error", suberror: view.getUint32(KVM_RUN.internal.suberror, true), data };
    }
    case KVM_EXIT_INTR:
      return { reason: "interrupted" };
    default:
      return { reason: "unsupported", message: `KVM exit reason ${reason} is not handled by this VMM` };
  }
}
