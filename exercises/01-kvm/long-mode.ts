// Exercise 01-kvm/long-mode: the page tables and registers that put a vCPU straight into 64-bit long mode.
// Points: 10. Grade it with: npm run grade -- 01-kvm/long-mode
// Hints: exercises/01-kvm/long-mode.hints.md. The chapter section: "Long mode in one picture".
import { todo } from "../../src/course/todo.ts";
import type { Sregs } from "../../src/kvm/vcpu.ts";

/**
 * Writes the page tables into guest memory and sets `sregs` for long mode: one 2 MiB page maps
 * guest-virtual 0..2 MiB to guest-physical 0..2 MiB (PML4[0] -> PDPT[0] -> PD[0] with PS), paging, PAE and
 * long mode are on, and CS is a 64-bit code segment (L = 1, selector 0x08); DS, ES, FS, GS and SS a data
 * segment (type 3, selector 0x10). dpw/kvm-hello-world kvm-hello-world.c: setup_long_mode.
 * The addresses (PML4_ADDR, ...) and bits (PDE64_*, CR0_*, CR4_PAE, EFER_*) are in src/kvm/long-mode.ts.
 */
export function setupLongMode(memory: Uint8Array, sregs: Sregs): void {
  return todo("01-kvm/long-mode");
}
