// A two-pass assembler for 16-bit real-mode guests in GNU as syntax (`.code16`, `.intel_syntax noprefix`).
// Its bytes equal what `as` and `ld -Ttext ORIGIN --oformat binary` produce from the same file. Like gas it
// fixes every instruction's size when it reads it, except jumps, which start short and grow to their near
// form until every target is in reach (gas/write.c relax_segment).
import { AsmError, evaluate, isConstant, parseExpr, tokenize, Tokens, type Expr } from "./expr.ts";
import { MNEMONICS, plan, PREFIXES, type Plan, type Value } from "./encode.ts";
import { isRegister, labels, parseOperand, type Operand } from "./operands.ts";

export interface AssembleOptions {
  /** The address of the first byte: 0x7c00 for a boot sector (what `ld -Ttext 0x7c00` does). */
  origin?: number;
  /** The file name used in error messages. */
  file?: string;
}

export interface Assembled {
  bytes: Uint8Array;
  origin: number;
  /** Labels and constants by name. */
  symbols: Map<string, number>;
  /** The source line (1-based) of each instruction or data statement, by address. */
  lines: Map<number, number>;
}

type Statement =
  | { k: "label"; name: string }
  | { k: "equ"; name: string; expr: Expr }
  | { k: "plan"; plan: Plan }
  | { k: "org"; expr: Expr; constant: boolean; fill: number }
  | { k: "fill"; count: Expr; size: number; value: Expr };
type Item = Statement & { line: number };

/** Removes a `#` comment and splits a line at gas's statement separator `;`, minding quotes. */
function statements(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quote = false;
  let i = 0;
  for (; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === '"') quote = false;
    } else if (c === '"') {
      quote = true;
    } else if (c === "'") {
      i += line[i + 1] === "\\" ? 2 : 1;
    } else if (c === "#") {
      break;
    } else if (c === ";") {
      out.push(line.slice(start, i));
      start = i + 1;
    }
  }
  out.push(line.slice(start, i));
  return out.filter((x) => x.trim() !== "");
}

function list(ts: Tokens): Expr[] {
  const out: Expr[] = [];
  if (ts.done) return out;
  for (;;) {
    out.push(parseExpr(ts, isRegister));
    if (ts.done) return out;
    ts.expectOp(",");
  }
}

function littleEndian(v: number, size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) out.push((v >>> (8 * i)) & 0xff);
  return out;
}

class Reader {
  items: Item[] = [];
  constants = new Map<string, number>();
  differences = new Set<string>();
  /** How many times each local label (`1:`) has been defined so far. */
  locals = new Map<number, number>();
  line = 0;
  private probe: Value = (e) => evaluate(e, { value: (n) => this.constants.get(n), dot: 0 });

  push(item: Statement): void {
    this.items.push({ ...item, line: this.line });
  }

  statement(text: string): void {
    const ts = new Tokens(tokenize(text));
    // labels: `name:`, and gas's local labels `1:` (each definition a new label; 1b and 1f find them)
    for (;;) {
      const t = ts.peek();
      const next = ts.list[ts.i + 1];
      if (next?.t !== "op" || next.v !== ":") break;
      if (t?.t === "id" && !isRegister(t.v.toLowerCase())) {
        this.push({ k: "label", name: t.v });
      } else if (t?.t === "num") {
        const n = this.locals.get(t.v) ?? 0;
        this.locals.set(t.v, n + 1);
        this.push({ k: "label", name: `${t.v}·${n}` });
      } else break;
      ts.i += 2;
    }
    for (const t of ts.list) {
      if (t.t !== "id" || !/^[0-9]+[bf]$/.test(t.v)) continue;
      const label = Number(t.v.slice(0, -1));
      const n = this.locals.get(label) ?? 0;
      t.v = `${label}·${t.v.endsWith("b") ? n - 1 : n}`;
    }
    if (ts.done) return;
    const head = ts.take();
    if (head.t !== "id") throw new AsmError("expected an instruction, a directive or a label");
    if (ts.isOp("=")) {
      ts.i++;
      return this.equ(head.v, parseExpr(ts, isRegister));
    }
    const word = head.v.toLowerCase();
    if (word.startsWith(".")) return this.directive(word, ts);
    if (word === "db" || word === "dw") return this.data(word === "db" ? 1 : 2, ts, true);
    if (word === "times") {
      const n = parseExpr(ts, isRegister);
      if (!isConstant(n, this.constants)) throw new AsmError("times needs a constant count");
      const rest = new Tokens(ts.list.slice(ts.i));
      const count = this.probe(n);
      for (let i = 0; i < count; i++) this.instruction(new Tokens(rest.list));
      return;
    }
    ts.i--;
    this.instruction(ts);
  }

