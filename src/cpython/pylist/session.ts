// The engine behind `npm run pylist` and the site: runs statements of the pylist subset against our
// PyListObject, owning references as CPython's eval loop does, and describes each list after each statement.
import { PyObject_GetIter, PyIter_Next, PyObject_Size } from "../abstract.ts";
import { PyFloatObject, PyFloat_Type } from "../floatobject.ts";
import { listreviter } from "../listiter.ts";
import {
  PyList_Check, PyList_GET_ITEM, PyList_New, PyList_SET_ITEM, PyListObject, list_append, list_clear, list_concat, list_contains, list_copy, list_count, list_extend,
  list_index, list_inplace_concat, list_inplace_repeat, list_insert, list_new, list_pop_impl, list_remove, list_repeat, list_reverse, repeatCount, sizeof,
} from "../listobject.ts";
import { list_ass_subscript, list_subscript } from "../listslice.ts";
import { list_sort, type KeyFunc, type SortStats } from "../listsort.ts";
import { PyBool_FromLong, PyLong_AsSsize_t, PyLong_Check, PyLong_From } from "../longobject.ts";
import { CompareOp, PyObject, PyObject_RichCompare, PyObject_Repr, Py_DECREF, Py_INCREF, Py_None, typeName, type PyTypeObject } from "../object.ts";
import { AttributeError, IndexError, NameError, PyException, StopIteration, TypeError, ValueError, ZeroDivisionError } from "../pyerrors.ts";
import { PyRangeObject } from "../rangeobject.ts";
import { PySliceObject } from "../sliceobject.ts";
import { PyTupleObject, PyTuple_Type } from "../tupleobject.ts";
import { PyUnicodeObject, PyUnicode_Type } from "../unicodeobject.ts";
import { parseStatement, type ConstValue, type Expr, type Stmt } from "./parse.ts";

type Call = (args: PyObject[], kwargs: Map<string, PyObject>) => PyObject;

const PyCFunction_Type: PyTypeObject = {
  tp_name: "builtin_function_or_method",
  tp_repr: (self) => `<built-in ${(self as PyCFunctionObject).label}>`,
  tp_dealloc: (self) => {
    const bound = (self as PyCFunctionObject).self;
    if (bound) Py_DECREF(bound);
  },
};

/** A builtin function or a bound method (holding a reference to its object). */
class PyCFunctionObject extends PyObject {
  constructor(
    readonly label: string,
    readonly call: Call,
    readonly self: PyObject | null = null,
  ) {
    super(PyCFunction_Type);
    if (self) Py_INCREF(self);
  }
}

const moduleType: PyTypeObject = { tp_name: "module", tp_repr: () => "<module 'sys' (built-in)>" };
const sysModule = new PyObject(moduleType);

/** One list as the picture shows it. */
export interface ListPicture {
  name: string;
  ob_size: number;
  allocated: number;
  /** sys.getsizeof: 56 + 8 * allocated. */
  sizeof: number;
  /** The repr of each item in ob_item[0:ob_size]. */
  items: string[];
  /** Whether ob_item is NULL (no block at all). */
  null: boolean;
}

/** What one statement did: its output (a repr, or "TypeError: ..."), and the lists afterwards. */
export interface StatementResult {
  output: string;
  error: boolean;
  lists: ListPicture[];
  /** Comparisons made by the last sort in this statement, if it sorted. */
  comparisons?: number;
}

const noKeywords = (name: string, kwargs: Map<string, PyObject>) => {
  if (kwargs.size) throw new TypeError(`${name}() takes no keyword arguments`);
};
const exactlyOne = (name: string, args: PyObject[], kwargs: Map<string, PyObject>) => {
  noKeywords(name, kwargs);
  if (args.length !== 1) throw new TypeError(`${name}() takes exactly one argument (${args.length} given)`);
};
const noArgs = (name: string, args: PyObject[], kwargs: Map<string, PyObject>) => {
  noKeywords(name, kwargs);
  if (args.length) throw new TypeError(`${name}() takes no arguments (${args.length} given)`);
};
const clinicArgs = (name: string, args: PyObject[], kwargs: Map<string, PyObject>, min: number, max: number) => {
  noKeywords(name, kwargs);
  if (args.length < min || args.length > max) {
    const plural = (n: number) => `${n} argument${n === 1 ? "" : "s"}`;
    const expected = min === max ? plural(min) : args.length < min ? `at least ${plural(min)}` : `at most ${plural(max)}`;
    throw new TypeError(`${name} expected ${expected}, got ${args.length}`);
  }
};

