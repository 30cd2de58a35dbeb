// Lua 5.4.4 lfunc.c / lfunc.h: prototypes as the VM runs them, closures, upvalues (open while their
// variable lives in the stack, closed afterwards) and to-be-closed variables.
import { Proto, binaryString } from "./lobject.ts";
import { mkflt, mkint, type LuaValue } from "./lvalue.ts";
import type { LuaState } from "./lstate.ts";
import { luaT_gettmbyobj, TM_CLOSE } from "./ltm.ts";
import { luaG_runerror, luaF_getlocalname, currentpc } from "./ldebug.ts";
import { luaD_seterrorobj, callclosemethod } from "./ldo.ts";
import { luaF_findupval, luaF_closeupval, luaF_close as closetbc } from "./seams.ts";

/** lua.h lua_CFunction: a function written in the host language. Its arguments are L.stack[func+1 ..
 * L.top-1] (func = L.ci.func); it pushes its results and returns how many. */
export type CFunction = (L: LuaState) => number;
/** lua.h lua_KFunction: the continuation of a C function that called something that yielded. */
export type KFunction = (L: LuaState, status: number, ctx: number) => number;

// #region lproto
/** A Proto prepared for execution: code as a typed array and constants in the VM's value form. */
export class LProto {
  readonly code: Uint32Array;
  readonly k: LuaValue[];
  readonly p: LProto[];
  readonly source: string;
  constructor(readonly f: Proto) {
    this.code = Uint32Array.from(f.code);
    this.k = f.k.map((c): LuaValue => {
      switch (c.type) {
        case "nil":
          return undefined;
        case "boolean":
          return c.v;
        case "int":
          return mkint(c.v);
        case "float":
          return mkflt(c.v);
        case "string":
          return binaryString(c.v);
      }
    });
    this.p = f.p.map((q) => new LProto(q));
    this.source = f.source === null ? "=?" : binaryString(f.source);
  }
  get numparams(): number {
    return this.f.numparams;
  }
}
// #endregion lproto

// #region upval
/** lobject.h UpVal. Its value is always s[i]: while open, s is the thread's stack and i the variable's
 * level; when closed, s is a one-slot array of its own. Reading an upvalue never branches. */
export class UpVal {
  s: LuaValue[];
  i: number;
  /** Next open upvalue of the thread (lower level); null when closed or last. */
  next: UpVal | null = null;
  open: boolean;
  constructor(s: LuaValue[], i: number, open: boolean) {
    this.s = s;
    this.i = i;
    this.open = open;
  }
}

/** lobject.h LClosure: a Lua function with its upvalues. */
export class LClosure {
  readonly upvals: UpVal[];
  constructor(readonly p: LProto, nupvalues: number) {
    this.upvals = new Array<UpVal>(nupvalues);
  }
}
// #endregion upval

// #region findupval
// lfunc.c luaF_findupval, luaF_closeupval and the loop of luaF_close: written by learners (chapter 04).
export { luaF_findupval, luaF_closeupval };
// #endregion findupval

/** A fresh closed upvalue holding v (used for the _ENV of a loaded chunk). */
export function closedUpval(v: LuaValue): UpVal {
  return new UpVal([v], 0, false);
}

// #region newtbcupval
/** lfunc.c luaF_newtbcupval: register the variable at `level` as to-be-closed. false and nil need no
 * closing; any other value must have a __close metamethod. */
export function luaF_newtbcupval(L: LuaState, level: number): void {
  const obj = L.stack[level];
  if (obj === false || obj === undefined) return;
  if (luaT_gettmbyobj(L, obj, TM_CLOSE) === undefined) {
    const ci = L.ci;
    const name = ci.cl !== null ? luaF_getlocalname(ci.cl.p, level - ci.func, currentpc(ci)) : null;
    luaG_runerror(L, `variable '${name ?? "?"}' got a non-closable value`);
  }
  L.tbclist.push(level);
}
// #endregion newtbcupval

/** lfunc.h: status value meaning a normal close ("close keeping top"). */
export const CLOSEKTOP = -1;

// #region close
/** lfunc.c luaF_close: close the upvalues at or above `level`, then call the __close of the to-be-closed
 * variables there, last declared first. Returns the level. */
export function luaF_close(L: LuaState, level: number, status: number, yy: boolean): number {
  luaF_closeupval(L, level);
  return closetbc(L, level, status, yy, prepcallclosemth);
}

/** lfunc.c prepcallclosemth: __close(obj, nil) on a normal close, __close(obj, error object) on an error. */
function prepcallclosemth(L: LuaState, tbc: number, status: number, yy: boolean): void {
  const obj = L.stack[tbc];
  let errobj: LuaValue;
  if (status === CLOSEKTOP) errobj = undefined;
  else {
    luaD_seterrorobj(L, status, tbc + 1);
    errobj = L.stack[tbc + 1];
  }
  callclosemethod(L, luaT_gettmbyobj(L, obj, TM_CLOSE), obj, errobj, yy);
}
// #endregion close
