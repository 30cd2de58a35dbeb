// Tokens and expressions of GNU as syntax (binutils 2.40 gas/expr.c, gas/config/tc-i386-intel.c), as far as
// the guests need them: numbers in gas's spellings, character constants, symbols, `.` (the location
// counter), and gas's three levels of binary operators.

export type Token =
  | { t: "num"; v: number }
  | { t: "id"; v: string }
  | { t: "str"; v: number[] }
  | { t: "op"; v: string };

export class AsmError extends Error {}

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, "\\": 92, '"': 34, "'": 39 };

/** Reads one escape after a backslash at s[i]; returns the byte and the index after it. */
function escape(s: string, i: number): [number, number] {
  const c = s[i] ?? "";
  if (c in ESCAPES) return [ESCAPES[c]!, i + 1];
  if (c === "x" || c === "X") {
    const m = /^[0-9a-fA-F]+/.exec(s.slice(i + 1));
    if (!m) throw new AsmError("\\x needs hex digits");
    return [parseInt(m[0], 16) & 0xff, i + 1 + m[0].length];
  }
  const m = /^[0-7]{1,3}/.exec(s.slice(i));
  if (m) return [parseInt(m[0], 8) & 0xff, i + m[0].length];
  throw new AsmError(`unknown escape \\${c}`);
}

/** gas reads 0x1f, 0b101, 017 (octal, as C does) and 42. */
function number(text: string): number {
  let m: RegExpExecArray | null;
  if ((m = /^0[xX]([0-9a-fA-F]+)$/.exec(text))) return parseInt(m[1]!, 16);
  if ((m = /^0[bB]([01]+)$/.exec(text))) return parseInt(m[1]!, 2);
  if (/^0[0-7]+$/.test(text)) return parseInt(text, 8);
  if (/^[0-9]+$/.test(text)) return parseInt(text, 10);
  throw new AsmError(`bad number ${text}`);
}

/** Splits one statement into tokens. Comments and `;` separators are removed before this. */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === " " || c === "\t" || c === "\r") {
      i++;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9a-zA-Z]+/.exec(s.slice(i))!;
      // 1b and 1f name the nearest local label `1:` backwards and forwards
      out.push(/^[0-9]+[bf]$/.test(m[0]) ? { t: "id", v: m[0] } : { t: "num", v: number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_.$]/.test(c)) {
      const m = /^[A-Za-z0-9_.$]+/.exec(s.slice(i))!;
      out.push({ t: "id", v: m[0] });
      i += m[0].length;
    } else if (c === '"') {
      const bytes: number[] = [];
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === "\\") {
          const [b, next] = escape(s, i + 1);
          bytes.push(b);
          i = next;
        } else {
          bytes.push(s.charCodeAt(i) & 0xff);
          i++;
        }
      }
      if (s[i] !== '"') throw new AsmError("string without its closing quote");
      i++;
      out.push({ t: "str", v: bytes });
    } else if (c === "'") {
      // gas: 'A is the character constant; Intel syntax also closes it: 'A'
      let v: number;
      if (s[i + 1] === "\\") [v, i] = escape(s, i + 2);
      else if (i + 1 < s.length) [v, i] = [s.charCodeAt(i + 1) & 0xff, i + 2];
      else throw new AsmError("character constant without its character");
      if (s[i] === "'") i++;
      out.push({ t: "num", v });
    } else if (s.startsWith("<<", i) || s.startsWith(">>", i)) {
      out.push({ t: "op", v: s.slice(i, i + 2) });
      i += 2;
    } else if ("+-*/%()[],:&|^~=".includes(c)) {
      out.push({ t: "op", v: c });
      i++;
    } else {
      throw new AsmError(`unexpected character '${c}'`);
    }
  }
  return out;
}

export type Expr =
  | { k: "num"; v: number }
  | { k: "sym"; name: string }
  | { k: "dot" }
  | { k: "reg"; name: string }
  | { k: "neg" | "not"; a: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr };

