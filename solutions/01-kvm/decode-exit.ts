// Exercise 01-kvm/decode-exit: read why KVM_RUN returned from the vCPU's kvm_run page.
// Points: 10. Grade it with: npm run grade -- 01-kvm/decode-exit
// Hints: exercises/01-kvm/decode-exit.hints.md. The chapter section: "kvm_run: the page the kernel writes".
import {
  KVM_EXIT_FAIL_ENTRY, KVM_EXIT_HLT, KVM_EXIT_INTERNAL_ERROR, KVM_EXIT_INTR, KVM_EXIT_IO, KVM_EXIT_IO_OUT,
  KVM_EXIT_MMIO, KVM_EXIT_SHUTDOWN, KVM_RUN, type KvmRun,
} from "../../src/kvm/kvm-structs.ts";
import type { Exit } from "../../src/kvm/vcpu.ts";

/**
 * Decodes the exit in `run`, the vCPU's kvm_run mapping seen through typed arrays, after KVM_RUN returned.
 * An I/O exit is `run.io` refilled: it is the hot path, so it makes nothing, and its data is a view into the
 * mapping (from `run.bytesFrom`), so the VMM can answer an "in" there.
 */
export function decodeExit(run: KvmRun): Exit {
  const reason = run.u32[KVM_RUN.exit_reason / 4]!;
  switch (reason) {
    case KVM_EXIT_IO: {
      const io = run.io;
      io.direction = run.u8[KVM_RUN.io.direction] === KVM_EXIT_IO_OUT ? "out" : "in";
      io.size = run.u8[KVM_RUN.io.size] as 1 | 2 | 4;
      io.port = run.u16[KVM_RUN.io.port / 2]!;
      io.count = run.u32[KVM_RUN.io.count / 4]!;
      io.data = run.bytesFrom(run.u64(KVM_RUN.io.data_offset));
      return io;
    }
    case KVM_EXIT_MMIO: {
      const len = run.u32[KVM_RUN.mmio.len / 4]!;
      return {
        reason: "mmio",
        phys_addr: run.u64(KVM_RUN.mmio.phys_addr),
        is_write: run.u8[KVM_RUN.mmio.is_write] !== 0,
        data: run.u8.subarray(KVM_RUN.mmio.data, KVM_RUN.mmio.data + len),
      };
    }
    case KVM_EXIT_HLT:
      return { reason: "hlt" };
    case KVM_EXIT_SHUTDOWN:
      return { reason: "shutdown" };
    case KVM_EXIT_FAIL_ENTRY:
      return { reason: "fail-entry", hardware_entry_failure_reason: run.u64(KVM_RUN.fail_entry.hardware_entry_failure_reason) };
    case KVM_EXIT_INTERNAL_ERROR: {
      const ndata = Math.min(run.u32[KVM_RUN.internal.ndata / 4]!, 16);
      const data = Array.from({ length: ndata }, (_, i) => run.u64(KVM_RUN.internal.data + 8 * i));
      return { reason: "internal-error", suberror: run.u32[KVM_RUN.internal.suberror / 4]!, data };
    }
    case KVM_EXIT_INTR:
      return { reason: "interrupted" };
    default:
      return { reason: "unsupported", message: `KVM exit reason ${reason} is not handled by this VMM` };
  }
}
