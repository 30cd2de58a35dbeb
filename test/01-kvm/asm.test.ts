// Our assembler against GNU as: every supported instruction form, in one file assembled by both, must give
// the same bytes; so must random programs built from those forms; and what gas refuses, we refuse.
import fc from "fast-check";
import { beforeAll, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assemble } from "../../src/kvm/asm/assemble.ts";
import { guestMode, GUESTS } from "../../src/kvm/gas.ts";
import { needs } from "../../src/course/oracle.ts";
import { formsFile, instructionForms } from "./asm-forms.ts";
import { gnuAssemble, type GnuOutput } from "./gnu-as.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

needs("as").describe("assembler versus GNU as", () => {
  const forms = instructionForms();
  const source = formsFile(forms);
  let gnu: GnuOutput;
  beforeAll(() => {
    gnu = gnuAssemble(source);
  });

  it(`encodes all ${forms.length} instruction forms as GNU as does`, () => {
    const ours = assemble(source);
    const differ: string[] = [];
    for (let i = 0; i < forms.length; i++) {
      const slice = (o: { bytes: Uint8Array; symbols: Map<string, number> }) =>
        hex(o.bytes.slice(o.symbols.get(`f${i}`)! - 0x7c00, o.symbols.get(`f${i + 1}`)! - 0x7c00));
      const [g, us] = [slice(gnu), slice(ours)];
      if (g !== us) differ.push(`${forms[i]}: GNU as ${g}, ours ${us}`);
    }
    expect(differ.slice(0, 20)).toEqual([]);
    expect(hex(ours.bytes)).toBe(hex(gnu.bytes));
    for (const [name, value] of gnu.symbols) if (ours.symbols.has(name)) expect([name, ours.symbols.get(name)]).toEqual([name, value]);
  });

  it("agrees on random programs built from those forms (jumps relaxed across them)", () => {
    const program = fc.array(fc.constantFrom(...forms.filter((f) => !/\. [+-] 100/.test(f))), { minLength: 1, maxLength: 60 });
    const padding = fc.integer({ min: 0, max: 140 });
    const cases = fc.sample(fc.tuple(program, padding, fc.integer({ min: 0, max: 0xffff })), { numRuns: 40, seed: 7 });
    // one GNU as run for all cases: each case in its own .rept-free block, separated by labels
    const blocks = cases.map(([p, pad, org], i) => [`c${i}:`, ...p, `.fill ${pad}, 1, 0x90`, `.word ${org}`].join("\n"));
    const file = formsFile([]).replace("start:", `start:\n${blocks.join("\n")}\nc${cases.length}:`);
    const ours = assemble(file);
    const theirs = gnuAssemble(file);
    for (let i = 0; i < cases.length; i++) {
      const slice = (o: { bytes: Uint8Array; symbols: Map<string, number> }) =>
        hex(o.bytes.slice(o.symbols.get(`c${i}`)! - 0x7c00, o.symbols.get(`c${i + 1}`)! - 0x7c00));
      expect(slice(ours), `case ${i}: ${cases[i]![0].join("; ")}`).toBe(slice(theirs));
    }
  });

  it("places a boot sector at any origin as ld -Ttext does", () => {
    const boot = [".code16", ".intel_syntax noprefix", "start: mov si, offset msg", "jmp start", "msg: .asciz \"hi\"", ".org 510", ".word 0xaa55"].join("\n");
    for (const origin of [0, 0x7c00, 0x1000]) {
      const ours = assemble(boot, { origin });
      expect(ours.bytes.length).toBe(512);
      expect(hex(ours.bytes)).toBe(hex(gnuAssemble(boot, origin).bytes));
    }
  });

  it("assembles every shipped real-mode guest to the bytes GNU as and ld make of it", () => {
    let same = 0;
    for (const file of readdirSync(GUESTS).filter((f) => f.endsWith(".s"))) {
      const source = readFileSync(join(GUESTS, file), "utf8");
      if (guestMode(source) !== "real") continue;
      // a guest that switches to protected mode leaves the subset: refused by name, never mis-assembled
      if (/^\s*(lgdt|\.code32)\b/m.test(source)) {
        expect(() => assemble(source, { file })).toThrow(/unknown instruction lgdt|\.code32 is not supported/);
        continue;
      }
      expect(hex(assemble(source, { file }).bytes), file).toBe(hex(gnuAssemble(source).bytes));
      same++;
    }
    expect(same).toBeGreaterThan(0);
  });

  it("reads db, dw and times as .byte/.ascii, .word and .rept", () => {
    const ours = [".code16", ".intel_syntax noprefix", "a: db 1, \"ab\", -1", "dw a, 0x1234", "times 3 inc ax", "times 2 db 7"];
    const gas = [".code16", ".intel_syntax noprefix", "a: .byte 1; .ascii \"ab\"; .byte -1", ".word a, 0x1234", ".rept 3", "inc ax", ".endr", ".rept 2", ".byte 7", ".endr"];
    expect(hex(assemble(ours.join("\n")).bytes)).toBe(hex(gnuAssemble(gas.join("\n")).bytes));
  });

  it.each([
    ["inc [bx]", /ambiguous/],
    ["mov ax, bl", /sizes differ/],
    ["mov [bx], [si]", /two memory operands/],
    ["mov al, [si+di]", /not a 16-bit address/],
    ["pop cs", /pop cs/],
    ["loop far_fwd", /reaches only -128..127/],
    ["frob ax", /unknown instruction frob/],
    ["jmp nowhere", /undefined symbol nowhere/],
  ])("refuses %s, as GNU as does", (line, message) => {
    const file = formsFile([line]);
    expect(() => gnuAssemble(file)).toThrow(/failed/);
    expect(() => assemble(file, { file: "bad.s" })).toThrow(message);
    expect(() => assemble(file, { file: "bad.s" })).toThrow(/^bad\.s:\d+: /);
  });

  // GNU as takes these (a 0x66 prefix; a warning and a truncated byte); our 16-bit subset refuses them.
  it.each([
    ["mov eax, 1", /not available in 16-bit real mode/],
    ["add al, 300", /does not fit in a byte/],
    [".code32", /only|not supported/],
  ])("refuses %s, which is outside the 16-bit subset", (line, message) => {
    expect(() => assemble(formsFile([line]), { file: "bad.s" })).toThrow(message);
  });
});
