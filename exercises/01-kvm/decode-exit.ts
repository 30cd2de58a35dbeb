// Exercise 01-kvm/decode-exit: read why KVM_RUN returned from the vCPU's kvm_run page.
// Points: 10. Grade it with: npm run grade -- 01-kvm/decode-exit
// Hints: exercises/01-kvm/decode-exit.hints.md. The chapter section: "kvm_run: the page the kernel writes".
import { todo } from "../../src/course/todo.ts";
import type { Exit } from "../../src/kvm/vcpu.ts";

/**
 * Decodes the exit in `run`, the whole kvm_run mapping (KVM_GET_VCPU_MMAP_SIZE bytes), after KVM_RUN
 * returned. Byte views ("data") point into `run` itself: no copies, so the VMM can answer an "in" there.
 *
 * - exit_reason (a __u32 at offset 8) says which member of the union at offset 32 is filled in.
 * - KVM_EXIT_IO: direction, size, port, count and data_offset; the data is size * count bytes at
 *   data_offset from the start of the mapping.
 * - KVM_EXIT_MMIO: phys_addr, data[8], len, is_write. KVM_EXIT_FAIL_ENTRY: hardware_entry_failure_reason.
 *   KVM_EXIT_INTERNAL_ERROR: suberror, ndata and data[ndata]. HLT, SHUTDOWN and INTR carry nothing.
 * - Any other reason: { reason: "unsupported", message } naming the number.
 * The offsets are in src/kvm/kvm-structs.ts (KVM_RUN); all values are little-endian.
 */
export function decodeExit(run: Uint8Array): Exit {
  return todo("01-kvm/decode-exit");
}
