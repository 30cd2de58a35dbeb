// The struct layouts we declare in TypeScript against the C compiler's view of this machine's kernel
// headers: every offset and size, from offsetof and sizeof in one gcc run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { KVM_DTABLE, KVM_REGS_FIELDS, KVM_REGS_SIZE, KVM_RUN, KVM_SEGMENT, KVM_SREGS } from "../../src/kvm/kvm-structs.ts";
import * as structs from "../../src/kvm/kvm-structs.ts";

/** name -> expression, evaluated by gcc; the TypeScript value for each. */
function expectations(): [string, string, number][] {
  const rows: [string, string, number][] = [];
  const run = (field: string, value: number) => rows.push([`kvm_run.${field}`, `offsetof(struct kvm_run, ${field})`, value]);
  for (const f of ["request_interrupt_window", "immediate_exit", "exit_reason", "ready_for_interrupt_injection", "if_flag", "flags", "cr8", "apic_base"] as const) run(f, KVM_RUN[f]);
  for (const [union, fields] of [["io", KVM_RUN.io], ["mmio", KVM_RUN.mmio], ["fail_entry", KVM_RUN.fail_entry], ["internal", KVM_RUN.internal]] as const) {
    for (const [f, v] of Object.entries(fields)) run(`${union}.${f}`, v);
  }
  KVM_REGS_FIELDS.forEach((f, i) => rows.push([`kvm_regs.${f}`, `offsetof(struct kvm_regs, ${f})`, i * 8]));
  rows.push(["sizeof kvm_regs", "sizeof(struct kvm_regs)", KVM_REGS_SIZE]);
  for (const [f, v] of Object.entries(KVM_SEGMENT)) rows.push([`kvm_segment.${f}`, f === "size" ? "sizeof(struct kvm_segment)" : `offsetof(struct kvm_segment, ${f})`, v]);
  for (const [f, v] of Object.entries(KVM_DTABLE)) rows.push([`kvm_dtable.${f}`, f === "size" ? "sizeof(struct kvm_dtable)" : `offsetof(struct kvm_dtable, ${f})`, v]);
  KVM_SREGS.segments.forEach((f, i) => rows.push([`kvm_sregs.${f}`, `offsetof(struct kvm_sregs, ${f})`, i * KVM_SEGMENT.size]));
  for (const f of ["gdt", "idt", "cr0", "cr2", "cr3", "cr4", "cr8", "efer", "apic_base", "interrupt_bitmap"] as const) rows.push([`kvm_sregs.${f}`, `offsetof(struct kvm_sregs, ${f})`, KVM_SREGS[f]]);
  rows.push(["sizeof kvm_sregs", "sizeof(struct kvm_sregs)", KVM_SREGS.size]);
  for (const [name, value] of Object.entries(structs)) if (/^KVM_EXIT_/.test(name) && typeof value === "number") rows.push([name, name, value]);
  return rows;
}

needs("gcc").test("kvm_run, kvm_regs and kvm_sregs are laid out as linux/kvm.h says", () => {
  const rows = expectations();
  const dir = mkdtempSync(join(tmpdir(), "kvm-structs-"));
  try {
    const c = ["#include <stddef.h>", "#include <stdio.h>", "#include <linux/kvm.h>", "int main(void) {",
      ...rows.map(([, expr]) => `  printf("%ld\\n", (long)(${expr}));`), "  return 0;", "}"].join("\n");
    writeFileSync(join(dir, "layout.c"), c);
    const cc = spawnSync("gcc", ["-o", join(dir, "layout"), join(dir, "layout.c")], { encoding: "utf8" });
    expect(cc.stderr).toBe("");
    const out = spawnSync(join(dir, "layout"), { encoding: "utf8" }).stdout.trim().split("\n").map(Number);
    expect(rows.map(([name], i) => [name, out[i]])).toEqual(rows.map(([name, , v]) => [name, v]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
