// The `pylist` runtime: a few lines of Python (lists, append, pop, extend, len, sys.getsizeof, for and while
// loops) run on our CPython list (src/cpython/listobject.ts), with a picture of each list's ob_item block
// after each top-level statement. Errors read as python3 3.11 prints them.
import { PyListObject, app1, list_extend, list_pop, sizeof, IndexError } from "../../src/cpython/listobject.ts";
import { GuestError, escapeHtml, type Runtime, type Session } from "../runtime.ts";

type Value = number | string | boolean | null | PyListObject<Value> | Builtin | Module;
interface Builtin { builtin: string; self?: PyListObject<Value> }
interface Module { module: string }

type Expr =
  | { k: "num"; v: number } | { k: "str"; v: string } | { k: "name"; id: string } | { k: "list"; items: Expr[] }
  | { k: "bin"; op: string; l: Expr; r: Expr } | { k: "neg"; e: Expr } | { k: "call"; f: Expr; args: Expr[] }
  | { k: "attr"; e: Expr; name: string } | { k: "index"; e: Expr; i: Expr };
type Stmt = { line: number; text: string } & (
  | { k: "expr"; e: Expr } | { k: "assign"; id: string; e: Expr } | { k: "import"; id: string } | { k: "pass" }
  | { k: "for"; id: string; iter: Expr; body: Stmt[] } | { k: "while"; cond: Expr; body: Stmt[] }
);

/** A Python exception, named as Python names it. */
class PyError extends Error {
  constructor(readonly type: string, message: string, readonly line = 0) {
    super(message);
  }
}

