// Encoding the 16-bit instruction subset, choosing the same form GNU as 2.40 chooses (opcodes/i386-opc.tbl
// lists the templates in the order gas tries them; gas/config/tc-i386.c picks the shortest immediate and
// displacement). Sizes are decided here, when the statement is read; values are filled in at the end.
import { AsmError, type Expr } from "./expr.ts";
import type { Mem, Operand } from "./operands.ts";

/** Evaluates an expression with the final symbol values, `.` being the start of this statement. */
export type Value = (e: Expr) => number;

export type Plan =
  | { k: "fixed"; size: number; emit: (value: Value, at: number) => number[] }
  /** A jmp (cc = -1) or jcc that gas relaxes: 2 bytes when the target is within a byte, else 3 or 4. */
  | { k: "jump"; cc: number; target: Expr; prefix: number[] };

const ALU: Record<string, number> = { add: 0, or: 1, adc: 2, sbb: 3, and: 4, sub: 5, xor: 6, cmp: 7 };
const SHIFT: Record<string, number> = { rol: 0, ror: 1, rcl: 2, rcr: 3, shl: 4, sal: 4, shr: 5, sar: 7 };
const UNARY: Record<string, [number, number]> = { not: [0xf6, 2], neg: [0xf6, 3], inc: [0xfe, 0], dec: [0xfe, 1] };
export const CONDITIONS: Record<string, number> = {
  jo: 0, jno: 1, jb: 2, jc: 2, jnae: 2, jnb: 3, jae: 3, jnc: 3, je: 4, jz: 4, jne: 5, jnz: 5, jbe: 6, jna: 6,
  ja: 7, jnbe: 7, js: 8, jns: 9, jp: 10, jpe: 10, jnp: 11, jpo: 11, jl: 12, jnge: 12, jge: 13, jnl: 13,
  jle: 14, jng: 14, jg: 15, jnle: 15,
};
const REL8: Record<string, number> = { loopne: 0xe0, loopnz: 0xe0, loope: 0xe1, loopz: 0xe1, loop: 0xe2, jcxz: 0xe3 };
const SIMPLE: Record<string, number> = {
  hlt: 0xf4, cli: 0xfa, sti: 0xfb, cld: 0xfc, std: 0xfd, clc: 0xf8, stc: 0xf9, cmc: 0xf5, nop: 0x90,
  pushf: 0x9c, popf: 0x9d, insb: 0x6c, insw: 0x6d, outsb: 0x6e, outsw: 0x6f, movsb: 0xa4, movsw: 0xa5, stosb: 0xaa, stosw: 0xab, lodsb: 0xac, lodsw: 0xad,
};
export const PREFIXES: Record<string, number> = { rep: 0xf3, repe: 0xf3, repz: 0xf3, repne: 0xf2, repnz: 0xf2 };
export const MNEMONICS: readonly string[] = [
  ...Object.keys(ALU), ...Object.keys(SHIFT), ...Object.keys(UNARY), ...Object.keys(CONDITIONS), ...Object.keys(REL8),
  ...Object.keys(SIMPLE), "mov", "test", "lea", "push", "pop", "in", "out", "jmp", "call", "ret",
];

const RM: Record<string, number> = { "bx+si": 0, "bx+di": 1, "bp+si": 2, "bp+di": 3, si: 4, di: 5, bp: 6, bx: 7 };
const SEG_PREFIX = [0x26, 0x2e, 0x36, 0x3e];

function byte(v: number): number[] {
  if (v < -128 || v > 255) throw new AsmError(`value ${v} does not fit in a byte`);
  return [v & 0xff];
}
function word(v: number): number[] {
  if (v < -32768 || v > 65535) throw new AsmError(`value ${v} does not fit in 16 bits`);
  return [v & 0xff, (v >> 8) & 0xff];
}

/** A 16-bit constant written as the imm8 the CPU sign-extends: 0xffff is written as 0xff. */
function signed8(v: number): number[] {
  return byte(v >= 0xff80 ? v - 0x10000 : v);
}

