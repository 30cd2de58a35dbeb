// Graded suite for exercise 01-kvm/alu-flags: the learner's ALU is checked against the Intel SDM's
// definitions of the six flags, then runs inside the whole software CPU and VMM: a boot sector that puts
// every operation through pairs of operands and prints the results and flags must print exactly what it
// prints under real QEMU.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { assemble } from "../../../src/kvm/asm/assemble.ts";
import { AF, CF, OF, PF, SF, ZF } from "../../../src/kvm/softcpu/flags.ts";
import { SoftAccelerator } from "../../../src/kvm/softcpu/soft.ts";
import { alu } from "../../../src/kvm/seams.ts";
import { qemu } from "../qemu.ts";
import { runGuest } from "../vmm.ts";

const NAMES = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const FLAGS: [number, string][] = [[CF, "CF"], [PF, "PF"], [AF, "AF"], [ZF, "ZF"], [SF, "SF"], [OF, "OF"]];
const show = (f: number) => FLAGS.filter(([bit]) => f & bit).map(([, n]) => n).join(" ") || "none";
const signed = (v: number, bits: number) => (v >= 2 ** (bits - 1) ? v - 2 ** bits : v);
function szp(r: number, bits: number): number {
  let ones = 0;
  for (let i = 0; i < 8; i++) ones += (r >> i) & 1;
  return (r === 0 ? ZF : 0) | (r >= 2 ** (bits - 1) ? SF : 0) | (ones % 2 === 0 ? PF : 0);
}
const operands = fc.constantFrom(8 as const, 16 as const).chain((bits) =>
  fc.tuple(fc.constant(bits), fc.integer({ min: 0, max: 2 ** bits - 1 }), fc.integer({ min: 0, max: 2 ** bits - 1 }), fc.integer({ min: 0, max: 1 })));

function check(op: number, bits: 8 | 16, a: number, b: number, carry: number, result: number, flags: number): void {
  const got = alu(op, a, b, carry, bits);
  const what = `${NAMES[op]} ${bits === 8 ? "al" : "ax"}=0x${a.toString(16)}, 0x${b.toString(16)} with CF=${carry}`;
  expect({ result: got & 0xffff, flags: show(got >>> 16) }, `${what}: the result and the flags (expected versus yours)`)
    .toEqual({ result, flags: show(flags) });
}

graded("add and adc: CF on unsigned overflow, OF on signed overflow, AF on a carry out of bit 3, SF ZF PF", 3, () => {
  fc.assert(fc.property(operands, fc.constantFrom(0, 2), ([bits, a, b, c], op) => {
    const carry = op === 2 ? c : 0;
    const exact = a + b + carry;
    const r = exact % 2 ** bits;
    const flags = (exact >= 2 ** bits ? CF : 0) | (signed(a, bits) + signed(b, bits) + carry !== signed(r, bits) ? OF : 0)
      | ((a & 15) + (b & 15) + carry > 15 ? AF : 0) | szp(r, bits);
    check(op, bits, a, b, c, r, flags);
  }), { numRuns: 200 });
});

graded("sub, sbb and cmp: CF on a borrow, OF on signed overflow, AF on a borrow into bit 4, SF ZF PF", 3, () => {
  fc.assert(fc.property(operands, fc.constantFrom(3, 5, 7), ([bits, a, b, c], op) => {
    const borrow = op === 3 ? c : 0;
    const exact = a - b - borrow;
    const r = (exact + 2 ** bits) % 2 ** bits;
    const flags = (exact < 0 ? CF : 0) | (signed(a, bits) - signed(b, bits) - borrow !== signed(r, bits) ? OF : 0)
      | ((a & 15) - (b & 15) - borrow < 0 ? AF : 0) | szp(r, bits);
    check(op, bits, a, b, c, r, flags);
  }), { numRuns: 200 });
});

graded("and, or and xor: CF, OF and AF cleared, SF ZF PF from the result", 1, () => {
  fc.assert(fc.property(operands, fc.constantFrom(1, 4, 6), ([bits, a, b, c], op) => {
    const r = op === 1 ? a | b : op === 4 ? a & b : a ^ b;
    check(op, bits, a, b, c, r, szp(r, bits));
  }), { numRuns: 100 });
});

