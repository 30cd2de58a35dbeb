// A tracer for our Lua VM: run a chunk one instruction at a time and record, after each instruction, the
// call frames, the registers of the current frame, the open upvalues (with the stack slot each points
// at), the closed upvalues reachable from live closures, and the to-be-closed variables.
//
// It adds nothing to the VM's path. luaV_execute already decrements g.budget before every instruction
// (the instruction budget, in the spirit of lua_sethook's LUA_MASKCOUNT) and only when it runs out calls
// budgetExceeded, which asks g.stephook first. The traced state shows the VM a budget of 0, so every
// instruction takes that path; states that are not traced never leave the decrement-and-compare.
import { luaL_newstate, dostring } from "./lapi.ts";
import type { LuaState, CallInfo } from "./lstate.ts";
import { LClosure, UpVal } from "./lfunc.ts";
import { LFloat, isNumber, luaO_tostring, type LuaValue } from "./lvalue.ts";
import { LuaTable } from "./ltable.ts";
import { luaG_getfuncline, binaryString } from "./lobject.ts";
import { luaF_getlocalname } from "./ldebug.ts";
import { BudgetExceeded } from "./ldo.ts";
import { opnames, GET_OPCODE } from "./lopcodes.ts";

/** One stack slot as the tracer shows it. */
export interface Slot {
  /** Index in the thread's stack. */
  level: number;
  /** The value, printed (strings quoted, functions and tables by a stable number: "function#2"). */
  value: string;
  /** Name of the local variable living there, when the slot is a register with a name. */
  name: string | null;
}

/** An upvalue: open ones point at a stack level; closed ones hold their value. */
export interface UpvalView {
  /** A stable number for this upvalue within one trace ("upval#1"). */
  id: number;
  /** Stack level while open; null once closed. */
  level: number | null;
  value: string;
  /** The closures (by number) whose upvalue lists hold this upvalue, with the upvalue's name there. */
  heldBy: { closure: number; index: number; name: string }[];
}

export interface FrameView {
  /** The function: "main chunk" or "function <line>" (the line where it is defined). */
  fn: string;
  closure: number;
  /** Stack level of the function; its registers start at func + 1. */
  func: number;
  /** Line being run. */
  line: number;
}

/** The state of the machine after one instruction. */
export interface Step {
  /** 1-based count of instructions executed. */
  n: number;
  /** The instruction just executed: its function, 1-based pc as luac -l numbers it, opcode and line. */
  fn: string;
  pc: number;
  op: string;
  line: number;
  /** Call frames of Lua functions, outermost first. */
  frames: FrameView[];
  /** Registers of the innermost Lua frame (trailing nils dropped). */
  registers: Slot[];
  /** The stack of all Lua frames, from the outermost frame's function slot to the last register. */
  stack: Slot[];
  /** Open upvalues in list order (highest stack level first, as lfunc.c keeps them). */
  open: UpvalView[];
  /** Closed upvalues reachable from the closures on the stack and in other upvalues. */
  closed: UpvalView[];
  /** Stack levels of the to-be-closed variables, oldest first. */
  tbc: number[];
}

export interface Trace {
  steps: Step[];
  /** What the program printed. */
  output: string;
  /** The error message when the program failed (null when it ran to its end). */
  error: string | null;
}

/** Stable numbers for closures, tables and upvalues, in order of first sight. */
class Ids {
  private readonly m = new Map<object, number>();
  private readonly next = new Map<string, number>();
  of(o: object, kind: string): number {
    let id = this.m.get(o);
    if (id === undefined) {
      id = (this.next.get(kind) ?? 0) + 1;
      this.next.set(kind, id);
      this.m.set(o, id);
    }
    return id;
  }
}

function fnName(cl: LClosure): string {
  const line = cl.p.f.linedefined;
  return line === 0 ? "main chunk" : `function <${line}>`;
}