/** The ModR/M byte, displacement and segment prefix for a memory operand, with `reg` in the middle field. */
function memPlan(m: Mem, probe: Value): { size: number; emit: (reg: number, value: Value) => number[]; prefix: number[] } {
  const key = [m.base, m.index].filter((x) => x).join("+");
  const defaultSeg = m.base === "bp" ? 2 : 3;
  const prefix = m.seg !== null && m.seg !== defaultSeg ? [SEG_PREFIX[m.seg]!] : [];
  if (!key) {
    return { size: 3, prefix, emit: (reg, value) => [(reg << 3) | 6, ...word(value(m.disp!))] };
  }
  const rm = RM[key]!;
  let dispSize: 0 | 1 | 2 = 2;
  if (m.constant) {
    const d = m.disp ? probe(m.disp) : 0;
    dispSize = d === 0 && key !== "bp" ? 0 : d >= -128 && d <= 127 ? 1 : 2;
  }
  const mod = dispSize === 0 ? 0 : dispSize === 1 ? 0x40 : 0x80;
  return {
    size: 1 + dispSize,
    prefix,
    emit: (reg, value) => {
      const d = m.disp ? value(m.disp) : 0;
      return [mod | (reg << 3) | rm, ...(dispSize === 0 ? [] : dispSize === 1 ? byte(d) : word(d))];
    },
  };
}

/** A ModR/M instruction: opcode bytes, then r/m (a register or memory), `reg` field, then an immediate. */
function modrm(opcode: number[], rm: Operand, reg: number, probe: Value, imm?: (value: Value) => number[], immSize = 0): Plan {
  if (rm.k === "reg" || rm.k === "sreg") {
    return { k: "fixed", size: opcode.length + 1 + immSize, emit: (value) => [...opcode, 0xc0 | (reg << 3) | rm.num, ...(imm ? imm(value) : [])] };
  }
  if (rm.k !== "mem") throw new AsmError("expected a register or memory operand");
  const m = memPlan(rm, probe);
  return {
    k: "fixed",
    size: m.prefix.length + opcode.length + m.size + immSize,
    emit: (value) => [...m.prefix, ...opcode, ...m.emit(reg, value), ...(imm ? imm(value) : [])],
  };
}

function fixed(bytes: number[]): Plan {
  return { k: "fixed", size: bytes.length, emit: () => bytes };
}

/** The operand size of an instruction: from a register operand, else from `byte ptr`/`word ptr`. */
function sizeOf(ops: Operand[], name: string): 8 | 16 {
  let size: 8 | 16 | 0 = 0;
  for (const o of ops) {
    const s = o.k === "reg" ? o.size : o.k === "sreg" ? 16 : o.k === "mem" ? o.size : 0;
    if (s && size && s !== size) throw new AsmError(`${name}: operand sizes differ (${size} and ${s} bits)`);
    if (s) size = s;
  }
  if (!size) throw new AsmError(`${name}: the operand size is ambiguous; write byte ptr or word ptr`);
  return size;
}

function count(ops: Operand[], n: number, name: string): void {
  if (ops.length !== n) throw new AsmError(`${name} takes ${n} operand${n === 1 ? "" : "s"}, not ${ops.length}`);
}

/**
 * Plans one instruction. `probe` evaluates constant expressions now (immediates and displacements whose
 * value decides the form).
 */