/** A session: the names bound so far, and statement after statement. */
export class Session {
  readonly names = new Map<string, PyObject>();
  private lastSort: SortStats | undefined;

  /** Runs one statement; Python errors become the output line, as the REPL prints them. */
  run(source: string): StatementResult {
    this.lastSort = undefined;
    let output = "";
    let error = false;
    try {
      const stmt = parseStatement(source);
      output = this.exec(stmt);
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      error = true;
      output = e.message === "" ? e.name : `${e.name}: ${e.message}`;
    }
    const sorted = this.lastSort as SortStats | undefined;
    return { output, error, lists: this.pictures(), ...(sorted ? { comparisons: sorted.comparisons } : {}) };
  }

  /** Every list bound to a name, in the order the names were bound. */
  pictures(): ListPicture[] {
    const out: ListPicture[] = [];
    for (const [name, v] of this.names) {
      if (!PyList_Check(v)) continue;
      const items: string[] = [];
      for (let i = 0; i < v.ob_size; i++) items.push(PyObject_Repr(PyList_GET_ITEM(v, i)));
      out.push({ name, ob_size: v.ob_size, allocated: v.allocated, sizeof: sizeof(v), items, null: v.ob_item === null });
    }
    return out;
  }

  /** repr() of the object bound to `name`, or null when the name is unbound. */
  reprOf(name: string): string | null {
    const v = this.names.get(name);
    return v ? PyObject_Repr(v) : null;
  }

  /** Releases every name, as the interpreter does at exit. */
  close(): void {
    for (const v of this.names.values()) Py_DECREF(v);
    this.names.clear();
  }

  private exec(stmt: Stmt): string {
    switch (stmt.kind) {
      case "pass":
        return "";
      case "import":
        this.bind("sys", Py_INCREF(sysModule));
        return "";
      case "expr": {
        const v = this.eval(stmt.value);
        const out = v === Py_None ? "" : PyObject_Repr(v);
        Py_DECREF(v);
        return out;
      }
      case "assign": {
        const v = this.eval(stmt.value);
        this.store(stmt.target, v);
        Py_DECREF(v);
        return "";
      }
      case "augassign": {
        const target = this.eval(stmt.target);
        try {
          const value = this.eval(stmt.value);
          try {
            const result = this.inplace(stmt.op, target, value);
            try {
              this.store(stmt.target, result);
            } finally {
              Py_DECREF(result);
            }
          } finally {
            Py_DECREF(value);
          }
        } finally {
          Py_DECREF(target);
        }
        return "";
      }
      case "del": {
        const t = stmt.target;
        if (t.kind === "name") {
          const old = this.lookup(t.id);
          this.names.delete(t.id);
          Py_DECREF(old);
          return "";
        }
        this.withSubscript(t, (container, index) => list_ass_subscript(asList(container, "item deletion"), index, null));
        return "";
      }
    }
  }

  private inplace(op: "+=" | "*=", target: PyObject, value: PyObject): PyObject {
    if (PyList_Check(target)) {
      if (op === "+=") list_inplace_concat(target, value);
      else list_inplace_repeat(target, repeatCount(value));
      return Py_INCREF(target);
    }
    return this.binop(op === "+=" ? "+" : "*", target, value);
  }

  private store(target: Expr, v: PyObject): void {
    if (target.kind === "name") {
      this.bind(target.id, Py_INCREF(v));
      return;
    }
    this.withSubscript(target, (container, index) => list_ass_subscript(asList(container, "item assignment"), index, v));
  }

  private bind(name: string, v: PyObject): void {
    const old = this.names.get(name);
    this.names.set(name, v);
    if (old) Py_DECREF(old);
  }

  private withSubscript(t: Expr, body: (container: PyObject, index: PyObject) => void): void {
    if (t.kind !== "subscript") throw new TypeError("cannot assign to this expression");
    const container = this.eval(t.value);
    try {
      const index = this.eval(t.index);
      try {
        body(container, index);
      } finally {
        Py_DECREF(index);
      }
    } finally {
      Py_DECREF(container);
    }
  }

