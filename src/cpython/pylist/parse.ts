// The statements pylist understands: a small subset of Python, enough to drive a list. Parsing gives a
// tree; anything outside the subset is a one-line SyntaxError naming what is not supported.
import { SyntaxError } from "../pyerrors.ts";

export type Expr =
  | { kind: "const"; value: ConstValue }
  | { kind: "name"; id: string }
  | { kind: "list"; elts: Expr[] }
  | { kind: "tuple"; elts: Expr[] }
  | { kind: "unary"; op: "-" | "+" | "not"; operand: Expr }
  | { kind: "binop"; op: "+" | "-" | "*" | "**" | "//" | "%"; left: Expr; right: Expr }
  | { kind: "compare"; op: CompareOperator; left: Expr; right: Expr }
  | { kind: "subscript"; value: Expr; index: Expr }
  | { kind: "slice"; lower: Expr | null; upper: Expr | null; step: Expr | null }
  | { kind: "attribute"; value: Expr; attr: string }
  | { kind: "call"; func: Expr; args: Expr[]; keywords: { arg: string; value: Expr }[] };

export type CompareOperator = "<" | "<=" | "==" | "!=" | ">" | ">=" | "in" | "not in" | "is" | "is not";

/** A constant as Python's compiler folds it: ints (bigint), floats, strings, None, bools, tuples of these. */
export type ConstValue = { int: bigint } | { float: number } | { str: string } | { none: true } | { bool: boolean } | { tuple: ConstValue[] };

export type Stmt =
  | { kind: "expr"; value: Expr }
  | { kind: "assign"; target: Expr; value: Expr }
  | { kind: "augassign"; op: "+=" | "*="; target: Expr; value: Expr }
  | { kind: "del"; target: Expr }
  | { kind: "import"; module: string }
  | { kind: "pass" };

type Token = { kind: "num" | "str" | "name" | "op" | "end"; text: string; pos: number };