export function plan(name: string, ops: Operand[], probe: Value): Plan {
  // gas uses a sign-extended imm8 for a 16-bit operand when the constant is -128..127 (or 0xff80..0xffff);
  // an expression with a label is relocatable, so it always gets the full 16 bits.
  const imm8s = (o: Operand): boolean => {
    if (o.k !== "imm" || !o.constant) return false;
    const v = probe(o.expr);
    return (v >= -128 && v <= 127) || (v >= 0xff80 && v <= 0xffff);
  };
  if (name in SIMPLE) {
    count(ops, 0, name);
    return fixed([SIMPLE[name]!]);
  }
  if (name in ALU || name === "test" || name === "mov") {
    count(ops, 2, name);
    const [dst, src] = ops as [Operand, Operand];
    if (name === "mov" && (dst.k === "sreg" || src.k === "sreg")) {
      const [s, other, opcode] = dst.k === "sreg" ? [dst, src, 0x8e] : [src as Extract<Operand, { k: "sreg" }>, dst, 0x8c];
      if (other.k === "imm" || other.k === "sreg" || (other.k === "reg" && other.size === 8) || (other.k === "mem" && other.size === 8)) {
        throw new AsmError("mov with a segment register takes a 16-bit register or word in memory");
      }
      if (opcode === 0x8e && s.num === 1) throw new AsmError("mov cs, ... is not allowed: use a far jump");
      return modrm([opcode], other, s.num, probe);
    }
    if (dst.k === "imm") throw new AsmError(`${name}: the destination cannot be an immediate`);
    if (src.k === "sreg" || dst.k === "sreg") throw new AsmError(`${name} cannot use a segment register`);
    if (src.k === "mem" && dst.k === "mem") throw new AsmError(`${name} cannot take two memory operands`);
    const size = sizeOf(ops, name);
    const w = size === 16 ? 1 : 0;
    const immBytes = (o: Operand, narrow: boolean) => (value: Value) => (o.k === "imm" ? (narrow ? byte : word)(value(o.expr)) : []);
    if (src.k === "imm") {
      const acc = dst.k === "reg" && dst.num === 0;
      if (name === "mov") {
        if (dst.k === "reg") return { k: "fixed", size: 2 + w, emit: (v) => [(w ? 0xb8 : 0xb0) + dst.num, ...immBytes(src, !w)(v)] };
        return modrm([0xc6 + w], dst, 0, probe, immBytes(src, !w), 1 + w);
      }
      if (name === "test") {
        if (acc) return { k: "fixed", size: 2 + w, emit: (v) => [0xa8 + w, ...immBytes(src, !w)(v)] };
        return modrm([0xf6 + w], dst, 0, probe, immBytes(src, !w), 1 + w);
      }
      const op = ALU[name]!;
      if (w && imm8s(src)) return modrm([0x83], dst, op, probe, (v) => signed8(v(src.expr)), 1);
      if (acc) return { k: "fixed", size: 2 + w, emit: (v) => [op * 8 + 4 + w, ...immBytes(src, !w)(v)] };
      return modrm([0x80 + w], dst, op, probe, immBytes(src, !w), 1 + w);
    }
    const base = name === "mov" ? 0x88 : name === "test" ? 0x84 : ALU[name]! * 8;
    if (name === "mov") {
      // gas uses the short accumulator forms A0-A3 for a plain address (no base or index register).
      const moffs = (m: Operand, r: Operand) => m.k === "mem" && !m.base && !m.index && r.k === "reg" && r.num === 0;
      if (moffs(src, dst) || moffs(dst, src)) {
        const m = (src.k === "mem" ? src : dst) as Mem;
        const opcode = (src.k === "mem" ? 0xa0 : 0xa2) + w;
        const prefix = m.seg !== null && m.seg !== 3 ? [SEG_PREFIX[m.seg]!] : [];
        return { k: "fixed", size: prefix.length + 3, emit: (v) => [...prefix, opcode, ...word(v(m.disp!))] };
      }
    }
    if (src.k === "reg") return modrm([base + w], dst, src.num, probe);
    if (dst.k === "reg" && src.k === "mem") return modrm([base + (name === "test" ? 0 : 2) + w], src, dst.num, probe);
    throw new AsmError(`${name}: unsupported operands`);
  }
  if (name in UNARY) {
    count(ops, 1, name);
    const [op] = ops as [Operand];
    const [opcode, ext] = UNARY[name]!;
    const size = sizeOf(ops, name);
    if (op.k === "reg" && size === 16 && (name === "inc" || name === "dec")) return fixed([(name === "inc" ? 0x40 : 0x48) + op.num]);
    if (op.k !== "reg" && op.k !== "mem") throw new AsmError(`${name} takes a register or memory`);
    return modrm([opcode + (size === 16 ? 1 : 0)], op, ext, probe);
  }
  if (name in SHIFT) {
    if (ops.length !== 1 && ops.length !== 2) throw new AsmError(`${name} takes 1 or 2 operands`);
    const [op, by] = ops as [Operand, Operand | undefined];
    const w = sizeOf([op], name) === 16 ? 1 : 0;
    const ext = SHIFT[name]!;
    if (!by || (by.k === "imm" && by.constant && probe(by.expr) === 1)) return modrm([0xd0 + w], op, ext, probe);
    if (by.k === "reg" && by.name === "cl") return modrm([0xd2 + w], op, ext, probe);
    if (by.k === "imm") return modrm([0xc0 + w], op, ext, probe, (v) => byte(v(by.expr)), 1);
    throw new AsmError(`${name}: the count is 1, cl or a number`);
  }
  if (name === "push" || name === "pop") {
    count(ops, 1, name);
    const [op] = ops as [Operand];
    const push = name === "push";
    if (op.k === "reg") {
      if (op.size !== 16) throw new AsmError(`${name} takes a 16-bit register`);
      return fixed([(push ? 0x50 : 0x58) + op.num]);
    }
    if (op.k === "sreg") {
      if (!push && op.num === 1) throw new AsmError("pop cs is not an instruction");
      return fixed([(op.num << 3) + (push ? 6 : 7)]);
    }
    if (op.k === "imm") {
      if (!push) throw new AsmError("pop needs a register or memory");
      if (imm8s(op)) return { k: "fixed", size: 2, emit: (v) => [0x6a, ...signed8(v(op.expr))] };
      return { k: "fixed", size: 3, emit: (v) => [0x68, ...word(v(op.expr))] };
    }
    if (op.size === 8) throw new AsmError(`${name} takes a word, not a byte`);
    return modrm([push ? 0xff : 0x8f], op, push ? 6 : 0, probe);
  }
  if (name === "lea") {
    count(ops, 2, name);
    const [dst, src] = ops as [Operand, Operand];
    if (dst.k !== "reg" || dst.size !== 16 || src.k !== "mem") throw new AsmError("lea takes a 16-bit register and a memory operand");
    return modrm([0x8d], src, dst.num, probe);
  }
  if (name === "in" || name === "out") {
    count(ops, 2, name);
    const [port, data] = (name === "in" ? [ops[1], ops[0]] : [ops[0], ops[1]]) as [Operand, Operand];
    if (data.k !== "reg" || data.num !== 0) throw new AsmError(`${name} moves data through al or ax`);
    const w = data.size === 16 ? 1 : 0;
    const base = name === "in" ? 0xe4 : 0xe6;
    if (port.k === "reg" && port.name === "dx") return fixed([base + 8 + w]);
    if (port.k === "imm") return { k: "fixed", size: 2, emit: (v) => [base + w, ...byte(v(port.expr))] };
    throw new AsmError(`${name}: the port is dx or a number 0..255`);
  }
  if (name === "ret") {
    if (ops.length === 0) return fixed([0xc3]);
    const [n] = ops as [Operand];
    if (n.k !== "imm") throw new AsmError("ret takes a number of bytes to pop");
    return { k: "fixed", size: 3, emit: (v) => [0xc2, ...word(v(n.expr))] };
  }
  if (name === "jmp" || name === "call" || name in CONDITIONS || name in REL8) {
    count(ops, 1, name);
    const [t] = ops as [Operand];
    if (t.k === "reg" || t.k === "mem") {
      if (name !== "jmp" && name !== "call") throw new AsmError(`${name} takes a label`);
      if (t.k === "reg" && t.size !== 16) throw new AsmError(`${name} through a register takes a 16-bit register`);
      if (t.k === "mem" && t.size === 8) throw new AsmError(`${name} through memory takes a word`);
      return modrm([0xff], t, name === "jmp" ? 4 : 2, probe);
    }
    if (t.k !== "imm") throw new AsmError(`${name} takes a label`);
    if (name === "jmp") return { k: "jump", cc: -1, target: t.expr, prefix: [] };
    if (name in CONDITIONS) return { k: "jump", cc: CONDITIONS[name]!, target: t.expr, prefix: [] };
    if (name === "call") return { k: "fixed", size: 3, emit: (v, at) => [0xe8, ...word((v(t.expr) - (at + 3)) & 0xffff)] };
    return {
      k: "fixed",
      size: 2,
      emit: (v, at) => {
        const d = v(t.expr) - (at + 2);
        if (d < -128 || d > 127) throw new AsmError(`${name} target is ${d} bytes away; ${name} reaches only -128..127`);
        return [REL8[name]!, d & 0xff];
      },
    };
  }
  throw new AsmError(`unknown instruction ${name}`);
}