/** A cursor over a statement's tokens. */
export class Tokens {
  i = 0;
  constructor(readonly list: Token[]) {}
  peek(): Token | undefined {
    return this.list[this.i];
  }
  isOp(v: string): boolean {
    const t = this.list[this.i];
    return t !== undefined && t.t === "op" && t.v === v;
  }
  isWord(v: string): boolean {
    const t = this.list[this.i];
    return t !== undefined && t.t === "id" && t.v.toLowerCase() === v;
  }
  take(): Token {
    const t = this.list[this.i++];
    if (!t) throw new AsmError("the statement ends too early");
    return t;
  }
  expectOp(v: string): void {
    if (!this.isOp(v)) throw new AsmError(`expected '${v}'`);
    this.i++;
  }
  get done(): boolean {
    return this.i >= this.list.length;
  }
}

// gas/expr.c op_rank: * / % << >> bind tightest, then | & ^, then + -.
const LEVELS: readonly (readonly string[])[] = [["+", "-"], ["|", "&", "^"], ["*", "/", "%", "<<", ">>"]];

/** Parses an expression; `isReg` says which identifiers are registers (allowed inside brackets). */
export function parseExpr(ts: Tokens, isReg: (name: string) => boolean, level = 0): Expr {
  if (level === LEVELS.length) return parseUnary(ts, isReg);
  let a = parseExpr(ts, isReg, level + 1);
  for (;;) {
    const t = ts.peek();
    if (!t || t.t !== "op" || !LEVELS[level]!.includes(t.v)) return a;
    ts.i++;
    a = { k: "bin", op: t.v, a, b: parseExpr(ts, isReg, level + 1) };
  }
}

function parseUnary(ts: Tokens, isReg: (name: string) => boolean): Expr {
  const t = ts.take();
  if (t.t === "num") return { k: "num", v: t.v };
  if (t.t === "id") {
    if (t.v === ".") return { k: "dot" };
    if (isReg(t.v.toLowerCase())) return { k: "reg", name: t.v.toLowerCase() };
    return { k: "sym", name: t.v };
  }
  if (t.t === "op") {
    if (t.v === "-") return { k: "neg", a: parseUnary(ts, isReg) };
    if (t.v === "~") return { k: "not", a: parseUnary(ts, isReg) };
    if (t.v === "+") return parseUnary(ts, isReg);
    if (t.v === "(") {
      const e = parseExpr(ts, isReg);
      ts.expectOp(")");
      return e;
    }
  }
  throw new AsmError("expected a number, a symbol or '('");
}

/** Symbol values: labels (addresses) and .equ constants. */
export interface Scope {
  value(name: string): number | undefined;
  dot: number;
}

export function evaluate(e: Expr, scope: Scope): number {
  switch (e.k) {
    case "num":
      return e.v;
    case "dot":
      return scope.dot;
    case "reg":
      throw new AsmError(`register ${e.name} is not allowed in an expression`);
    case "sym": {
      const v = scope.value(e.name);
      if (v === undefined) throw new AsmError(`undefined symbol ${e.name}`);
      return v;
    }
    case "neg":
      return -evaluate(e.a, scope);
    case "not":
      return ~evaluate(e.a, scope);
    case "bin": {
      const a = evaluate(e.a, scope);
      const b = evaluate(e.b, scope);
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return Math.imul(a, b);
        case "/":
        case "%":
          if (b === 0) throw new AsmError("division by zero");
          return e.op === "/" ? Math.trunc(a / b) : a % b;
        case "<<": return a << b;
        case ">>": return a >> b;
        case "&": return a & b;
        case "|": return a | b;
        default: return a ^ b;
      }
    }
  }
}

/** True when `e` is an absolute constant now: numbers and constants already defined (no labels, no `.`). */
export function isConstant(e: Expr, constants: ReadonlyMap<string, number>): boolean {
  switch (e.k) {
    case "num": return true;
    case "sym": return constants.has(e.name);
    case "dot":
    case "reg": return false;
    case "neg":
    case "not": return isConstant(e.a, constants);
    case "bin": return isConstant(e.a, constants) && isConstant(e.b, constants);
  }
}