const OPERATORS = ["**", "//", "<=", ">=", "==", "!=", "+=", "*=", "-=", "(", ")", "[", "]", ",", ":", ".", "=", "<", ">", "+", "-", "*", "%", "/"];
const KEYWORDS = new Set(["None", "True", "False", "del", "in", "not", "is", "import", "pass", "and", "or", "lambda", "for", "if", "else", "def", "class", "while", "return", "from", "as", "with", "yield", "global"]);

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") break;
    const num = /^(\d[\d_]*(\.[\d_]*)?([eE][+-]?\d+)?|\.\d[\d_]*([eE][+-]?\d+)?)/.exec(src.slice(i));
    if (num) {
      tokens.push({ kind: "num", text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(i));
    if (name) {
      tokens.push({ kind: "name", text: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== c) {
        if (src[j] === "\\" && j + 1 < src.length) {
          const e = src[j + 1];
          text += e === "n" ? "\n" : e === "t" ? "\t" : e === "\\" || e === "'" || e === '"' ? e : "\\" + e;
          j += 2;
        } else text += src[j++];
      }
      if (j >= src.length) throw new SyntaxError("unterminated string literal");
      tokens.push({ kind: "str", text, pos: i });
      i = j + 1;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new SyntaxError(`invalid character '${c}'`);
    tokens.push({ kind: "op", text: op, pos: i });
    i += op.length;
  }
  tokens.push({ kind: "end", text: "", pos: src.length });
  return tokens;
}

/** Parses one statement of the subset. */
export function parseStatement(src: string): Stmt {
  return new Parser(tokenize(src)).statement();
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i];
  }
  private at(text: string): boolean {
    const t = this.peek();
    return (t.kind === "op" || t.kind === "name") && t.text === text;
  }
  private accept(text: string): boolean {
    if (!this.at(text)) return false;
    this.i++;
    return true;
  }
  private expect(text: string): void {
    if (!this.accept(text)) throw this.unexpected(`'${text}' expected`);
  }
  private unexpected(what = "invalid syntax"): SyntaxError {
    const t = this.peek();
    if (t.kind === "name" && KEYWORDS.has(t.text) && !["None", "True", "False", "in", "not", "is"].includes(t.text)) {
      return new SyntaxError(`'${t.text}' is not supported by pylist (lists, ints, floats, str, tuples, calls and subscripts only)`);
    }
    return new SyntaxError(t.kind === "end" ? `${what}: unexpected end of statement` : `${what} at '${t.text}' (column ${t.pos + 1})`);
  }

  statement(): Stmt {
    let stmt: Stmt;
    if (this.accept("del")) stmt = { kind: "del", target: this.target(this.expression()) };
    else if (this.accept("pass")) stmt = { kind: "pass" };
    else if (this.accept("import")) {
      const t = this.peek();
      if (t.kind !== "name" || t.text !== "sys") throw new SyntaxError("pylist can only import sys");
      this.i++;
      stmt = { kind: "import", module: "sys" };
    } else {
      const first = this.tupleOrExpr();
      if (this.accept("=")) stmt = { kind: "assign", target: this.target(first), value: this.tupleOrExpr() };
      else if (this.at("+=") || this.at("*=")) {
        const op = this.peek().text as "+=" | "*=";
        this.i++;
        stmt = { kind: "augassign", op, target: this.target(first), value: this.tupleOrExpr() };
      } else stmt = { kind: "expr", value: first };
    }
    if (this.peek().kind !== "end") throw this.unexpected();
    return stmt;
  }

  private target(e: Expr): Expr {
    if (e.kind === "name" || e.kind === "subscript") return e;
    throw new SyntaxError("pylist can only assign to or delete a name or a subscript (a, a[i], a[i:j])");
  }

  /** An expression list: `1, 2` is a tuple. */
  private tupleOrExpr(): Expr {
    const e = this.expression();
    if (!this.at(",")) return e;
    const elts = [e];
    while (this.accept(",")) {
      if (this.peek().kind === "end" || this.at("=")) break;
      elts.push(this.expression());
    }
    return { kind: "tuple", elts };
  }

  expression(): Expr {
    if (this.accept("not")) return { kind: "unary", op: "not", operand: this.expression() };
    const left = this.sum();
    const t = this.peek();
    let op: CompareOperator | null = null;
    if (t.kind === "op" && ["<", "<=", "==", "!=", ">", ">="].includes(t.text)) op = t.text as CompareOperator;
    else if (this.at("in")) op = "in";
    else if (this.at("is")) op = "is";
    else if (this.at("not")) op = "not in";
    if (op === null) return left;
    this.i++;
    if (op === "not in") this.expect("in");
    if (op === "is" && this.accept("not")) op = "is not";
    const right = this.sum();
    const next = this.peek();
    if ((next.kind === "op" && ["<", "<=", "==", "!=", ">", ">="].includes(next.text)) || this.at("in") || this.at("is")) {
      throw new SyntaxError("chained comparisons are not supported by pylist");
    }
    return { kind: "compare", op, left, right };
  }

  private sum(): Expr {
    let left = this.term();
    while (this.at("+") || this.at("-")) {
      const op = this.peek().text as "+" | "-";
      this.i++;
      left = fold({ kind: "binop", op, left, right: this.term() });
    }
    return left;
  }

  private term(): Expr {
    let left = this.unary();
    while (this.at("*") || this.at("//") || this.at("%")) {
      const op = this.peek().text as "*" | "//" | "%";
      this.i++;
      left = fold({ kind: "binop", op, left, right: this.unary() });
    }
    if (this.at("/")) throw new SyntaxError("'/' is not supported by pylist (use // for ints)");
    return left;
  }

  private unary(): Expr {
    if (this.at("-") || this.at("+")) {
      const op = this.peek().text as "-" | "+";
      this.i++;
      return fold({ kind: "unary", op, operand: this.unary() });
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.accept("**")) return fold({ kind: "binop", op: "**", left: base, right: this.unary() });
    return base;
  }

  private postfix(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.accept("[")) {
        e = { kind: "subscript", value: e, index: this.subscript() };
        this.expect("]");
      } else if (this.accept(".")) {
        const t = this.peek();
        if (t.kind !== "name") throw this.unexpected("attribute name expected");
        this.i++;
        e = { kind: "attribute", value: e, attr: t.text };
      } else if (this.accept("(")) {
        e = this.call(e);
      } else return e;
    }
  }

  private subscript(): Expr {
    const part = (): Expr | null => (this.at(":") || this.at("]") ? null : this.expression());
    const lower = part();
    if (!this.accept(":")) {
      if (lower === null) throw this.unexpected();
      if (this.at(",")) throw new SyntaxError("pylist does not support tuple subscripts");
      return lower;
    }
    const upper = part();
    const step = this.accept(":") ? part() : null;
    return { kind: "slice", lower, upper, step };
  }

  private call(func: Expr): Expr {
    const args: Expr[] = [];
    const keywords: { arg: string; value: Expr }[] = [];
    while (!this.at(")")) {
      const t = this.peek();
      if (t.kind === "name" && this.tokens[this.i + 1].text === "=" && this.tokens[this.i + 1].kind === "op") {
        this.i += 2;
        keywords.push({ arg: t.text, value: this.expression() });
      } else {
        if (keywords.length) throw new SyntaxError("positional argument follows keyword argument");
        args.push(this.expression());
      }
      if (!this.accept(",")) break;
    }
    this.expect(")");
    return { kind: "call", func, args, keywords };
  }

  private atom(): Expr {
    const t = this.peek();
    if (t.kind === "num") {
      this.i++;
      const text = t.text.replace(/_/g, "");
      if (/^\d+$/.test(text)) {
        if (text.length > 1 && text.startsWith("0") && /[1-9]/.test(text)) throw new SyntaxError("leading zeros in decimal integer literals are not permitted");
        return { kind: "const", value: { int: BigInt(text) } };
      }
      return { kind: "const", value: { float: Number(text) } };
    }
    if (t.kind === "str") {
      this.i++;
      let text = t.text;
      while (this.peek().kind === "str") text += this.tokens[this.i++].text;
      return { kind: "const", value: { str: text } };
    }
    if (t.kind === "name") {
      if (t.text === "None") return this.i++, { kind: "const", value: { none: true } };
      if (t.text === "True" || t.text === "False") return this.i++, { kind: "const", value: { bool: t.text === "True" } };
      if (KEYWORDS.has(t.text)) throw this.unexpected();
      this.i++;
      return { kind: "name", id: t.text };
    }
    if (this.accept("[")) {
      const elts: Expr[] = [];
      while (!this.at("]")) {
        elts.push(this.expression());
        if (!this.accept(",")) break;
      }
      this.expect("]");
      return { kind: "list", elts };
    }
    if (this.accept("(")) {
      if (this.accept(")")) return { kind: "const", value: { tuple: [] } };
      const e = this.expression();
      if (this.accept(")")) return e;
      const elts = [e];
      while (this.accept(",")) {
        if (this.at(")")) break;
        elts.push(this.expression());
      }
      this.expect(")");
      return foldTuple(elts);
    }
    throw this.unexpected();
  }
}

