// Random real-mode programs for the differential test of the software CPU against KVM. Every program starts
// with random registers and flags, runs random instructions of the subset over registers and a 64-byte
// buffer, writes some bytes to the UART, and halts. bx and bp always point at the buffer, so memory
// operands stay inside it and code is never overwritten.
import fc from "fast-check";

const W16 = ["ax", "cx", "dx", "si", "di"];
const W8 = ["al", "cl", "dl", "ah", "ch", "dh"];
const R16 = [...W16, "bx", "bp", "sp"];
const R8 = [...W8, "bl", "bh"];
const ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const SHIFTS = ["rol", "ror", "rcl", "rcr", "shl", "sal", "shr", "sar"];
const JCC = ["jo", "jno", "jb", "jae", "je", "jne", "jbe", "ja", "js", "jns", "jp", "jnp", "jl", "jge", "jle", "jg"];

const pick = (xs: string[]) => fc.constantFrom(...xs);
const imm16 = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, -1, -128));
const imm8 = fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.constantFrom(0, 1, 0x7f, 0x80, 0xff));
const disp = fc.integer({ min: 0, max: 62 });
/** A memory operand inside the 64-byte buffer. */
const mem = fc.oneof(
  disp.map((d) => `[bx+${d}]`),
  disp.map((d) => `[bp+${d}]`),
  disp.map((d) => `[buf+${d}]`),
  disp.map((d) => `ss:[bx+${d}]`),
);
const sized = (size: "byte" | "word") => mem.map((m) => `${size} ptr ${m}`);

/** One instruction, or a short fixed pattern (a loop, a call, string moves), as lines of assembly. */
export const instruction: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(pick([...ALU, "mov", "test"]), pick(W16), pick(R16)).map(([o, a, b]) => `${o} ${a}, ${b}`),
  fc.tuple(pick([...ALU, "mov", "test"]), pick(W8), pick(R8)).map(([o, a, b]) => `${o} ${a}, ${b}`),
  fc.tuple(pick([...ALU, "mov", "test"]), pick(W16), imm16).map(([o, a, i]) => `${o} ${a}, ${i}`),
  fc.tuple(pick([...ALU, "mov", "test"]), pick(W8), imm8).map(([o, a, i]) => `${o} ${a}, ${i}`),
  fc.tuple(pick([...ALU, "mov", "test"]), pick(W16), mem).map(([o, a, m]) => `${o} ${a}, ${m}`),
  fc.tuple(pick([...ALU, "mov"]), pick(W8), mem).map(([o, a, m]) => `${o} ${a}, ${m}`),
  fc.tuple(pick([...ALU, "mov", "test"]), mem, pick(R16)).map(([o, m, a]) => `${o} ${m}, ${a}`),
  fc.tuple(pick([...ALU, "mov", "test"]), mem, pick(R8)).map(([o, m, a]) => `${o} ${m}, ${a}`),
  fc.tuple(pick([...ALU, "mov", "test"]), sized("word"), imm16).map(([o, m, i]) => `${o} ${m}, ${i}`),
  fc.tuple(pick([...ALU, "mov", "test"]), sized("byte"), imm8).map(([o, m, i]) => `${o} ${m}, ${i}`),
  fc.tuple(pick(["inc", "dec", "neg", "not"]), pick([...W16, ...W8])).map(([o, r]) => `${o} ${r}`),
  fc.tuple(pick(["inc", "dec", "neg", "not"]), fc.oneof(sized("byte"), sized("word"))).map(([o, m]) => `${o} ${m}`),
  fc.tuple(pick(SHIFTS), pick([...W16, ...W8]), fc.oneof(fc.constant("1"), fc.constant("cl"), fc.integer({ min: 0, max: 31 }).map(String)))
    .map(([o, r, c]) => `${o} ${r}, ${c}`),
  fc.tuple(pick(SHIFTS), fc.oneof(sized("byte"), sized("word")), fc.constantFrom("1", "cl", "3")).map(([o, m, c]) => `${o} ${m}, ${c}`),
  fc.tuple(pick(SHIFTS), pick(W8)).map(([o, r]) => `${o} ${r}`),
  pick(W16).map((r) => `push ${r}\npop ${r === "ax" ? "dx" : "ax"}`),
  fc.tuple(mem, pick(W16)).map(([m, r]) => `push word ptr ${m}\npop ${r}`),
  fc.tuple(imm16, pick(W16)).map(([i, r]) => `push ${i}\npop ${r}`),
  fc.tuple(disp, pick(W16)).map(([d, r]) => `push bx\npop word ptr [bx+${d}]\npush ds\npop ${r}`),
  pick(W16).map((r) => `pushf\npop ${r}`),
  pick(["clc", "stc", "cmc", "nop", "cli", "sti"]),
  fc.tuple(pick(W16), fc.oneof(disp.map((d) => `[bx+${d}]`), disp.map((d) => `[bp+si+${d}]`))).map(([r, m]) => `lea ${r}, ${m}`),
  fc.tuple(pick(JCC), instructionLeaf()).map(([j, i]) => `${j} %L\n${i}\n%L:`),
  fc.tuple(fc.integer({ min: 1, max: 20 }), pick(["add ax, dx", "xor si, ax", "inc di", "rol ax, 3", "adc dx, si"]))
    .map(([n, body]) => `mov cx, ${n}\n%L:\n${body}\nloop %L`),
  fc.tuple(fc.integer({ min: 0, max: 3 }), pick(["jcxz", "loope", "loopne"])).map(([n, j]) => `mov cx, ${n}\n%L:\ncmp ax, si\n${j} %L`.replace("jcxz %L", "jcxz %L_skip\ninc dx\n%L_skip:")),
  fc.tuple(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 16 }), fc.integer({ min: 0, max: 12 }), pick(["movsb", "movsw", "stosb", "stosw", "lodsb", "lodsw"]), fc.boolean())
    .map(([s, d, n, op, rep]) => `cld\nlea si, [bx+${s}]\nlea di, [bx+${d + 24}]\nmov cx, ${n}\n${rep ? "rep " : ""}${op}`),
  fc.tuple(fc.integer({ min: 20, max: 40 }), fc.integer({ min: 1, max: 8 }), pick(["movsb", "stosw"]))
    .map(([s, n, op]) => `std\nlea si, [bx+${s}]\nlea di, [bx+${s + 2}]\nmov cx, ${n}\nrep ${op}\ncld`),
  instructionLeaf().map((i) => `call %L\njmp %L_over\n%L:\n${i}\nret\n%L_over:`),
  pick(["al", "ah", "dl"]).map((r) => `mov dx, 0x3f8\nmov al, ${r}\nout dx, al`),
  // 0x20000 is beyond the 64 KiB of guest memory: KVM_EXIT_MMIO, reads see all ones
  fc.tuple(disp, pick(["mov al, %M", "mov word ptr %M, si", "add dx, %M", "inc byte ptr %M", "push word ptr %M\npop cx", "sub %M, cx"]))
    .map(([k, op]) => `push es\nmov ax, 0x2000\nmov es, ax\n${op.replaceAll("%M", `es:[${k}]`)}\npop es`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 20 }), pick(["outsb", "outsw"]), fc.boolean())
    .map(([s, n, op, rep]) => `cld\nlea si, [bx+${s}]\nmov cx, ${n}\nmov dx, 0x3f8\n${rep ? "rep " : ""}${op}`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 10 }), pick(["insb", "insw"]), pick(["0x3fd", "0x3fc", "0x200"]))
    .map(([s, n, op, port]) => `cld\nlea di, [bx+${s}]\nmov cx, ${n}\nmov dx, ${port}\nrep ${op}`),
  pick(["al", "ax"]).map((r) => `out 0x80, ${r}`),
);