  instruction(ts: Tokens): void {
    let word = (ts.take() as { v: string }).v.toLowerCase();
    const prefix: number[] = [];
    while (word in PREFIXES && !ts.done) {
      prefix.push(PREFIXES[word]!);
      word = String(ts.take().v).toLowerCase();
    }
    if (word === "db" || word === "dw") return this.data(word === "db" ? 1 : 2, ts, true);
    if (!MNEMONICS.includes(word)) throw new AsmError(`unknown instruction ${word}`);
    const branch = word === "jmp" || word === "call" || word.startsWith("j") || word.startsWith("loop");
    const ops: Operand[] = [];
    while (!ts.done) {
      ops.push(parseOperand(ts, this, branch));
      if (!ts.done) ts.expectOp(",");
    }
    for (const o of ops) {
      if (branch && o.k === "imm" && o.constant) throw new AsmError(`${word} takes a label, not a number`);
    }
    const p = plan(word, ops, this.probe);
    if (p.k === "jump") p.prefix.push(...prefix);
    else if (prefix.length) {
      const inner = p;
      this.push({ k: "plan", plan: { k: "fixed", size: inner.size + prefix.length, emit: (v, at) => [...prefix, ...inner.emit(v, at + prefix.length)] } });
      return;
    }
    this.push({ k: "plan", plan: p });
  }

  /** A constant known now is used as such (it may pick short forms); one that names labels is like a label. */
  equ(name: string, expr: Expr): void {
    if (isConstant(expr, this.constants)) this.constants.set(name, this.probe(expr));
    else {
      if (labels(expr, this) === 0) this.differences.add(name);
      this.push({ k: "equ", name, expr });
    }
  }

  data(size: number, ts: Tokens, strings: boolean): void {
    const parts: (Expr | number[])[] = [];
    while (!ts.done) {
      const t = ts.peek()!;
      if (t.t === "str") {
        if (!strings) throw new AsmError("use .ascii for strings");
        parts.push(t.v);
        ts.i++;
      } else parts.push(parseExpr(ts, isRegister));
      if (!ts.done) ts.expectOp(",");
    }
    const fit = (v: number) => {
      if (v < -(2 ** (8 * size - 1)) || v >= 2 ** (8 * size)) throw new AsmError(`value ${v} does not fit in ${size * 8} bits`);
      return littleEndian(v, size);
    };
    const total = parts.reduce((n, p) => n + (Array.isArray(p) ? p.length * size : size), 0);
    this.push({
      k: "plan",
      plan: { k: "fixed", size: total, emit: (v) => parts.flatMap((p) => (Array.isArray(p) ? p.flatMap(fit) : fit(v(p)))) },
    });
  }