  private lookup(id: string): PyObject {
    const v = this.names.get(id);
    if (v) return v;
    const b = BUILTINS.get(id);
    if (b) return b;
    throw new NameError(`name '${id}' is not defined`);
  }

  /** Evaluates an expression to a new reference. */
  eval(e: Expr): PyObject {
    switch (e.kind) {
      case "const":
        return constant(e.value);
      case "name":
        return Py_INCREF(this.lookup(e.id));
      case "list":
        return this.buildList(e.elts);
      case "tuple":
        return new PyTupleObject(this.evalAll(e.elts));
      case "unary":
        return this.withValues([e.operand], ([v]) => unary(e.op, v));
      case "binop":
        return this.withValues([e.left, e.right], ([a, b]) => this.binop(e.op, a, b));
      case "compare":
        return this.withValues([e.left, e.right], ([a, b]) => compare(e.op, a, b));
      case "subscript":
        return this.withValues([e.value, e.index], ([v, i]) => subscript(v, i));
      case "slice":
        return new PySliceObject(...(this.evalAll([e.lower, e.upper, e.step].map((x) => x ?? { kind: "const", value: { none: true } })) as [PyObject, PyObject, PyObject]));
      case "attribute":
        return this.withValues([e.value], ([v]) => attribute(v, e.attr, this));
      case "call": {
        const func = this.eval(e.func);
        const args: PyObject[] = [];
        const kwargs = new Map<string, PyObject>();
        try {
          for (const a of e.args) args.push(this.eval(a));
          for (const k of e.keywords) kwargs.set(k.arg, this.eval(k.value));
          if (!(func instanceof PyCFunctionObject)) throw new TypeError(`'${typeName(func)}' object is not callable`);
          return func.call(args, kwargs);
        } finally {
          for (const a of args) Py_DECREF(a);
          for (const v of kwargs.values()) Py_DECREF(v);
          Py_DECREF(func);
        }
      }
    }
  }

  private evalAll(es: Expr[]): PyObject[] {
    const out: PyObject[] = [];
    try {
      for (const x of es) out.push(this.eval(x));
    } catch (err) {
      for (const v of out) Py_DECREF(v);
      throw err;
    }
    return out;
  }

  private withValues(es: Expr[], body: (vs: PyObject[]) => PyObject): PyObject {
    const vs = this.evalAll(es);
    try {
      return body(vs);
    } finally {
      for (const v of vs) Py_DECREF(v);
    }
  }

  // #region build-list
  /**
   * A list display, compiled as CPython 3.11's compiler does (Python/compile.c: starunpack_helper):
   * three or more constants become one constant tuple and LIST_EXTEND (so [1, 2, 3] has 4 slots); up to
   * 30 items are pushed and BUILD_LIST takes them (exact size); more are LIST_APPENDed one by one.
   */
  private buildList(elts: Expr[]): PyObject {
    if (elts.length > 2 && elts.every((x) => x.kind === "const")) {
      const list = PyList_New(0);
      const tuple = constant({ tuple: elts.map((x) => (x as { value: ConstValue }).value) });
      list_extend(list, tuple);
      Py_DECREF(tuple);
      return list;
    }
    if (elts.length <= 30) {
      const items = this.evalAll(elts);
      const list = PyList_New(items.length);
      for (let i = 0; i < items.length; i++) PyList_SET_ITEM(list, i, items[i]);
      return list;
    }
    const list = PyList_New(0);
    try {
      for (const x of elts) {
        const v = this.eval(x);
        list_append(list, v);
        Py_DECREF(v);
      }
    } catch (err) {
      Py_DECREF(list);
      throw err;
    }
    return list;
  }
  // #endregion build-list

  binop(op: string, a: PyObject, b: PyObject): PyObject {
    if (op === "+" && PyList_Check(a)) return list_concat(a, b);
    if (op === "*" && PyList_Check(a) && !PyList_Check(b)) return list_repeat(a, repeatCount(b));
    if (op === "*" && PyList_Check(b) && PyLong_Check(a)) return list_repeat(b, repeatCount(a));
    if (PyLong_Check(a) && PyLong_Check(b)) return intOp(op, BigInt(a.value), BigInt(b.value));
    const x = asNumber(a);
    const y = asNumber(b);
    if (x !== null && y !== null && (op === "+" || op === "-" || op === "*")) {
      return new PyFloatObject(op === "+" ? x + y : op === "-" ? x - y : x * y);
    }
    if (op === "*" && (PyList_Check(a) || PyList_Check(b))) throw new TypeError(`can't multiply sequence by non-int of type '${typeName(PyList_Check(a) ? b : a)}'`);
    throw new TypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
  }

