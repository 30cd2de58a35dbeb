// The software CPU against KVM for multiplication and division (with the divide error, #DE, delivered
// through the interrupt vector table), int n/int3/into and iret, far jmp/call/ret (direct and through
// memory, into another code segment and back), xchg, and cmps/scas under rep, repe and repne. Random
// programs, built by GNU as (these instructions are outside our assembler's subset), run through the same
// VMM on both; serial output, end, registers, flags and memory must agree. bx and bp always point at the
// buffer (no instruction writes them), so stores never land on the program's own code.
import fc from "fast-check";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { KvmAccelerator } from "../../src/kvm/kvm.ts";
import { SoftAccelerator } from "../../src/kvm/softcpu/soft.ts";
import { observe } from "./cpu-harness.ts";
import { gnuAssemble } from "./gnu-as.ts";

const pick = (xs: string[]) => fc.constantFrom(...xs);
const W16 = ["ax", "cx", "dx", "si", "di"];
const W8 = ["al", "cl", "dl", "ah", "ch", "dh"];
const word = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff));
const byte = fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.constantFrom(0, 1, 0x7f, 0x80, 0xff));
const disp = fc.integer({ min: 0, max: 38 });
const mem = (size: "byte" | "word") => fc.oneof(disp.map((d) => `${size} ptr [bx+${d}]`), disp.map((d) => `${size} ptr [bp+${d}]`));

/** One instruction or a short pattern using the new instructions (and a few old ones to mix the state). */
const instruction: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(pick(["mul", "imul", "div", "idiv"]), fc.oneof(pick([...W16, ...W8, "bx", "bl", "bh"]), mem("byte"), mem("word"))).map(([o, x]) => `${o} ${x}`),
  // division that mostly succeeds: a small dividend high part
  fc.tuple(pick(["div", "idiv"]), word, fc.integer({ min: 1, max: 0xffff })).map(([o, a, b]) => `mov dx, ${a & 0xff}\nmov ax, ${a}\nmov cx, ${b}\n${o} cx`),
  fc.tuple(pick(["div", "idiv"]), word, fc.integer({ min: 1, max: 0xff })).map(([o, a, b]) => `mov ax, ${a & 0x3fff}\nmov cl, ${b}\n${o} cl`),
  fc.tuple(pick(W16), fc.oneof(pick(W16), mem("word"))).map(([r, x]) => `imul ${r}, ${x}`),
  fc.tuple(pick(W16), fc.oneof(pick(W16), mem("word")), fc.oneof(word, fc.integer({ min: -128, max: 127 }))).map(([r, x, i]) => `imul ${r}, ${x}, ${i}`),
  fc.tuple(pick(W16), pick(W16)).map(([a, b]) => `xchg ${a}, ${b}`),
  fc.tuple(pick(W8), pick(W8)).map(([a, b]) => `xchg ${a}, ${b}`),
  fc.tuple(pick(W16), mem("word")).map(([r, m]) => `xchg ${m}, ${r}`),
  fc.tuple(pick(W8), mem("byte")).map(([r, m]) => `xchg ${r}, ${m}`),
  fc.tuple(pick(["add", "adc", "sub", "xor"]), pick(W16), word).map(([o, r, i]) => `${o} ${r}, ${i}`),
  pick(["int 0x20", "int 0x21", "int3", "into", "pushf\npop si"]),
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 }),
    pick(["cmpsb", "cmpsw", "scasb", "scasw"]), pick(["", "rep ", "repe ", "repne "]), fc.boolean())
    .map(([s, d, n, op, rep, down]) => `${down ? "std" : "cld"}\nlea si, [bx+${s + 12}]\nlea di, [bx+${d + 12}]\nmov cx, ${n}\n${rep}${op}\ncld`),
  // far transfers: into segment 0x07c0 (another base, the same bytes) and back to 0
  pick(["inc ax", "add si, dx", "imul cx"]).map((i) => `.byte 0xea\n.word %L_in - 0x7c00, 0x07c0\n%L_in:\n${i}\n.byte 0xea\n.word %L_back, 0\n%L_back:`),
  pick(["inc ax", "xchg ax, dx"]).map((i) => `.byte 0x9a\n.word %L_f, 0\njmp %L_over\n%L_f:\n${i}\nretf\n%L_over:`),
  pick(["inc ax", "neg dx"]).map((i) => `push 0x1234\n.byte 0x9a\n.word %L_f - 0x7c00, 0x07c0\njmp %L_over\n%L_f:\n${i}\n.byte 0xca\n.word 2\n%L_over:`),
  fc.tuple(disp, fc.boolean()).map(([k, call]) => `mov word ptr [bx+${k}], offset %L_t\nmov word ptr [bx+${k + 2}], 0\n.byte 0xff, ${call ? 0x5f : 0x6f}, ${k}\n${call ? "jmp %L_over\n" : ""}%L_t:\n${call ? "inc cx\nretf\n%L_over:" : "dec cx"}`),
);

/**
 * A program: IVT entries for #DE (0), int3 (3), into (4) and int 0x20/0x21; random registers and flags; the
 * body; al to the UART; hlt. The #DE handler takes what the processor pushed (ip, cs, flags) into registers
 * and halts; the others change a register or two and iret.
 */
const program = fc
  .record({
    regs: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 5, maxLength: 5 }),
    flags: fc.integer({ min: 0, max: 0xffff }),
    body: fc.array(instruction, { minLength: 1, maxLength: 16 }),
    buffer: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ regs, flags, body, buffer }) => [
    ".code16", ".intel_syntax noprefix",
    "start:",
    "mov sp, 0x7000",
    ...[[0, "de"], [3, "bp3"], [4, "of4"], [0x20, "i20"], [0x21, "i21"]].map(([v, h]) => `mov word ptr [${(v as number) * 4}], offset ${h}\nmov word ptr [${(v as number) * 4 + 2}], 0`),
    "mov bx, offset buf", "mov bp, bx",
    ...W16.map((r, i) => `mov ${r}, ${regs[i]}`),
    `push ${flags & 0x0cd5}`, "popf",
    ...body.map((text, i) => text.replaceAll("%L", `L${i}`)),
    "done: push dx", "mov dx, 0x3f8", "out dx, al", "pop dx", "hlt",
    "de: pop si", "pop di", "pop cx", "hlt",
    "bp3: add ax, 0x303", "iret",
    "of4: pushf", "pop dx", "iret",
    "i20: xor ax, 0x2020", "sub sp, 2", "add sp, 2", "iret",
    "i21: pushf", "pop di", "not cx", "iret",
    "buf:", `.byte ${buffer.join(", ")}`,
  ].join("\n") + "\n");

const kvm = needs("/dev/kvm", "as");

kvm.test("100 generated programs with mul/div, int/iret, far transfers, xchg, cmps/scas agree with KVM", () => {
  const real = new KvmAccelerator();
  const soft = new SoftAccelerator();
  fc.assert(fc.property(program, (source) => {
    const { bytes, symbols } = gnuAssemble(source);
    const buffer = symbols.get("buf");
    expect(observe(soft, bytes, { buffer }), source).toEqual(observe(real, bytes, { buffer }));
  }), { numRuns: 100 });
  real.close();
}, 120_000);
