// Entering 64-bit long mode directly, with no boot code: the VMM writes page tables into guest memory and
// sets the control registers and a 64-bit code segment through sregs, so the first instruction the vCPU runs
// is already 64-bit. dpw/kvm-hello-world kvm-hello-world.c: setup_long_mode, setup_64bit_code_segment.
// Intel SDM vol. 3A, 4.5 (4-level paging) and 9.8.5 (initializing IA-32e mode).
import type { Regs, Segment, Sregs } from "./vcpu.ts";

// #region long-mode
export const PML4_ADDR = 0x2000;
export const PDPT_ADDR = 0x3000;
export const PD_ADDR = 0x4000;

const PDE64_PRESENT = 1;
const PDE64_RW = 1 << 1;
const PDE64_USER = 1 << 2;
const PDE64_PS = 1 << 7; // in a page-directory entry: this entry maps a 2 MiB page

const CR0_PE = 1, CR0_MP = 1 << 1, CR0_ET = 1 << 4, CR0_NE = 1 << 5, CR0_WP = 1 << 16, CR0_AM = 1 << 18;
const CR0_PG = 2 ** 31;
const CR4_PAE = 1 << 5;
const EFER_LME = 1 << 8, EFER_LMA = 1 << 10;

/**
 * One 2 MiB page maps guest-virtual 0..2 MiB to guest-physical 0..2 MiB: PML4[0] -> PDPT[0] -> PD[0] (PS).
 * Then paging, PAE and long mode are switched on, and CS becomes a 64-bit code segment (L = 1).
 */
export function setupLongMode(memory: Uint8Array, sregs: Sregs): void {
  const view = new DataView(memory.buffer, memory.byteOffset, memory.byteLength);
  view.setBigUint64(PML4_ADDR, BigInt(PDE64_PRESENT | PDE64_RW | PDE64_USER | PDPT_ADDR), true);
  view.setBigUint64(PDPT_ADDR, BigInt(PDE64_PRESENT | PDE64_RW | PDE64_USER | PD_ADDR), true);
  view.setBigUint64(PD_ADDR, BigInt(PDE64_PRESENT | PDE64_RW | PDE64_USER | PDE64_PS), true);

  sregs.cr3 = PML4_ADDR;
  sregs.cr4 = CR4_PAE;
  sregs.cr0 = CR0_PE + CR0_MP + CR0_ET + CR0_NE + CR0_WP + CR0_AM + CR0_PG;
  sregs.efer = EFER_LME | EFER_LMA;

  const code: Segment = { base: 0, limit: 0xffffffff, selector: 1 << 3, present: 1, type: 11, dpl: 0, db: 0, s: 1, l: 1, g: 1, avl: 0 };
  const data: Segment = { ...code, type: 3, selector: 2 << 3 };
  sregs.cs = code;
  sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = data;
}
// #endregion long-mode

/** The smallest guest memory long mode needs: the 2 MiB page it maps. */
export const LONG_MODE_MEMORY = 2 << 20;

/** Registers at the first 64-bit instruction: code at 0, the stack at the top of the 2 MiB page. */
export function longModeRegs(regs: Regs): Regs {
  return { ...regs, rflags: 2, rip: 0, rsp: LONG_MODE_MEMORY };
}