  directive(word: string, ts: Tokens): void {
    switch (word) {
      case ".code16":
      case ".text":
        return;
      case ".intel_syntax":
        if (!ts.isWord("noprefix")) throw new AsmError("write .intel_syntax noprefix");
        return;
      case ".globl":
      case ".global":
        return;
      case ".code32":
      case ".code64":
        throw new AsmError(`${word} is not supported: this assembler writes 16-bit real-mode code (.code16)`);
      case ".byte":
        return this.data(1, ts, false);
      case ".word":
      case ".short":
      case ".2byte":
        return this.data(2, ts, false);
      case ".ascii":
      case ".asciz":
      case ".string": {
        const bytes: number[] = [];
        while (!ts.done) {
          const t = ts.take();
          if (t.t !== "str") throw new AsmError(`${word} takes strings in double quotes`);
          bytes.push(...t.v, ...(word === ".ascii" ? [] : [0]));
          if (!ts.done) ts.expectOp(",");
        }
        return this.push({ k: "plan", plan: { k: "fixed", size: bytes.length, emit: () => bytes } });
      }
      case ".equ":
      case ".set": {
        const name = ts.take();
        if (name.t !== "id") throw new AsmError(`${word} needs a name`);
        ts.expectOp(",");
        return this.equ(name.v, parseExpr(ts, isRegister));
      }
      case ".org": {
        const [expr, fill] = list(ts);
        if (!expr) throw new AsmError(".org needs an offset");
        return this.push({ k: "org", expr, constant: isConstant(expr, this.constants), fill: fill ? this.probe(fill) : 0 });
      }
      case ".fill": {
        const [count, size, value] = list(ts);
        if (!count) throw new AsmError(".fill needs a count");
        return this.push({ k: "fill", count, size: size ? this.probe(size) : 1, value: value ?? { k: "num", v: 0 } });
      }
      case ".space":
      case ".skip": {
        const [count, value] = list(ts);
        if (!count) throw new AsmError(`${word} needs a count`);
        return this.push({ k: "fill", count, size: 1, value: value ?? { k: "num", v: 0 } });
      }
      default:
        throw new AsmError(`unknown directive ${word}`);
    }
  }
}

export function assemble(source: string, options: AssembleOptions = {}): Assembled {
  const origin = options.origin ?? 0x7c00;
  const file = options.file ?? "<input>";
  const r = new Reader();
  const lines = source.split("\n");
  let rept: { count: number; body: string[]; line: number } | null = null;
  const located = (line: number, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof AsmError) throw new AsmError(`${file}:${line}: ${e.message}`);
      throw e;
    }
  };
  for (let n = 0; n < lines.length; n++) {
    r.line = n + 1;
    for (const s of statements(lines[n]!)) {
      located(n + 1, () => {
        const reptAt = /^((?:\s*[A-Za-z_.$][\w.$]*\s*:)*)\s*\.rept\b/i.exec(s);
        const head = s.trim().split(/\s+/)[0]!.toLowerCase();
        if (reptAt && !rept) {
          if (reptAt[1]) r.statement(reptAt[1]);
          const e = parseExpr(new Tokens(tokenize(s.slice(reptAt[0].length))), isRegister);
          if (!isConstant(e, r.constants)) throw new AsmError(".rept needs a constant count");
          rept = { count: evaluate(e, { value: (x) => r.constants.get(x), dot: 0 }), body: [], line: n + 1 };
        } else if (reptAt) {
          throw new AsmError(".rept inside .rept is not supported");
        } else if (head === ".endr") {
          if (!rept) throw new AsmError(".endr without .rept");
          const { count, body } = rept;
          rept = null;
          for (let i = 0; i < count; i++) for (const b of body) r.statement(b);
        } else if (rept) {
          rept.body.push(s);
        } else {
          r.statement(s);
        }
      });
    }
  }
  if (rept) throw new AsmError(`${file}:${(rept as { line: number }).line}: .rept without .endr`);
  return layout(r, origin, file);
}

