// Every instruction form our assembler supports, written out with registers, addresses and immediates
// that reach each encoding choice (short and long immediates and displacements, accumulator forms, moffs,
// segment overrides, relaxed jumps). The differential test assembles them all in one file with GNU as.
const R8 = ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"];
const R16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"];
const SREG = ["es", "cs", "ss", "ds"];
const ADDRESSES = [
  "[bx+si]", "[bx+di]", "[bp+si]", "[bp+di]", "[si]", "[di]", "[bp]", "[bx]", "[si+bx]", "[di+bp]",
  "[bx+0]", "[bx+1]", "[bp-1]", "[si+127]", "[di-128]", "[bx+si+128]", "[bp+di-129]", "[bx+0x1234]", "[bp+si+K]",
  "[0x1234]", "[K]", "[data]", "[bx+data]", "[data+si+2]", "data", "data+1", "es:[bx]", "ds:[bx]", "ss:[bp]",
  "ds:[bp+2]", "cs:[si]", "es:[0x10]", "ss:[data]",
];
const IMMS = ["0", "1", "-1", "127", "128", "-128", "-129", "255", "0x100", "0x7fff", "0xffff", "0xff80", "K", "K*3+1", "offset data", "end - start"];
const IMM8 = ["0", "1", "-1", "127", "-128", "255", "K", "'A'"];
const ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];

export function instructionForms(): string[] {
  const out: string[] = [];
  for (const op of [...ALU, "mov", "test"]) {
    for (const a of R16) for (const b of R16) out.push(`${op} ${a}, ${b}`);
    for (const a of R8) for (const b of R8) out.push(`${op} ${a}, ${b}`);
    for (const m of ADDRESSES) {
      out.push(`${op} ${m}, ax`, `${op} ${m}, bl`, `${op} dx, ${m}`, `${op} ah, ${m}`);
      out.push(`${op} word ptr ${m}, 0x300`, `${op} byte ptr ${m}, 7`, `${op} word ptr ${m}, 3`);
    }
    for (const r of ["ax", "bx", "sp"]) for (const i of IMMS) out.push(`${op} ${r}, ${i}`);
    for (const r of ["al", "dh"]) for (const i of IMM8) out.push(`${op} ${r}, ${i}`);
  }
  for (const s of SREG) {
    for (const r of R16) out.push(`mov ${r}, ${s}`);
    for (const m of ["[bx]", "[data]", "[bp+2]"]) out.push(`mov ${m}, ${s}`);
    if (s === "cs") continue;
    for (const r of R16) out.push(`mov ${s}, ${r}`);
    for (const m of ["[bx]", "word ptr [data]", "[bp+2]"]) out.push(`mov ${s}, ${m}`);
  }
  for (const op of ["inc", "dec", "neg", "not"]) {
    for (const r of [...R8, ...R16]) out.push(`${op} ${r}`);
    for (const m of ADDRESSES) out.push(`${op} byte ptr ${m}`, `${op} word ptr ${m}`);
  }
  for (const op of ["rol", "ror", "rcl", "rcr", "shl", "sal", "shr", "sar"]) {
    for (const r of ["al", "bh", "ax", "di"]) out.push(`${op} ${r}`, `${op} ${r}, 1`, `${op} ${r}, cl`, `${op} ${r}, 4`, `${op} ${r}, K`);
    for (const m of ["[bx]", "[bp+si+300]", "[data]"]) out.push(`${op} byte ptr ${m}, cl`, `${op} word ptr ${m}, 1`, `${op} word ptr ${m}, 2`);
  }
  for (const r of R16) out.push(`push ${r}`, `pop ${r}`, `lea ${r}, [bx+si+4]`, `lea ${r}, [bp]`, `lea ${r}, [data]`);
  for (const s of SREG) out.push(`push ${s}`);
  for (const s of ["es", "ss", "ds"]) out.push(`pop ${s}`);
  for (const i of IMMS) out.push(`push ${i}`);
  for (const m of ["[bx]", "word ptr [bp+di+9]", "word ptr [data]"]) out.push(`push ${m}`, `pop ${m}`);
  for (const d of ["al", "ax"]) out.push(`in ${d}, dx`, `in ${d}, 0x60`, `in ${d}, K`, `out dx, ${d}`, `out 0xf4, ${d}`, `out K, ${d}`);
  for (const s of ["hlt", "cli", "sti", "cld", "std", "clc", "stc", "cmc", "nop", "pushf", "popf", "ret", "ret 4"]) out.push(s);
  for (const s of ["movsb", "movsw", "stosb", "stosw", "lodsb", "lodsw", "insb", "insw", "outsb", "outsw"]) out.push(s, `rep ${s}`);
  for (const j of ["jmp", "call"]) out.push(`${j} ax`, `${j} si`, `${j} [bx]`, `${j} word ptr [data]`, `${j} word ptr [bp+2]`);
  for (const j of ["jmp", "call", "jo", "jno", "jb", "jc", "jnae", "jnb", "jae", "jnc", "je", "jz", "jne", "jnz", "jbe", "jna",
    "ja", "jnbe", "js", "jns", "jp", "jpe", "jnp", "jpo", "jl", "jnge", "jge", "jnl", "jle", "jng", "jg", "jnle"]) {
    out.push(`${j} near_back`, `${j} far_back`, `${j} near_fwd`, `${j} far_fwd`, `${j} .`);
  }
  for (const l of ["loop", "loope", "loopz", "loopne", "loopnz", "jcxz"]) out.push(`${l} .`, `${l} . + 2`, `${l} . - 100`);
  return out;
}

/** One file holding every form after a label of its own (f0, f1, ...), with the labels the forms name. */
export function formsFile(forms: readonly string[]): string {
  return [
    ".code16",
    ".intel_syntax noprefix",
    ".equ K, 5",
    "start:",
    "far_back: .fill 200, 1, 0x90",
    "near_back: nop",
    ...forms.map((f, i) => `f${i}: ${f}`),
    `f${forms.length}: nop`,
    "near_fwd: nop",
    ".fill 300, 1, 0x90",
    "far_fwd: nop",
    "data: .word 0x1234, data",
    ".byte 1, 2, -1, 'z', K",
    ".ascii \"hi\\n\\t\\\\\"",
    ".asciz \"ok\"",
    "end:",
    ".org 0x8000",
    ".fill 3, 2, 0x4142",
    ".space 4, 0xcc",
    "rept_start: .rept 3",
    "inc ax; dec bx",
    ".endr",
    "x = K + 1",
    "mov ax, x",
    ".set y, end - start",
    "mov cx, y",
    "mov si, offset far_fwd + 1",
    "1: inc ax",
    "jnz 1b; jmp 1f",
    "2: dec bx",
    "1: loop 2b; jmp 1b",
  ].join("\n") + "\n";
}
