// Exercise 01-kvm/decode-exit: read why KVM_RUN returned from the vCPU's kvm_run page.
// Points: 10. Grade it with: npm run grade -- 01-kvm/decode-exit
// Hints: exercises/01-kvm/decode-exit.hints.md. The chapter section: "kvm_run: the page the kernel writes".
import { todo } from "../../src/course/todo.ts";
import type { KvmRun } from "../../src/kvm/kvm-structs.ts";
import type { Exit } from "../../src/kvm/vcpu.ts";

/**
 * Decodes the exit in `run`, the vCPU's kvm_run mapping seen through typed arrays, after KVM_RUN returned.
 * An I/O exit is `run.io` refilled: it is the hot path, so it makes nothing, and its data is a view into the
 * mapping (from `run.bytesFrom`), so the VMM can answer an "in" there.
 *
 * - exit_reason (a __u32 at offset 8: run.u32[8 / 4]) says which member of the union at offset 32 is filled in.
 * - KVM_EXIT_IO: direction, size, port, count and data_offset; the data starts at data_offset from the start
 *   of the mapping (the VMM uses its first size * count bytes).
 * - KVM_EXIT_MMIO: phys_addr, data[8], len, is_write. KVM_EXIT_FAIL_ENTRY: hardware_entry_failure_reason.
 *   KVM_EXIT_INTERNAL_ERROR: suberror, ndata and data[ndata]. HLT, SHUTDOWN and INTR carry nothing.
 * - Any other reason: { reason: "unsupported", message } naming the number.
 * The offsets are in src/kvm/kvm-structs.ts (KVM_RUN), in bytes: a __u16 at offset o is run.u16[o / 2].
 */
export function decodeExit(run: KvmRun): Exit {
  return todo("01-kvm/decode-exit");
}