/** CPython 3.11 Python/ast_opt.c folds a tuple of constants into one constant. */
function foldTuple(elts: Expr[]): Expr {
  if (elts.every((e) => e.kind === "const")) return { kind: "const", value: { tuple: elts.map((e) => (e as { value: ConstValue }).value) } };
  return { kind: "tuple", elts };
}

/** CPython 3.11 Python/ast_opt.c: fold_unaryop / fold_binop, for the numbers pylist needs (-1, 10**20). */
function fold(e: Expr): Expr {
  if (e.kind === "unary" && e.operand.kind === "const") {
    const v = e.operand.value;
    if ("int" in v) return { kind: "const", value: { int: e.op === "-" ? -v.int : v.int } };
    if ("float" in v) return { kind: "const", value: { float: e.op === "-" ? -v.float : v.float } };
  }
  if (e.kind === "binop" && e.left.kind === "const" && e.right.kind === "const" && "int" in e.left.value && "int" in e.right.value) {
    const a = e.left.value.int;
    const b = e.right.value.int;
    // Like CPython's safe_power and safe_multiply, leave big results to run time.
    if (e.op === "+") return { kind: "const", value: { int: a + b } };
    if (e.op === "-") return { kind: "const", value: { int: a - b } };
    if (e.op === "*" && bitLength(a) + bitLength(b) <= 128) return { kind: "const", value: { int: a * b } };
    if (e.op === "**" && b >= 0n && b <= 128n && bitLength(a) * Number(b) <= 128) return { kind: "const", value: { int: a ** b } };
  }
  return e;
}

function bitLength(v: bigint): number {
  return (v < 0n ? -v : v).toString(2).length;
}