  /** list.sort(*, key=None, reverse=False), remembering the comparisons it made. */
  sort(list: PyListObject, args: PyObject[], kwargs: Map<string, PyObject>): PyObject {
    if (args.length) throw new TypeError("sort() takes no positional arguments");
    for (const k of kwargs.keys()) if (k !== "key" && k !== "reverse") throw new TypeError(`'${k}' is an invalid keyword argument for sort()`);
    const key = kwargs.get("key");
    const reverse = kwargs.get("reverse");
    const keyfunc: KeyFunc | null = key === undefined || key === Py_None ? null : (item) => callObject(key, [item]);
    this.lastSort = list_sort(list, keyfunc, reverse === undefined ? false : PyLong_AsSsize_t(reverse) !== 0);
    return Py_INCREF(Py_None);
  }
}

function callObject(f: PyObject, args: PyObject[]): PyObject {
  if (!(f instanceof PyCFunctionObject)) throw new TypeError(`'${typeName(f)}' object is not callable`);
  return f.call(args, new Map());
}

function asList(v: PyObject, what: string): PyListObject {
  if (!PyList_Check(v)) throw new TypeError(`'${typeName(v)}' object does not support ${what}`);
  return v;
}

function asNumber(v: PyObject): number | null {
  if (v.ob_type === PyFloat_Type) return (v as PyFloatObject).ob_fval;
  if (PyLong_Check(v)) return Number(v.value);
  return null;
}

function intOp(op: string, a: bigint, b: bigint): PyObject {
  switch (op) {
    case "+": return PyLong_From(a + b);
    case "-": return PyLong_From(a - b);
    case "*": return PyLong_From(a * b);
    case "**":
      if (b < 0n) return new PyFloatObject(Number(a) ** Number(b));
      if (b > 100_000n) throw new ValueError("pylist limits ** to exponents up to 100000");
      return PyLong_From(a ** b);
    case "//":
    case "%": {
      if (b === 0n) throw new ZeroDivisionError(op === "//" ? "integer division or modulo by zero" : "integer modulo by zero");
      let q = a / b;
      if ((a % b !== 0n) && ((a < 0n) !== (b < 0n))) q -= 1n;
      return PyLong_From(op === "//" ? q : a - q * b);
    }
  }
  throw new TypeError(`unsupported operand type(s) for ${op}: 'int' and 'int'`);
}

function unary(op: "-" | "+" | "not", v: PyObject): PyObject {
  if (op === "not") return PyBool_FromLong(!truth(v));
  if (PyLong_Check(v)) return PyLong_From(op === "-" ? -BigInt(v.value) : BigInt(v.value));
  if (v.ob_type === PyFloat_Type) return new PyFloatObject(op === "-" ? -(v as PyFloatObject).ob_fval : (v as PyFloatObject).ob_fval);
  throw new TypeError(`bad operand type for unary ${op}: '${typeName(v)}'`);
}

function truth(v: PyObject): boolean {
  if (v === Py_None) return false;
  if (PyLong_Check(v)) return v.value != 0;
  if (v.ob_type === PyFloat_Type) return (v as PyFloatObject).ob_fval !== 0;
  if (v.ob_type.sq_length) return v.ob_type.sq_length(v) > 0;
  return true;
}

const COMPARE_OPS: Record<string, CompareOp> = { "<": CompareOp.Py_LT, "<=": CompareOp.Py_LE, "==": CompareOp.Py_EQ, "!=": CompareOp.Py_NE, ">": CompareOp.Py_GT, ">=": CompareOp.Py_GE };