function layout(r: Reader, origin: number, file: string): Assembled {
  const { items, constants } = r;
  const symbols = new Map<string, number>();
  const long = new Set<Item>();
  const at = new Map<Item, number>();
  const gap = new Map<Item, number>();
  const scope = (dot: number) => ({ value: (n: string) => constants.get(n) ?? symbols.get(n), dot });
  const located = <T>(item: Item, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof AsmError) throw new AsmError(`${file}:${item.line}: ${e.message}`);
      throw e;
    }
  };
  for (const item of items) {
    if (item.k === "label" && (symbols.has(item.name) || constants.has(item.name))) {
      throw new AsmError(`${file}:${item.line}: label ${item.name} is defined twice`);
    }
    if (item.k === "label") symbols.set(item.name, origin);
  }
  for (let pass = 0; ; pass++) {
    if (pass > 100) throw new AsmError(`${file}: the layout does not settle`);
    let changed = false;
    let dot = origin;
    for (const item of items) {
      at.set(item, dot);
      located(item, () => {
        switch (item.k) {
          case "label":
            if (symbols.get(item.name) !== dot) changed = true;
            symbols.set(item.name, dot);
            break;
          case "equ": {
            const v = evaluateLoose(item.expr, scope(dot));
            if (symbols.get(item.name) !== v) changed = true;
            if (v !== undefined) symbols.set(item.name, v);
            break;
          }
          case "plan":
            dot += item.plan.k === "fixed" ? item.plan.size : item.plan.prefix.length + (!long.has(item) ? 2 : item.plan.cc < 0 ? 3 : 4);
            break;
          case "org": {
            const v = evaluateLoose(item.expr, scope(dot)) ?? dot;
            const target = origin + (item.constant ? v : v - origin);
            if (target < dot) throw new AsmError(`.org moves backwards (to offset ${target - origin}, already at ${dot - origin})`);
            gap.set(item, target - dot);
            dot = target;
            break;
          }
          case "fill": {
            const n = evaluateLoose(item.count, scope(dot)) ?? 0;
            if (n < 0) throw new AsmError(`negative count ${n}`);
            dot += n * item.size;
            break;
          }
        }
      });
    }
    for (const item of items) {
      if (item.k !== "plan" || item.plan.k !== "jump" || long.has(item)) continue;
      const p = item.plan;
      const here = at.get(item)!;
      const d = located(item, () => evaluate(p.target, scope(here))) - (here + p.prefix.length + 2);
      if (d < -128 || d > 127) {
        long.add(item);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const bytes: number[] = [];
  const lineAt = new Map<number, number>();
  for (const item of items) {
    const here = at.get(item)!;
    const value: Value = (e) => evaluate(e, scope(here));
    located(item, () => {
      switch (item.k) {
        case "plan": {
          const p = item.plan;
          lineAt.set(here, item.line);
          if (p.k === "fixed") {
            bytes.push(...p.emit(value, here));
          } else {
            const target = value(p.target);
            bytes.push(...p.prefix);
            const start = here + p.prefix.length;
            if (!long.has(item)) bytes.push(p.cc < 0 ? 0xeb : 0x70 + p.cc, (target - (start + 2)) & 0xff);
            else if (p.cc < 0) bytes.push(0xe9, ...littleEndian(target - (start + 3), 2));
            else bytes.push(0x0f, 0x80 + p.cc, ...littleEndian(target - (start + 4), 2));
          }
          break;
        }
        case "org":
          for (let i = gap.get(item)!; i > 0; i--) bytes.push(item.fill & 0xff);
          break;
        case "fill": {
          const n = value(item.count);
          const v = littleEndian(value(item.value), item.size);
          for (let i = 0; i < n; i++) bytes.push(...v);
          break;
        }
      }
    });
  }
  for (const [name, v] of constants) symbols.set(name, v);
  return { bytes: Uint8Array.from(bytes), origin, symbols, lines: lineAt };
}

/** Evaluates, or undefined while a symbol it names has no value yet (first layout pass). */
function evaluateLoose(e: Expr, scope: { value: (n: string) => number | undefined; dot: number }): number | undefined {
  try {
    return evaluate(e, scope);
  } catch (err) {
    if (err instanceof AsmError && err.message.startsWith("undefined symbol")) return undefined;
    throw err;
  }
}
