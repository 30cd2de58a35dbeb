// Exercise 01-kvm/long-mode: the page tables and registers that put a vCPU straight into 64-bit long mode.
// Points: 10. Grade it with: npm run grade -- 01-kvm/long-mode
// Hints: exercises/01-kvm/long-mode.hints.md. The chapter section: "Long mode in one picture".
import {
  CR0_AM, CR0_ET, CR0_MP, CR0_NE, CR0_PE, CR0_PG, CR0_WP, CR4_PAE, EFER_LMA, EFER_LME, PD_ADDR, PDE64_PRESENT, PDE64_PS,
  PDE64_RW, PDE64_USER, PDPT_ADDR, PML4_ADDR,
} from "../../src/kvm/long-mode.ts";
import type { Segment, Sregs } from "../../src/kvm/vcpu.ts";

/**
 * Writes the page tables into guest memory and sets `sregs` for long mode: one 2 MiB page maps
 * guest-virtual 0..2 MiB to guest-physical 0..2 MiB (PML4[0] -> PDPT[0] -> PD[0] with PS), paging, PAE and
 * long mode are on, and CS is a 64-bit code segment (L = 1, selector 0x08); DS, ES, FS, GS and SS a data
 * segment (type 3, selector 0x10). dpw/kvm-hello-world kvm-hello-world.c: setup_long_mode.
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

  // kvm-hello-world.c: setup_64bit_code_segment
  const code: Segment = { base: 0, limit: 0xffffffff, selector: 1 << 3, present: 1, type: 11, dpl: 0, db: 0, s: 1, l: 1, g: 1, avl: 0 };
  const data: Segment = { ...code, type: 3, selector: 2 << 3 };
  sregs.cs = code;
  sregs.ds = sregs.es = sregs.fs = sregs.gs = sregs.ss = data;
}