function compare(op: string, a: PyObject, b: PyObject): PyObject {
  if (op === "is") return PyBool_FromLong(a === b);
  if (op === "is not") return PyBool_FromLong(a !== b);
  if (op === "in" || op === "not in") {
    let found: boolean;
    if (PyList_Check(b)) found = list_contains(b, a);
    else if (b.ob_type === PyTuple_Type) found = (b as PyTupleObject).ob_item.some((x) => x === a || PyObject_RichCompare(x, a, CompareOp.Py_EQ));
    else throw new TypeError(`argument of type '${typeName(b)}' is not iterable`);
    return PyBool_FromLong(op === "in" ? found : !found);
  }
  return PyBool_FromLong(PyObject_RichCompare(a, b, COMPARE_OPS[op]));
}

function subscript(v: PyObject, index: PyObject): PyObject {
  if (PyList_Check(v)) return list_subscript(v, index);
  if (v.ob_type === PyTuple_Type && PyLong_Check(index)) {
    const items = (v as PyTupleObject).ob_item;
    let i = PyLong_AsSsize_t(index);
    if (i < 0) i += items.length;
    if (i < 0 || i >= items.length) throw new IndexError("tuple index out of range");
    return Py_INCREF(items[i]);
  }
  throw new TypeError(`'${typeName(v)}' object is not subscriptable`);
}

/** The list methods, bound to their list: list.append and the rest, with CPython's argument errors. */
function attribute(v: PyObject, attr: string, session: Session): PyObject {
  if (v === sysModule && attr === "getsizeof") return Py_INCREF(BUILTIN_GETSIZEOF);
  if (!PyList_Check(v)) throw new AttributeError(`'${typeName(v)}' object has no attribute '${attr}'`);
  const method = (call: Call) => new PyCFunctionObject(`method ${attr} of list object`, call, v);
  const none = () => Py_INCREF(Py_None);
  switch (attr) {
    case "append": return method((a, k) => (exactlyOne("list.append", a, k), list_append(v, a[0]), none()));
    case "extend": return method((a, k) => (exactlyOne("list.extend", a, k), list_extend(v, a[0]), none()));
    case "insert": return method((a, k) => (clinicArgs("insert", a, k, 2, 2), list_insert(v, a[0], a[1]), none()));
    case "pop": return method((a, k) => (clinicArgs("pop", a, k, 0, 1), list_pop_impl(v, a[0] ?? null)));
    case "remove": return method((a, k) => (exactlyOne("list.remove", a, k), list_remove(v, a[0]), none()));
    case "index": return method((a, k) => (clinicArgs("index", a, k, 1, 3), PyLong_From(list_index(v, a[0], a[1] ?? null, a[2] ?? null))));
    case "count": return method((a, k) => (exactlyOne("list.count", a, k), PyLong_From(list_count(v, a[0]))));
    case "clear": return method((a, k) => (noArgs("list.clear", a, k), list_clear(v), none()));
    case "copy": return method((a, k) => (noArgs("list.copy", a, k), list_copy(v)));
    case "reverse": return method((a, k) => (noArgs("list.reverse", a, k), list_reverse(v), none()));
    case "sort": return method((a, k) => session.sort(v, a, k));
  }
  throw new AttributeError(`'list' object has no attribute '${attr}'`);
}

/** A new reference to a constant; a constant tuple is built afresh each time (its items too). */
function constant(c: ConstValue): PyObject {
  if ("int" in c) return PyLong_From(c.int);
  if ("float" in c) return new PyFloatObject(c.float);
  if ("str" in c) return new PyUnicodeObject(c.str);
  if ("none" in c) return Py_INCREF(Py_None);
  if ("bool" in c) return PyBool_FromLong(c.bool);
  return new PyTupleObject(c.tuple.map(constant));
}

const builtin = (name: string, call: Call) => new PyCFunctionObject(`function ${name}`, call);

const BUILTIN_GETSIZEOF = builtin("getsizeof", (a, k) => {
  exactlyOne("getsizeof", a, k);
  if (!PyList_Check(a[0])) throw new TypeError(`pylist knows sys.getsizeof of lists only, not '${typeName(a[0])}'`);
  return PyLong_From(sizeof(a[0]));
});