function instructionLeaf(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(pick(ALU), pick(W16), pick(R16)).map(([o, a, b]) => `${o} ${a}, ${b}`),
    fc.tuple(pick(SHIFTS), pick(W8), fc.integer({ min: 0, max: 9 })).map(([o, r, c]) => `${o} ${r}, ${c}`),
    fc.tuple(pick(["inc", "dec", "neg"]), pick(W16)).map(([o, r]) => `${o} ${r}`),
  );
}

export interface Program {
  source: string;
  /** How many instructions of the body. */
  length: number;
}

/** A whole program: random start state, the body, al to the UART, hlt; then the 64-byte buffer. */
export const program: fc.Arbitrary<Program> = fc
  .record({
    regs: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 5, maxLength: 5 }),
    flags: fc.integer({ min: 0, max: 0xffff }),
    body: fc.array(instruction, { minLength: 1, maxLength: 24 }),
    buffer: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 64, maxLength: 64 }),
  })
  .map(({ regs, flags, body, buffer }) => {
    let label = 0;
    const lines = body.map((text) => {
      const l = `L${label++}`;
      return text.replaceAll("%L", l);
    });
    const source = [
      ".code16",
      ".intel_syntax noprefix",
      "start:",
      "mov sp, 0x7000",
      "mov bx, offset buf",
      "mov bp, bx",
      ...W16.map((r, i) => `mov ${r}, ${regs[i]}`),
      // the arithmetic flags and DF, never TF or IF (a trap or an interrupt would leave the subset)
      `push ${flags & 0x0cd5}`,
      "popf",
      ...lines,
      "push dx",
      "mov dx, 0x3f8",
      "out dx, al",
      "pop dx",
      "hlt",
      "buf:",
      `.byte ${buffer.join(", ")}`,
    ].join("\n");
    return { source, length: body.length };
  });
