// Operands in GNU as Intel syntax (gas/config/tc-i386-intel.c): registers, immediates, and memory
// references with the 16-bit addressing forms of the 8086 (base bx/bp, index si/di, displacement).
import { AsmError, isConstant, parseExpr, type Expr, type Tokens } from "./expr.ts";

export const REG8 = ["al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"] as const;
export const REG16 = ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"] as const;
export const SREG = ["es", "cs", "ss", "ds"] as const;
const WIDE = /^(e[abcd]x|e[sd]i|e[sb]p|r[abcd]x|r[sd]i|r[sb]p|r\d+[bwd]?|[sd]il|[sb]pl|fs|gs|cr\d|dr\d)$/;

export function isRegister(name: string): boolean {
  return (REG8 as readonly string[]).includes(name) || (REG16 as readonly string[]).includes(name) ||
    (SREG as readonly string[]).includes(name) || WIDE.test(name);
}

export type Operand =
  | { k: "reg"; size: 8 | 16; num: number; name: string }
  | { k: "sreg"; num: number; name: string }
  | { k: "imm"; expr: Expr; constant: boolean }
  | { k: "mem"; size: 8 | 16 | 0; seg: number | null; base: "bx" | "bp" | null; index: "si" | "di" | null; disp: Expr | null; constant: boolean };

/** What is known of symbols when a statement is read. */
export interface Known {
  /** Constants defined so far (.equ with a number). */
  constants: ReadonlyMap<string, number>;
  /** Symbols defined as a difference of labels (`.set len, end - start`): numbers, not addresses. */
  differences: ReadonlySet<string>;
}

export type Mem = Extract<Operand, { k: "mem" }>;

function register(name: string): Operand {
  let n = (REG8 as readonly string[]).indexOf(name);
  if (n >= 0) return { k: "reg", size: 8, num: n, name };
  n = (REG16 as readonly string[]).indexOf(name);
  if (n >= 0) return { k: "reg", size: 16, num: n, name };
  n = (SREG as readonly string[]).indexOf(name);
  if (n >= 0) return { k: "sreg", num: n, name };
  throw new AsmError(`register ${name} is not available in 16-bit real mode (the 8086 registers are ${REG16.join(" ")})`);
}

/** Splits the sum inside brackets into its registers and the rest (the displacement). */
function splitSum(e: Expr, sign: 1 | -1, regs: string[], terms: Expr[]): void {
  if (e.k === "bin" && (e.op === "+" || e.op === "-")) {
    splitSum(e.a, sign, regs, terms);
    splitSum(e.b, e.op === "-" ? (-sign as 1 | -1) : sign, regs, terms);
  } else if (e.k === "reg") {
    if (sign < 0) throw new AsmError(`a register cannot be subtracted in an address: -${e.name}`);
    regs.push(e.name);
  } else {
    terms.push(sign < 0 ? { k: "neg", a: e } : e);
  }
}

function hasReg(e: Expr): boolean {
  if (e.k === "reg") return true;
  if (e.k === "neg" || e.k === "not") return hasReg(e.a);
  if (e.k === "bin") return hasReg(e.a) || hasReg(e.b);
  return false;
}

function memory(inner: Expr | null, outer: Expr | null, size: 8 | 16 | 0, seg: number | null, constants: ReadonlyMap<string, number>): Mem {
  const regs: string[] = [];
  const terms: Expr[] = [];
  if (inner) splitSum(inner, 1, regs, terms);
  if (outer) terms.push(outer);
  for (const t of terms) if (hasReg(t)) throw new AsmError("registers in an address may only be added: [bx+si+8]");
  let base: "bx" | "bp" | null = null;
  let index: "si" | "di" | null = null;
  for (const r of regs) {
    if ((r === "bx" || r === "bp") && !base) base = r;
    else if ((r === "si" || r === "di") && !index) index = r;
    else throw new AsmError(`[${regs.join("+")}] is not a 16-bit address: use one of bx/bp plus one of si/di`);
  }
  let disp: Expr | null = null;
  for (const t of terms) disp = disp ? { k: "bin", op: "+", a: disp, b: t } : t;
  return { k: "mem", size, seg, base, index, disp, constant: disp === null || isConstant(disp, constants) };
}

/**
 * How many labels an expression adds up: `msg + 2` is 1 (an address, relocatable), `end - start` is 0 (a
 * plain number, known once the labels are placed). null when labels are combined in any other way.
 */
export function labels(e: Expr, known: Known): number | null {
  switch (e.k) {
    case "num": return 0;
    case "sym": return known.constants.has(e.name) || known.differences.has(e.name) ? 0 : 1;
    case "dot": return 1;
    case "reg": return null;
    case "neg": {
      const a = labels(e.a, known);
      return a === null ? null : -a;
    }
    case "not": return labels(e.a, known) === 0 ? 0 : null;
    case "bin": {
      const a = labels(e.a, known);
      const b = labels(e.b, known);
      if (a === null || b === null) return null;
      if (e.op === "+") return a + b;
      if (e.op === "-") return a - b;
      return a === 0 && b === 0 ? 0 : null;
    }
  }
}

/**
 * Parses one operand. As in gas's Intel syntax, a bare expression that names a label (or a symbol not yet
 * defined as a constant) is a memory operand; `offset label` is the label's address as an immediate.
 */
export function parseOperand(ts: Tokens, known: Known, branch: boolean): Operand {
  const { constants } = known;
  let size: 8 | 16 | 0 = 0;
  if (ts.isWord("byte") || ts.isWord("word")) {
    size = ts.isWord("byte") ? 8 : 16;
    ts.i++;
    if (!ts.isWord("ptr")) throw new AsmError("write 'byte ptr' or 'word ptr'");
    ts.i++;
  }
  if (ts.isWord("offset")) {
    ts.i++;
    const expr = parseExpr(ts, isRegister);
    return { k: "imm", expr, constant: isConstant(expr, constants) };
  }
  let seg: number | null = null;
  const first = ts.peek();
  if (first?.t === "id" && (SREG as readonly string[]).includes(first.v.toLowerCase()) && ts.list[ts.i + 1]?.t === "op" && ts.list[ts.i + 1]?.v === ":") {
    seg = (SREG as readonly string[]).indexOf(first.v.toLowerCase());
    ts.i += 2;
  }
  if (ts.isOp("[")) {
    ts.i++;
    const inner = parseExpr(ts, isRegister);
    ts.expectOp("]");
    let outer: Expr | null = null;
    if (ts.isOp("+") || ts.isOp("-")) outer = parseExpr(ts, isRegister);
    return memory(inner, outer, size, seg, constants);
  }
  const expr = parseExpr(ts, isRegister);
  if (expr.k === "reg") {
    if (size || seg !== null) throw new AsmError(`${expr.name} is a register, not memory`);
    return register(expr.name);
  }
  if (hasReg(expr)) throw new AsmError("put an address with registers in brackets: [bx+2]");
  const constant = isConstant(expr, constants);
  if (seg !== null || size || (!branch && labels(expr, known) !== 0)) return memory(null, expr, size, seg, constants);
  return { k: "imm", expr, constant };
}