/** A boot sector: every operation, 16 and 8 bits, over `pairs`; prints each result and its flags. */
function flagsGuest(pairs: [number, number, number][]): Uint8Array {
  const blocks = NAMES.flatMap((name, i) => [16, 8].map((bits) => [
    // the flags the SDM defines for the operation; AF is undefined for and, or, xor
    `mov di, ${[1, 4, 6].includes(i) ? "0x8c5" : "0x8d5"}`,
    "mov si, offset pairs",
    `1: call load`,
    bits === 16 ? `${name} ax, bx` : `${name} al, bl`,
    "call emit",
    "add si, 6",
    "cmp si, offset pairs_end",
    "jb 1b",
  ]));
  const source = [
    ".code16", ".intel_syntax noprefix",
    "xor ax, ax", "mov ds, ax", "mov ss, ax", "mov sp, 0x7c00", "mov dx, 0x3f8",
    // a marker before the binary output, which follows QEMU's BIOS banner
    ...[..."ALU:"].flatMap((ch) => [`mov al, ${ch.charCodeAt(0)}`, "call putc"]),
    ...blocks.flat(),
    "mov al, 0", "out 0xf4, al", "hlt",
    // load: ax = a, bx = b, CF = the carry in
    "load: mov cl, [si+4]", "shr cl, 1", "mov ax, [si]", "mov bx, [si+2]", "ret",
    // emit: the result (ax), then the defined flags, in hex (a terminal may turn a raw "\n" into "\r\n")
    "emit: pushf", "call hex16", "pop ax", "and ax, di", "call hex16", "ret",
    "hex16: mov cx, 4", "2: rol ax, 4", "push ax", "and al, 15", "add al, '0'", "cmp al, '9'", "jbe 3f", "add al, 7",
    "3: call putc", "pop ax", "loop 2b", "ret",
    // putc: wait until the UART can take a byte (LSR.THRE), as a real driver does, or QEMU's UART drops it
    "putc: push ax", "mov dx, 0x3fd", "4: in al, dx", "test al, 0x20", "jz 4b", "pop ax", "mov dx, 0x3f8", "out dx, al", "ret",
    "pairs:", ...pairs.map(([a, b, c]) => `.word ${a}, ${b}, ${c}`), "pairs_end:",
    ".org 510", ".byte 0x55, 0xaa",
  ].join("\n");
  return assemble(source, { file: "alu-flags-guest.s" }).bytes;
}

graded("inside the software CPU, a guest putting every operation through random operands prints what it prints under real QEMU", 3, async () => {
  // a fixed sample, so that QEMU's answer is cached (build/qemu) and grading again is quick
  const pairs = fc.sample(fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 1 })), { numRuns: 5, seed: 1 });
  pairs.push([0xffff, 1, 1], [0x7fff, 0x7fff, 0]);
  const image = flagsGuest(pairs);
  const ours = runGuest(new SoftAccelerator(), { bytes: image, mode: "real" }, { timeoutMs: 2000 });
  const theirs = await qemu(image);
  const lines = (output: string) => {
    const serial = output.slice(output.indexOf("ALU:") + 4);
    const out: string[] = [];
    for (let i = 0, k = 0; i + 8 <= serial.length; i += 8, k++) {
      const word = (j: number) => parseInt(serial.slice(i + 2 * j, i + 2 * j + 4), 16);
      const block = Math.floor(k / pairs.length);
      const [a, b, c] = pairs[k % pairs.length]!;
      out.push(`${NAMES[block >> 1]} (${block & 1 ? "8" : "16"}-bit) a=0x${a.toString(16)} b=0x${b.toString(16)} CF=${c}: result 0x${word(0).toString(16)}, flags ${show(word(2))}`);
    }
    return out;
  };
  expect(theirs.status, "QEMU's exit status").toBe(1);
  expect(lines(theirs.serial), "QEMU's output: a result and flags per operation and operands").toHaveLength(16 * pairs.length);
  expect(ours.outcome, "the guest on the software CPU").toEqual({ kind: "exited", status: 1 });
  expect(lines(ours.serial), "each operation's result and flags: yours (left) versus real QEMU").toEqual(lines(theirs.serial));
}, { needs: ["qemu-system-x86_64"], timeout: 30_000 });
