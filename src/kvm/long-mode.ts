// Entering 64-bit long mode directly, with no boot code: the VMM writes page tables into guest memory and
// sets the control registers and a 64-bit code segment through sregs, so the first instruction the vCPU runs
// is already 64-bit. The tables and registers are set by setupLongMode (exercise 01-kvm/long-mode, reached
// through seams.ts); here are the addresses and bits it uses.
// dpw/kvm-hello-world kvm-hello-world.c: setup_long_mode, setup_64bit_code_segment. Intel SDM vol. 3A, 4.5 (4-level paging) and 9.8.5 (initializing IA-32e mode).
import type { Regs } from "./vcpu.ts";

// #region long-mode
export const PML4_ADDR = 0x2000;
export const PDPT_ADDR = 0x3000;
export const PD_ADDR = 0x4000;

export const PDE64_PRESENT = 1;
export const PDE64_RW = 1 << 1;
export const PDE64_USER = 1 << 2;
export const PDE64_PS = 1 << 7; // in a page-directory entry: this entry maps a 2 MiB page

export const CR0_PE = 1, CR0_MP = 1 << 1, CR0_ET = 1 << 4, CR0_NE = 1 << 5, CR0_WP = 1 << 16, CR0_AM = 1 << 18;
export const CR0_PG = 2 ** 31;
export const CR4_PAE = 1 << 5;
export const EFER_LME = 1 << 8, EFER_LMA = 1 << 10;
// #endregion long-mode

/** The smallest guest memory long mode needs: the 2 MiB page it maps. */
export const LONG_MODE_MEMORY = 2 << 20;

/** Registers at the first 64-bit instruction: code at 0, the stack at the top of the 2 MiB page. */
export function longModeRegs(regs: Regs): Regs {
  return { ...regs, rflags: 2, rip: 0, rsp: LONG_MODE_MEMORY };
}