/** Record the machine's state as a Step. */
function snapshot(L: LuaState, ids: Ids, n: number, cl: LClosure, pc: number): Step {
  const show = (v: LuaValue): string => {
    if (v === undefined) return "nil";
    if (typeof v === "boolean") return String(v);
    if (typeof v === "string") return JSON.stringify(v);
    if (isNumber(v)) return luaO_tostring(v);
    if (v instanceof LClosure) return `function#${ids.of(v, "function")}`;
    if (v instanceof LuaTable) return `table#${ids.of(v, "table")}`;
    if (typeof v === "function") return "builtin";
    return typeof v === "object" && !(v instanceof LFloat) ? "object" : String(v);
  };
  const frames: FrameView[] = [];
  const cis: CallInfo[] = [];
  for (let ci: CallInfo | null = L.ci; ci !== null; ci = ci.previous) if (ci.cl !== null) cis.unshift(ci);
  for (const ci of cis) {
    const c = ci.cl!;
    frames.push({ fn: fnName(c), closure: ids.of(c, "function"), func: ci.func,
      line: luaG_getfuncline(c.p.f, Math.max(ci.savedpc - 1, 0)) });
  }
  // Each frame's function slot and registers (maxstacksize of them, trailing nils dropped: stale values
  // stay visible, as they are in the machine).
  const stack: Slot[] = [];
  let registers: Slot[] = [];
  cis.forEach((ci, j) => {
    const p = ci.cl!.p;
    // The innermost frame's savedpc is the next instruction; the others' is just past their call.
    const lastpc = j === cis.length - 1 ? ci.savedpc : Math.max(ci.savedpc - 1, 0);
    let end = ci.func + 1 + p.f.maxstacksize;
    const next = cis[j + 1];
    if (next !== undefined) end = Math.min(end, next.func);
    while (end > ci.func + 1 && L.stack[end - 1] === undefined) end--;
    stack.push({ level: ci.func, value: show(L.stack[ci.func]), name: null });
    registers = [];
    for (let lv = ci.func + 1; lv < end; lv++) {
      registers.push({ level: lv, value: show(L.stack[lv]), name: luaF_getlocalname(p, lv - ci.func, lastpc) });
    }
    stack.push(...registers);
  });
  // Every closure reachable from the stack, the frames, tables and (transitively) upvalue values.
  const holders = new Map<UpVal, UpvalView["heldBy"]>();
  const seen = new Set<object>();
  const work: LuaValue[] = [...L.stack.slice(0, Math.max(L.top, (stack.at(-1)?.level ?? 0) + 1)),
    ...cis.map((ci) => ci.cl!)];
  while (work.length > 0) {
    const v = work.pop();
    if (v instanceof LuaTable && !seen.has(v)) {
      seen.add(v);
      work.push(...v.arr, ...v.hvals, v.metatable ?? undefined);
    }
    if (!(v instanceof LClosure) || seen.has(v)) continue;
    seen.add(v);
    v.upvals.forEach((uv, index) => {
      const nm = v.p.f.upvalues[index]?.name;
      const list = holders.get(uv) ?? [];
      list.push({ closure: ids.of(v, "function"), index, name: nm ? binaryString(nm) : "?" });
      holders.set(uv, list);
      work.push(uv.s[uv.i]);
    });
  }
  const view = (uv: UpVal): UpvalView => ({
    id: ids.of(uv, "upval"), level: uv.open ? uv.i : null, value: show(uv.s[uv.i]),
    heldBy: (holders.get(uv) ?? []).sort((a, b) => a.closure - b.closure || a.index - b.index),
  });
  const open: UpvalView[] = [];
  for (let uv = L.openupval; uv !== null; uv = uv.next) open.push(view(uv));
  const closed = [...holders.keys()].filter((uv) => !uv.open).map(view).sort((a, b) => a.id - b.id);
  return {
    n, fn: fnName(cl), pc: pc + 1, op: opnames[GET_OPCODE(cl.p.code[pc]!)] ?? "?",
    line: luaG_getfuncline(cl.p.f, pc), frames, registers, stack, open, closed, tbc: [...L.tbclist],
  };
}

/** Run `source` in a fresh state, recording a Step after every instruction (at most `limit` steps). */
export function trace(source: string, opts: { chunkname?: string; limit?: number } = {}): Trace {
  const limit = opts.limit ?? 100_000;
  let output = "";
  const L = luaL_newstate({ stdout: (s) => (output += s), budget: limit });
  const g = L.g;
  const ids = new Ids();
  const steps: Step[] = [];
  // The instruction about to run at the previous hook: its frame, closure and pc.
  let last: { cl: LClosure; pc: number } | null = null;
  const record = (): void => {
    if (last !== null) steps.push(snapshot(g.current, ids, steps.length + 1, last.cl, last.pc));
    last = null;
  };
  // The VM sees a budget of 0 in Lua frames, so every instruction goes through budgetExceeded and the
  // step hook; the string matcher (C frames) counts down the real budget.
  let left = limit;
  let ran = 0;
  Object.defineProperty(g, "budget", {
    configurable: true,
    get: () => (g.current.ci.cl !== null ? 0 : left),
    set: (v: number) => {
      if (g.current.ci.cl === null) left = v;
    },
  });
  g.stephook = (L1: LuaState): boolean => {
    if (++ran > limit) return false;
    record();
    last = { cl: L1.ci.cl!, pc: L1.ci.savedpc };
    return true;
  };
  let error: string | null;
  try {
    error = dostring(L, source, opts.chunkname ?? "=trace");
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    error = e.message;
  }
  record();
  return { steps, output, error };
}