const TOKEN = /\s*(?:(\d+)|('[^'\n]*'|"[^"\n]*")|([A-Za-z_]\w*)|(\/\/|==|!=|<=|>=|[-+*%<>()[\]{},.:=]))/y;

function tokenize(text: string, line: number): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  const code = text.replace(/#.*$/, "").trimEnd();
  while (TOKEN.lastIndex < code.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(code);
    if (!m) throw new PyError("SyntaxError", `invalid character '${code.slice(start).trim()[0]}'`, line);
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: string[], private readonly line: number) {}
  peek(): string | undefined { return this.tokens[this.pos]; }
  next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new PyError("SyntaxError", "invalid syntax", this.line);
    return t;
  }
  eat(t: string): boolean {
    if (this.peek() !== t) return false;
    this.pos++;
    return true;
  }
  expect(t: string): void {
    if (!this.eat(t)) throw new PyError("SyntaxError", this.peek() === undefined ? `expected '${t}'` : "invalid syntax", this.line);
  }
  done(): void {
    if (this.pos < this.tokens.length) throw new PyError("SyntaxError", "invalid syntax", this.line);
  }
  name(): string {
    const t = this.next();
    if (!/^[A-Za-z_]\w*$/.test(t)) throw new PyError("SyntaxError", "invalid syntax", this.line);
    return t;
  }
  expr(): Expr {
    let l = this.sum();
    for (let op = this.peek(); op && ["<", "<=", ">", ">=", "==", "!="].includes(op); op = this.peek()) {
      this.pos++;
      l = { k: "bin", op, l, r: this.sum() };
    }
    return l;
  }
  sum(): Expr {
    let l = this.product();
    for (let op = this.peek(); op === "+" || op === "-"; op = this.peek()) {
      this.pos++;
      l = { k: "bin", op, l, r: this.product() };
    }
    return l;
  }
  product(): Expr {
    let l = this.unary();
    for (let op = this.peek(); op === "*" || op === "//" || op === "%"; op = this.peek()) {
      this.pos++;
      l = { k: "bin", op, l, r: this.unary() };
    }
    return l;
  }
  unary(): Expr {
    return this.eat("-") ? { k: "neg", e: this.unary() } : this.postfix();
  }
  postfix(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.eat("(")) e = { k: "call", f: e, args: this.list(")") };
      else if (this.eat(".")) e = { k: "attr", e, name: this.name() };
      else if (this.eat("[")) {
        e = { k: "index", e, i: this.expr() };
        this.expect("]");
      } else return e;
    }
  }
  list(close: string): Expr[] {
    const items: Expr[] = [];
    while (!this.eat(close)) {
      items.push(this.expr());
      if (this.peek() !== close) this.expect(",");
    }
    return items;
  }
  atom(): Expr {
    const t = this.next();
    if (/^\d/.test(t)) return { k: "num", v: Number(t) };
    if (/^['"]/.test(t)) return { k: "str", v: t.slice(1, -1) };
    if (t === "[") return { k: "list", items: this.list("]") };
    if (t === "(") {
      const e = this.expr();
      this.expect(")");
      return e;
    }
    if (/^[A-Za-z_]/.test(t)) return { k: "name", id: t };
    throw new PyError("SyntaxError", "invalid syntax", this.line);
  }
}

/** Parses the lines from `i` indented by exactly `indent`; returns the statements and the next line. */
function parseBlock(lines: string[], i: number, indent: number): [Stmt[], number] {
  const out: Stmt[] = [];
  while (i < lines.length) {
    const raw = lines[i];
    if (raw.trim() === "" || raw.trim().startsWith("#")) {
      i++;
      continue;
    }
    const depth = raw.length - raw.trimStart().length;
    if (depth < indent) break;
    if (depth > indent) throw new PyError("IndentationError", "unexpected indent", i + 1);
    const line = i + 1;
    const text = raw.trim();
    const p = new Parser(tokenize(text, line), line);
    const head = p.peek();
    i++;
    const body = (): Stmt[] => {
      p.expect(":");
      p.done();
      const next = lines.slice(i).find((l) => l.trim() !== "");
      const inner = next ? next.length - next.trimStart().length : 0;
      if (inner <= indent) throw new PyError("IndentationError", `expected an indented block after '${head}' statement on line ${line}`, line + 1);
      const [stmts, after] = parseBlock(lines, i, inner);
      i = after;
      return stmts;
    };
    if (head === "import") {
      p.next();
      out.push({ line, text, k: "import", id: p.name() });
      p.done();
    } else if (head === "pass") {
      p.next();
      p.done();
      out.push({ line, text, k: "pass" });
    } else if (head === "for") {
      p.next();
      const id = p.name();
      p.expect("in");
      const iter = p.expr();
      out.push({ line, text, k: "for", id, iter, body: body() });
    } else if (head === "while") {
      p.next();
      const cond = p.expr();
      out.push({ line, text, k: "while", cond, body: body() });
    } else {
      const e = p.expr();
      if (p.eat("=")) {
        if (e.k !== "name") throw new PyError("SyntaxError", "cannot assign to expression here", line);
        out.push({ line, text, k: "assign", id: e.id, e: p.expr() });
      } else out.push({ line, text, k: "expr", e });
      p.done();
    }
  }
  return [out, i];
}

/** CPython 3.11 Python/ast_opt.c folds unary and binary operations on constants into constants. */
function isConstant(e: Expr): boolean {
  if (e.k === "num" || e.k === "str") return true;
  if (e.k === "neg") return isConstant(e.e);
  return e.k === "bin" && ["+", "-", "*", "//", "%"].includes(e.op) && isConstant(e.l) && isConstant(e.r);
}

function isList(v: Value): v is PyListObject<Value> {
  return v instanceof PyListObject;
}

function typeName(v: Value): string {
  if (v === null) return "NoneType";
  if (typeof v === "number") return "int";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (isList(v)) return "list";
  return "module" in v ? "module" : "builtin_function_or_method";
}

function items(list: PyListObject<Value>): Value[] {
  return (list.ob_item ?? []).slice(0, list.ob_size) as Value[];
}

function repr(v: Value): string {
  if (typeof v === "string") return `'${v}'`;
  return str(v);
}

function str(v: Value): string {
  if (v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number" || typeof v === "string") return String(v);
  if (isList(v)) return `[${items(v).map(repr).join(", ")}]`;
  return "module" in v ? `<module '${v.module}'>` : `<built-in function ${v.builtin}>`;
}

/** CPython 3.11 Objects/listobject.c: PyList_New, a list of exactly n slots (ob_item NULL when n is 0). */
function PyList_New(n: number): PyListObject<Value> {
  const list = new PyListObject<Value>();
  if (n > 0) {
    list.ob_item = new Array<Value>(n);
    list.allocated = n;
    list.ob_size = n;
  }
  return list;
}

class Interpreter {
  readonly globals = new Map<string, Value>();
  constructor(private readonly session: Session) {
    for (const b of ["print", "len", "range"]) this.globals.set(b, { builtin: b });
    this.globals.set("True", true);
    this.globals.set("False", false);
    this.globals.set("None", null);
  }

  exec(stmts: Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  stmt(s: Stmt): void {
    this.session.step();
    try {
      switch (s.k) {
        case "import":
          if (s.id !== "sys") throw new PyError("ModuleNotFoundError", `No module named '${s.id}' (this runtime has sys only)`);
          this.globals.set("sys", { module: "sys" });
          return;
        case "pass":
          return;
        case "assign":
          this.globals.set(s.id, this.eval(s.e));
          return;
        case "expr":
          this.eval(s.e);
          return;
        case "for": {
          const iter = this.eval(s.iter);
          const values = isList(iter) ? items(iter) : iter !== null && typeof iter === "object" && "range" in iter ? (iter as unknown as { range: number[] }).range : null;
          if (!values) throw new PyError("TypeError", `'${typeName(iter)}' object is not iterable`);
          for (const v of values) {
            this.globals.set(s.id, v);
            this.exec(s.body);
          }
          return;
        }
        case "while":
          while (this.truthy(this.eval(s.cond))) {
            this.session.step();
            this.exec(s.body);
          }
          return;
      }
    } catch (e) {
      if (e instanceof PyError && e.line === 0) throw new PyError(e.type, e.message, s.line);
      if (e instanceof IndexError) throw new PyError("IndexError", e.message, s.line);
      throw e;
    }
  }

  truthy(v: Value): boolean {
    if (isList(v)) return v.ob_size > 0;
    return v !== null && v !== 0 && v !== "" && v !== false;
  }

  eval(e: Expr): Value {
    switch (e.k) {
      case "num":
        return e.v;
      case "str":
        return e.v;
      case "name": {
        const v = this.globals.get(e.id);
        if (v === undefined) throw new PyError("NameError", `name '${e.id}' is not defined`);
        return v;
      }
      case "list": {
        const values = e.items.map((x) => this.eval(x));
        // CPython 3.11 Python/compile.c: starunpack_helper builds a literal of three or more constants as
        // BUILD_LIST 0 + LIST_EXTEND of a constant tuple (list_extend), others as BUILD_LIST n (PyList_New).
        if (values.length > 2 && e.items.every(isConstant)) {
          const list = PyList_New(0);
          list_extend(list, values);
          return list;
        }
        const list = PyList_New(values.length);
        values.forEach((v, i) => (list.ob_item![i] = v));
        return list;
      }
      case "neg":
        return -this.int(this.eval(e.e), "unary -");
      case "bin":
        return this.binary(e.op, this.eval(e.l), this.eval(e.r));
      case "attr": {
        const v = this.eval(e.e);
        if (isList(v) && ["append", "pop", "extend"].includes(e.name)) return { builtin: e.name, self: v };
        if (v !== null && typeof v === "object" && "module" in v && e.name === "getsizeof") return { builtin: "getsizeof" };
        throw new PyError("AttributeError", `'${typeName(v)}' object has no attribute '${e.name}'`);
      }
      case "index": {
        const v = this.eval(e.e);
        const i = this.int(this.eval(e.i), "list index");
        if (!isList(v)) throw new PyError("TypeError", `'${typeName(v)}' object is not subscriptable`);
        const j = i < 0 ? i + v.ob_size : i;
        if (j < 0 || j >= v.ob_size) throw new PyError("IndexError", "list index out of range");
        return v.ob_item![j] as Value;
      }
      case "call":
        return this.call(this.eval(e.f), e.args.map((a) => this.eval(a)));
    }
  }

  int(v: Value, what: string): number {
    if (typeof v !== "number") throw new PyError("TypeError", `${what} must be an integer, not ${typeName(v)}`);
    return v;
  }

  binary(op: string, l: Value, r: Value): Value {
    if (op === "==") return str(l) === str(r) && typeName(l) === typeName(r);
    if (op === "!=") return !(str(l) === str(r) && typeName(l) === typeName(r));
    if (op === "+" && typeof l === "string" && typeof r === "string") return l + r;
    if (typeof l !== "number" || typeof r !== "number") throw new PyError("TypeError", `unsupported operand type(s) for ${op}: '${typeName(l)}' and '${typeName(r)}'`);
    if ((op === "//" || op === "%") && r === 0) throw new PyError("ZeroDivisionError", op === "//" ? "integer division or modulo by zero" : "integer modulo by zero");
    switch (op) {
      case "+": return l + r;
      case "-": return l - r;
      case "*": return l * r;
      case "//": return Math.floor(l / r);
      case "%": return l - r * Math.floor(l / r);
      case "<": return l < r;
      case "<=": return l <= r;
      case ">": return l > r;
      default: return l >= r;
    }
  }

  call(f: Value, args: Value[]): Value {
    if (f === null || typeof f !== "object" || !("builtin" in f)) throw new PyError("TypeError", `'${typeName(f)}' object is not callable`);
    this.session.step();
    const arity = (n: number) => {
      if (args.length !== n) throw new PyError("TypeError", `${f.builtin}() takes exactly ${n === 1 ? "one argument" : `${n} arguments`} (${args.length} given)`);
    };
    const list = (v: Value): PyListObject<Value> => {
      if (!isList(v)) throw new PyError("TypeError", `object of type '${typeName(v)}' has no len()`);
      return v;
    };
    switch (f.builtin) {
      case "print":
        this.session.print(args.map(str).join(" ") + "\n");
        return null;
      case "len":
        arity(1);
        return list(args[0]).ob_size;
      case "getsizeof":
        arity(1);
        return sizeof(list(args[0]));
      case "range": {
        const [a, b] = args.length === 1 ? [0, this.int(args[0], "range()")] : [this.int(args[0], "range()"), this.int(args[1], "range()")];
        if (b - a > 10_000_000) throw new PyError("MemoryError", "range too long for this runtime");
        this.session.step(Math.max(0, b - a));
        return { range: Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i) } as unknown as Value;
      }
      case "append":
        arity(1);
        app1(f.self!, args[0]);
        return null;
      case "extend": {
        arity(1);
        const src = args[0];
        if (!isList(src)) throw new PyError("TypeError", `'${typeName(src)}' object is not iterable`);
        list_extend(f.self!, items(src));
        return null;
      }
      case "pop":
        if (args.length !== 0) throw new PyError("TypeError", "this runtime's pop() takes no index");
        return list_pop(f.self!);
    }
    throw new PyError("TypeError", `'${f.builtin}' is not callable here`);
  }
}

const SHOWN_SLOTS = 64;

function picture(list: PyListObject<Value>): string {
  const slots: string[] = [];
  for (let i = 0; i < Math.min(list.allocated, SHOWN_SLOTS); i++) {
    slots.push(i < list.ob_size ? `<span class="slot used">${escapeHtml(repr(list.ob_item![i] as Value))}</span>` : `<span class="slot free"></span>`);
  }
  if (list.allocated > SHOWN_SLOTS) slots.push(`<span class="more">+${list.allocated - SHOWN_SLOTS} slots</span>`);
  const block = list.ob_item === null ? `<span class="null">ob_item = NULL</span>` : slots.join("");
  return `<div class="slots">${block}</div><div class="sizes">ob_size ${list.ob_size}, allocated ${list.allocated}, sys.getsizeof ${sizeof(list)}</div>`;
}

function formatError(e: PyError, lines: string[]): string {
  const source = lines[e.line - 1]?.trim() ?? "";
  if (e.type === "SyntaxError" || e.type === "IndentationError") return `  File "<block>", line ${e.line}\n    ${source}\n${e.type}: ${e.message}`;
  return `Traceback (most recent call last):\n  File "<block>", line ${e.line}, in <module>\n    ${source}\n${e.type}: ${e.message}`;
}

const pylist: Runtime = {
  language: "python",
  steps: 1_000_000,
  run(source: string, session: Session): void {
    const lines = source.split("\n");
    const rows: string[] = [];
    try {
      const [program] = parseBlock(lines, 0, 0);
      const vm = new Interpreter(session);
      try {
        for (const s of program) {
          vm.stmt(s);
          const lists = [...vm.globals].filter((entry): entry is [string, PyListObject<Value>] => isList(entry[1]));
          if (s.k === "import" || lists.length === 0) continue;
          const cells = lists.map(([name, list]) => `<div class="list"><code>${escapeHtml(name)}</code>${picture(list)}</div>`).join("");
          rows.push(`<tr><td><code>${escapeHtml(s.text)}</code></td><td>${cells}</td></tr>`);
        }
      } finally {
        if (rows.length) session.view({ title: "ob_item after each statement", html: `<table class="pylist">${rows.join("")}</table>` });
      }
    } catch (e) {
      if (e instanceof PyError) throw new GuestError(formatError(e, lines));
      throw e;
    }
  },
};

export default pylist;