/** The builtins pylist knows. */
const BUILTINS = new Map<string, PyObject>([
  ["len", builtin("len", (a, k) => (exactlyOne("len", a, k), PyLong_From(PyObject_Size(a[0]))))],
  ["list", builtin("list", (a, k) => (clinicArgs("list", a, k, 0, 1), list_new(a[0] ?? null)))],
  ["tuple", builtin("tuple", (a, k) => {
    clinicArgs("tuple", a, k, 0, 1);
    const items: PyObject[] = [];
    if (a[0]) {
      const it = PyObject_GetIter(a[0]);
      for (let x = PyIter_Next(it); x !== null; x = PyIter_Next(it)) items.push(x);
      Py_DECREF(it);
    }
    return new PyTupleObject(items);
  })],
  ["iter", builtin("iter", (a, k) => (clinicArgs("iter", a, k, 1, 1), PyObject_GetIter(a[0])))],
  ["next", builtin("next", (a, k) => {
    clinicArgs("next", a, k, 1, 1);
    if (!a[0].ob_type.tp_iternext) throw new TypeError(`'${typeName(a[0])}' object is not an iterator`);
    const v = PyIter_Next(a[0]);
    if (v === null) throw new StopIteration("");
    return v;
  })],
  ["reversed", builtin("reversed", (a, k) => {
    clinicArgs("reversed", a, k, 1, 1);
    if (!PyList_Check(a[0])) throw new TypeError(`'${typeName(a[0])}' object is not reversible`);
    return listreviter(a[0]);
  })],
  ["range", builtin("range", (a, k) => {
    noKeywords("range", k);
    if (a.length < 1 || a.length > 3) throw new TypeError(`range expected at least 1 argument, got ${a.length}`);
    const n = a.map((x) => PyLong_AsSsize_t(x));
    return a.length === 1 ? new PyRangeObject(0, n[0], 1) : new PyRangeObject(n[0], n[1], n[2] ?? 1);
  })],
  ["sorted", builtin("sorted", (a, k) => {
    if (a.length !== 1) throw new TypeError(`sorted expected 1 argument, got ${a.length}`);
    // CPython 3.11 Python/bltinmodule.c: builtin_sorted: PySequence_List, then its sort method.
    const list = PyList_New(0);
    try {
      list_extend(list, a[0]);
      const sort = attribute(list, "sort", SORTED_SESSION);
      Py_DECREF(callAndRelease(sort, k));
    } catch (e) {
      Py_DECREF(list);
      throw e;
    }
    return list;
  })],
  ["abs", builtin("abs", (a, k) => {
    exactlyOne("abs", a, k);
    if (PyLong_Check(a[0])) return PyLong_From(BigInt(a[0].value) < 0n ? -BigInt(a[0].value) : BigInt(a[0].value));
    if (a[0].ob_type === PyFloat_Type) return new PyFloatObject(Math.abs((a[0] as PyFloatObject).ob_fval));
    throw new TypeError(`bad operand type for abs(): '${typeName(a[0])}'`);
  })],
  ["repr", builtin("repr", (a, k) => (exactlyOne("repr", a, k), new PyUnicodeObject(PyObject_Repr(a[0]))))],
  ["str", builtin("str", (a, k) => (clinicArgs("str", a, k, 0, 1), new PyUnicodeObject(a[0] === undefined ? "" : a[0].ob_type === PyUnicode_Type ? (a[0] as PyUnicodeObject).value : PyObject_Repr(a[0]))))],
  ["float", builtin("float", (a, k) => {
    clinicArgs("float", a, k, 0, 1);
    const x = a[0];
    if (x === undefined) return new PyFloatObject(0);
    if (x.ob_type === PyUnicode_Type) {
      const s = (x as PyUnicodeObject).value.trim().toLowerCase();
      const v = s === "nan" || s === "+nan" || s === "-nan" ? NaN : s.endsWith("inf") || s.endsWith("infinity") ? (s.startsWith("-") ? -Infinity : Infinity) : s === "" ? NaN : Number(s);
      if (Number.isNaN(v) && !s.endsWith("nan")) throw new ValueError(`could not convert string to float: ${PyObject_Repr(x)}`);
      return new PyFloatObject(v);
    }
    const n = asNumber(x);
    if (n === null) throw new TypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
    return new PyFloatObject(n);
  })],
]);

/** sorted() runs list.sort on its own list; a session only for the sort's bookkeeping. */
const SORTED_SESSION = new Session();

function callAndRelease(f: PyObject, kwargs: Map<string, PyObject>): PyObject {
  try {
    return (f as PyCFunctionObject).call([], kwargs);
  } finally {
    Py_DECREF(f);
  }
}
