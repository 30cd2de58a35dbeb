// Lua 5.4.4 lcode.c / lcode.h: the code generator. Function for function as in lcode.c; an instruction
// is a number (see lopcodes.ts), an expdesc a mutable object (see lparser.ts).
import { luaX_syntaxerror, type KKey, type LexState } from "./llex.ts";
import { luaM_growvector } from "./lmem.ts";
import { ABSLINEINFO, LIMLINEDIFF, MAXIWTHABS, type KValue, type Proto } from "./lobject.ts";
import {
  CREATE_ABCk, CREATE_ABx, CREATE_Ax, CREATE_sJ, GETARG_A, GETARG_B, GETARG_k, GETARG_sJ, GET_OPCODE,
  MAXARG_Ax, MAXARG_B, MAXARG_Bx, MAXARG_C, MAXARG_sJ, MAXINDEXRK, NO_REG, OFFSET_sBx, OFFSET_sC, OFFSET_sJ,
  OP_ADD, OP_ADDI, OP_ADDK, OP_CONCAT, OP_EQ, OP_EQI, OP_EQK, OP_EXTRAARG, OP_GEI, OP_GETFIELD, OP_GETI,
  OP_GETTABLE, OP_GETTABUP, OP_GETUPVAL, OP_GTI, OP_JMP, OP_LFALSESKIP, OP_LOADF, OP_LOADFALSE, OP_LOADI,
  OP_LOADK, OP_LOADKX, OP_LOADNIL, OP_LOADTRUE, OP_LT, OP_LTI, OP_MMBIN, OP_MMBINI, OP_MMBINK, OP_MOVE,
  OP_NEWTABLE, OP_NOT, OP_RETURN, OP_RETURN0, OP_RETURN1, OP_SELF, OP_SETFIELD, OP_SETI, OP_SETLIST,
  OP_SETTABLE, OP_SETTABUP, OP_SETUPVAL, OP_SHL, OP_SHLI, OP_SHR, OP_SHRI, OP_TAILCALL, OP_TEST, OP_TESTSET,
  OP_UNM, SETARG_A, SETARG_B, SETARG_C, SETARG_k, SETARG_sJ, SET_OPCODE, int2sC, testTMode,
} from "./lopcodes.ts";
import { LUA_OPADD, LUA_OPUNM, tointegerns, type LuaNumber } from "./lnumber.ts";
import { constfold, luaK_concat, patchlistaux } from "./seams.ts";

// luaK_concat and patchlistaux are exercise 03-lua-opcodes/patchlist; constfold (validop and the result
// checks of constfolding) is exercise 03-lua-opcodes/constfold (src/lua/seams.ts).
export { luaK_concat };
import {
  VCALL, VCONST, VFALSE, VINDEXED, VINDEXI, VINDEXSTR, VINDEXUP, VJMP, VK, VKFLT, VKINT, VKSTR, VLOCAL,
  VNIL, VNONRELOC, VRELOC, VTRUE, VUPVAL, VVARARG,
  expdesc, luaY_nvarstack, type FuncState,
} from "./lparser.ts";

/** Maximum number of registers in a Lua function (must fit in 8 bits). */
const MAXREGS = 255;
/** lcode.h: marks the end of a patch list. */
export const NO_JUMP = -1;
export const LUA_MULTRET = -1;

// lcode.h: BinOpr, ORDER OPR
export const OPR_ADD = 0, OPR_SUB = 1, OPR_MUL = 2, OPR_MOD = 3, OPR_POW = 4, OPR_DIV = 5, OPR_IDIV = 6;
export const OPR_BAND = 7, OPR_BOR = 8, OPR_BXOR = 9, OPR_SHL = 10, OPR_SHR = 11, OPR_CONCAT = 12;
export const OPR_EQ = 13, OPR_LT = 14, OPR_LE = 15, OPR_NE = 16, OPR_GT = 17, OPR_GE = 18;
export const OPR_AND = 19, OPR_OR = 20, OPR_NOBINOPR = 21;
// lcode.h: UnOpr
export const OPR_MINUS = 0, OPR_BNOT = 1, OPR_NOT = 2, OPR_LEN = 3, OPR_NOUNOPR = 4;
// ltm.h: TMS, the events the MMBIN instructions name (ORDER TM)
const TM_ADD = 6, TM_SHL = 16, TM_SHR = 17;

function hasjumps(e: expdesc): boolean {
  return e.t !== e.f;
}

/** lcode.c: luaK_semerror, an error without "near <token>". */
export function luaK_semerror(ls: LexState, msg: string): never {
  ls.t.token = 0;
  luaX_syntaxerror(ls, msg);
}

/** lcode.c: tonumeral. The numeric value of a numeral expression, or null. */
export function tonumeral(e: expdesc): LuaNumber | null {
  if (hasjumps(e)) return null;
  if (e.k === VKINT) return e.ival;
  if (e.k === VKFLT) return e.nval;
  return null;
}

/** lcode.c: luaK_exp2const. The constant value of an expression, or null. */
export function luaK_exp2const(fs: FuncState, e: expdesc): KValue | null {
  if (hasjumps(e)) return null;
  switch (e.k) {
    case VFALSE:
      return { type: "boolean", v: false };
    case VTRUE:
      return { type: "boolean", v: true };
    case VNIL:
      return { type: "nil" };
    case VKSTR:
      return fs.ls.kstring(e.strval);
    case VCONST:
      return fs.ls.dyd.actvar[e.info]!.k!;
    case VKINT:
      return { type: "int", v: e.ival };
    case VKFLT:
      return { type: "float", v: e.nval };
    default:
      return null;
  }
}


const INVALID = 0xffffffff;

/** lcode.c: previousinstruction: the previous instruction, or an invalid one after a jump target. */
function previousinstruction(fs: FuncState): number {
  return fs.pc > fs.lasttarget ? fs.f.code[fs.pc - 1]! : INVALID;
}

/** lcode.c: luaK_nil, merging with a previous LOADNIL when the ranges touch. */
export function luaK_nil(fs: FuncState, from: number, n: number): void {
  let l = from + n - 1;
  const previous = previousinstruction(fs);
  if (GET_OPCODE(previous) === OP_LOADNIL) {
    const pfrom = GETARG_A(previous);
    const pl = pfrom + GETARG_B(previous);
    if ((pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1)) {
      if (pfrom < from) from = pfrom;
      if (pl > l) l = pl;
      const code = fs.f.code;
      code[fs.pc - 1] = SETARG_B(SETARG_A(previous, from), l - from);
      return;
    }
  }
  luaK_codeABC(fs, OP_LOADNIL, from, n - 1, 0);
}

// #region patchlist
/** lcode.c: getjump, the destination of the jump at pc, or NO_JUMP at the end of a list. */
export function getjump(fs: FuncState, pc: number): number {
  const offset = GETARG_sJ(fs.f.code[pc]!);
  if (offset === NO_JUMP) return NO_JUMP;
  return pc + 1 + offset;
}

/** lcode.c: fixjump. */
export function fixjump(fs: FuncState, pc: number, dest: number): void {
  const offset = dest - (pc + 1);
  if (!(-OFFSET_sJ <= offset && offset <= MAXARG_sJ - OFFSET_sJ)) luaX_syntaxerror(fs.ls, "control structure too long");
  fs.f.code[pc] = SETARG_sJ(fs.f.code[pc]!, offset);
}

/** lcode.c: luaK_jump. */
export function luaK_jump(fs: FuncState): number {
  return codesJ(fs, OP_JMP, NO_JUMP, 0);
}
// #endregion patchlist

/** lcode.c: luaK_ret. */
export function luaK_ret(fs: FuncState, first: number, nret: number): void {
  const op = nret === 0 ? OP_RETURN0 : nret === 1 ? OP_RETURN1 : OP_RETURN;
  luaK_codeABC(fs, op, first, nret + 1, 0);
}

function condjump(fs: FuncState, op: number, A: number, B: number, C: number, k: number): number {
  luaK_codeABCk(fs, op, A, B, C, k);
  return luaK_jump(fs);
}

/** lcode.c: luaK_getlabel: the current pc, marked as a jump target. */
export function luaK_getlabel(fs: FuncState): number {
  fs.lasttarget = fs.pc;
  return fs.pc;
}

/** lcode.c: getjumpcontrol: the pc of the instruction controlling the jump at pc. */
function getjumpcontrol(fs: FuncState, pc: number): number {
  if (pc >= 1 && testTMode(GET_OPCODE(fs.f.code[pc - 1]!))) return pc - 1;
  return pc;
}

export function patchtestreg(fs: FuncState, node: number, reg: number): boolean {
  const ip = getjumpcontrol(fs, node);
  const i = fs.f.code[ip]!;
  if (GET_OPCODE(i) !== OP_TESTSET) return false;
  if (reg !== NO_REG && reg !== GETARG_B(i)) fs.f.code[ip] = SETARG_A(i, reg);
  else fs.f.code[ip] = CREATE_ABCk(OP_TEST, GETARG_B(i), 0, 0, GETARG_k(i));
  return true;
}

function removevalues(fs: FuncState, list: number): void {
  for (; list !== NO_JUMP; list = getjump(fs, list)) patchtestreg(fs, list, NO_REG);
}

/** lcode.c: luaK_patchlist: every jump in list goes to target. */
export function luaK_patchlist(fs: FuncState, list: number, target: number): void {
  patchlistaux(fs, list, target, NO_REG, target);
}

/** lcode.c: luaK_patchtohere. */
export function luaK_patchtohere(fs: FuncState, list: number): void {
  const hr = luaK_getlabel(fs);
  luaK_patchlist(fs, list, hr);
}

/** lcode.h: luaK_jumpto. */
export function luaK_jumpto(fs: FuncState, t: number): void {
  luaK_patchlist(fs, luaK_jump(fs), t);
}

function savelineinfo(fs: FuncState, f: Proto, line: number): void {
  let linedif = line - fs.previousline;
  const pc = fs.pc - 1;
  if (Math.abs(linedif) >= LIMLINEDIFF || fs.iwthabs++ >= MAXIWTHABS) {
    f.abslineinfo[fs.nabslineinfo++] = { pc, line };
    linedif = ABSLINEINFO;
    fs.iwthabs = 1;
  }
  f.lineinfo = luaM_growvector(f.lineinfo, pc);
  f.lineinfo[pc] = linedif;
  fs.previousline = line;
}

function removelastlineinfo(fs: FuncState): void {
  const f = fs.f;
  const pc = fs.pc - 1;
  if (f.lineinfo[pc] !== ABSLINEINFO) {
    fs.previousline -= f.lineinfo[pc]!;
    fs.iwthabs--;
  } else {
    fs.nabslineinfo--;
    fs.iwthabs = MAXIWTHABS + 1;
  }
}

function removelastinstruction(fs: FuncState): void {
  removelastlineinfo(fs);
  fs.pc--;
}

// #region luaK_code
/** lcode.c: luaK_code: emit an instruction with the line of the last token read. */
export function luaK_code(fs: FuncState, i: number): number {
  const f = fs.f;
  f.code = luaM_growvector(f.code, fs.pc);
  f.code[fs.pc++] = i;
  savelineinfo(fs, f, fs.ls.lastline);
  return fs.pc - 1;
}
// #endregion luaK_code

export function luaK_codeABCk(fs: FuncState, o: number, a: number, b: number, c: number, k: number): number {
  return luaK_code(fs, CREATE_ABCk(o, a, b, c, k));
}

export function luaK_codeABC(fs: FuncState, o: number, a: number, b: number, c: number): number {
  return luaK_codeABCk(fs, o, a, b, c, 0);
}

export function luaK_codeABx(fs: FuncState, o: number, a: number, bc: number): number {
  return luaK_code(fs, CREATE_ABx(o, a, bc));
}

export function luaK_codeAsBx(fs: FuncState, o: number, a: number, bc: number): number {
  return luaK_code(fs, CREATE_ABx(o, a, bc + OFFSET_sBx));
}

function codesJ(fs: FuncState, o: number, sj: number, k: number): number {
  return luaK_code(fs, CREATE_sJ(o, sj + OFFSET_sJ, k));
}

function codeextraarg(fs: FuncState, a: number): number {
  return luaK_code(fs, CREATE_Ax(OP_EXTRAARG, a));
}

function luaK_codek(fs: FuncState, reg: number, k: number): number {
  if (k <= MAXARG_Bx) return luaK_codeABx(fs, OP_LOADK, reg, k);
  const p = luaK_codeABx(fs, OP_LOADKX, reg, 0);
  codeextraarg(fs, k);
  return p;
}

/** lcode.c: luaK_checkstack. */
export function luaK_checkstack(fs: FuncState, n: number): void {
  const newstack = fs.freereg + n;
  if (newstack > fs.f.maxstacksize) {
    if (newstack >= MAXREGS) luaX_syntaxerror(fs.ls, "function or expression needs too many registers");
    fs.f.maxstacksize = newstack;
  }
}

/** lcode.c: luaK_reserveregs. */
export function luaK_reserveregs(fs: FuncState, n: number): void {
  luaK_checkstack(fs, n);
  fs.freereg += n;
}

function freereg(fs: FuncState, reg: number): void {
  if (reg >= luaY_nvarstack(fs)) fs.freereg--;
}

function freeregs(fs: FuncState, r1: number, r2: number): void {
  if (r1 > r2) {
    freereg(fs, r1);
    freereg(fs, r2);
  } else {
    freereg(fs, r2);
    freereg(fs, r1);
  }
}

function freeexp(fs: FuncState, e: expdesc): void {
  if (e.k === VNONRELOC) freereg(fs, e.info);
}

function freeexps(fs: FuncState, e1: expdesc, e2: expdesc): void {
  const r1 = e1.k === VNONRELOC ? e1.info : -1;
  const r2 = e2.k === VNONRELOC ? e2.info : -1;
  freeregs(fs, r1, r2);
}

function makeK(fs: FuncState, type: KValue["type"], prim: KKey): KValue {
  switch (type) {
    case "string":
      return fs.ls.kstring(prim as string);
    case "int":
      return { type, v: prim as bigint };
    case "float":
      return { type, v: prim as number };
    case "boolean":
      return { type, v: prim as boolean };
    default:
      return { type: "nil" };
  }
}

/** lcode.c: addk. The scanner's table, shared by all functions of the chunk, caches constant positions;
 * a cached index is reused only if this function's constant there has the same type and value. */
function addk(fs: FuncState, key: KKey, type: KValue["type"], prim: KKey): number {
  const h = fs.ls.h;
  const idx = h.get(key);
  const f = fs.f;
  if (idx !== undefined && idx < fs.nk && f.k[idx]!.type === type && fs.kprim[idx] === prim) return idx;
  const k = fs.nk;
  h.set(key, k);
  if (k > MAXARG_Ax) luaX_syntaxerror(fs.ls, `too many constants (limit is ${MAXARG_Ax}) in ${fs.f.linedefined === 0 ? "main function" : `function at line ${fs.f.linedefined}`}`);
  f.k[k] = makeK(fs, type, prim);
  fs.kprim[k] = prim;
  fs.nk++;
  return k;
}

function stringK(fs: FuncState, s: string): number {
  return addk(fs, s, "string", s);
}

function luaK_intK(fs: FuncState, n: bigint): number {
  return addk(fs, n, "int", n);
}

/** A table key for a float, as luaH normalizes it: a float with an integer value is an integer key. */
function floatKey(r: number): number | bigint {
  const i = Number.isInteger(r) ? tointegerns(r) : null;
  return i !== null ? i : r;
}

/** lcode.c: luaK_numberK. An integral float gets a perturbed key so it does not collide with integers. */
function luaK_numberK(fs: FuncState, r: number): number {
  if (!Number.isInteger(r) || tointegerns(r) === null) return addk(fs, floatKey(r), "float", r);
  const q = Math.pow(2, -52);
  const k = r === 0 ? q : r + r * q;
  return addk(fs, floatKey(k), "float", r);
}

function boolF(fs: FuncState): number {
  return addk(fs, false, "boolean", false);
}
function boolT(fs: FuncState): number {
  return addk(fs, true, "boolean", true);
}
function nilK(fs: FuncState): number {
  return addk(fs, null, "nil", null);
}

/** lcode.c: fitsC. (Compared as a double: rounding a huge integer never brings it into the range.) */
export function fitsC(i: bigint): boolean {
  const v = Number(i);
  return -OFFSET_sC <= v && v <= MAXARG_C - OFFSET_sC;
}

function fitsBx(i: bigint): boolean {
  const v = Number(i);
  return -OFFSET_sBx <= v && v <= MAXARG_Bx - OFFSET_sBx;
}

/** lcode.c: luaK_int. */
export function luaK_int(fs: FuncState, reg: number, i: bigint): void {
  if (fitsBx(i)) luaK_codeAsBx(fs, OP_LOADI, reg, Number(i));
  else luaK_codek(fs, reg, luaK_intK(fs, i));
}

function luaK_float(fs: FuncState, reg: number, f: number): void {
  const fi = Number.isInteger(f) ? tointegerns(f) : null;
  if (fi !== null && fitsBx(fi)) luaK_codeAsBx(fs, OP_LOADF, reg, Number(fi));
  else luaK_codek(fs, reg, luaK_numberK(fs, f));
}

function const2exp(v: KValue, e: expdesc): void {
  switch (v.type) {
    case "int":
      e.k = VKINT;
      e.ival = v.v;
      break;
    case "float":
      e.k = VKFLT;
      e.nval = v.v;
      break;
    case "boolean":
      e.k = v.v ? VTRUE : VFALSE;
      break;
    case "nil":
      e.k = VNIL;
      break;
    case "string":
      e.k = VKSTR;
      e.strval = String.fromCharCode(...v.v);
      break;
  }
}

/** lcode.c: luaK_setreturns. */
export function luaK_setreturns(fs: FuncState, e: expdesc, nresults: number): void {
  const code = fs.f.code;
  code[e.info] = SETARG_C(code[e.info]!, nresults + 1);
  if (e.k === VVARARG) {
    code[e.info] = SETARG_A(code[e.info]!, fs.freereg);
    luaK_reserveregs(fs, 1);
  }
}

export function luaK_setmultret(fs: FuncState, e: expdesc): void {
  luaK_setreturns(fs, e, LUA_MULTRET);
}

function str2K(fs: FuncState, e: expdesc): void {
  e.info = stringK(fs, e.strval);
  e.k = VK;
}

/** lcode.c: luaK_setoneret. */
export function luaK_setoneret(fs: FuncState, e: expdesc): void {
  if (e.k === VCALL) {
    e.k = VNONRELOC;
    e.info = GETARG_A(fs.f.code[e.info]!);
  } else if (e.k === VVARARG) {
    fs.f.code[e.info] = SETARG_C(fs.f.code[e.info]!, 2);
    e.k = VRELOC;
  }
}

/** lcode.c: luaK_dischargevars: make sure e is not a variable. */
export function luaK_dischargevars(fs: FuncState, e: expdesc): void {
  switch (e.k) {
    case VCONST:
      const2exp(fs.ls.dyd.actvar[e.info]!.k!, e);
      break;
    case VLOCAL:
      e.info = e.var_ridx;
      e.k = VNONRELOC;
      break;
    case VUPVAL:
      e.info = luaK_codeABC(fs, OP_GETUPVAL, 0, e.info, 0);
      e.k = VRELOC;
      break;
    case VINDEXUP:
      e.info = luaK_codeABC(fs, OP_GETTABUP, 0, e.ind_t, e.ind_idx);
      e.k = VRELOC;
      break;
    case VINDEXI:
      freereg(fs, e.ind_t);
      e.info = luaK_codeABC(fs, OP_GETI, 0, e.ind_t, e.ind_idx);
      e.k = VRELOC;
      break;
    case VINDEXSTR:
      freereg(fs, e.ind_t);
      e.info = luaK_codeABC(fs, OP_GETFIELD, 0, e.ind_t, e.ind_idx);
      e.k = VRELOC;
      break;
    case VINDEXED:
      freeregs(fs, e.ind_t, e.ind_idx);
      e.info = luaK_codeABC(fs, OP_GETTABLE, 0, e.ind_t, e.ind_idx);
      e.k = VRELOC;
      break;
    case VVARARG:
    case VCALL:
      luaK_setoneret(fs, e);
      break;
  }
}

// #region discharge2reg
function discharge2reg(fs: FuncState, e: expdesc, reg: number): void {
  luaK_dischargevars(fs, e);
  switch (e.k) {
    case VNIL:
      luaK_nil(fs, reg, 1);
      break;
    case VFALSE:
      luaK_codeABC(fs, OP_LOADFALSE, reg, 0, 0);
      break;
    case VTRUE:
      luaK_codeABC(fs, OP_LOADTRUE, reg, 0, 0);
      break;
    case VKSTR:
      str2K(fs, e);
      luaK_codek(fs, reg, e.info);
      break;
    case VK:
      luaK_codek(fs, reg, e.info);
      break;
    case VKFLT:
      luaK_float(fs, reg, e.nval);
      break;
    case VKINT:
      luaK_int(fs, reg, e.ival);
      break;
    case VRELOC:
      fs.f.code[e.info] = SETARG_A(fs.f.code[e.info]!, reg);
      break;
    case VNONRELOC:
      if (reg !== e.info) luaK_codeABC(fs, OP_MOVE, reg, e.info, 0);
      break;
    default:
      return; // VJMP: nothing to do
  }
  e.info = reg;
  e.k = VNONRELOC;
}
// #endregion discharge2reg

function discharge2anyreg(fs: FuncState, e: expdesc): void {
  if (e.k !== VNONRELOC) {
    luaK_reserveregs(fs, 1);
    discharge2reg(fs, e, fs.freereg - 1);
  }
}

function code_loadbool(fs: FuncState, A: number, op: number): number {
  luaK_getlabel(fs);
  return luaK_codeABC(fs, op, A, 0, 0);
}

function need_value(fs: FuncState, list: number): boolean {
  for (; list !== NO_JUMP; list = getjump(fs, list)) {
    const i = fs.f.code[getjumpcontrol(fs, list)]!;
    if (GET_OPCODE(i) !== OP_TESTSET) return true;
  }
  return false;
}

function exp2reg(fs: FuncState, e: expdesc, reg: number): void {
  discharge2reg(fs, e, reg);
  if (e.k === VJMP) e.t = luaK_concat(fs, e.t, e.info);
  if (hasjumps(e)) {
    let p_f = NO_JUMP;
    let p_t = NO_JUMP;
    if (need_value(fs, e.t) || need_value(fs, e.f)) {
      const fj = e.k === VJMP ? NO_JUMP : luaK_jump(fs);
      p_f = code_loadbool(fs, reg, OP_LFALSESKIP);
      p_t = code_loadbool(fs, reg, OP_LOADTRUE);
      luaK_patchtohere(fs, fj);
    }
    const final = luaK_getlabel(fs);
    patchlistaux(fs, e.f, final, reg, p_f);
    patchlistaux(fs, e.t, final, reg, p_t);
  }
  e.f = e.t = NO_JUMP;
  e.info = reg;
  e.k = VNONRELOC;
}

/** lcode.c: luaK_exp2nextreg. */
export function luaK_exp2nextreg(fs: FuncState, e: expdesc): void {
  luaK_dischargevars(fs, e);
  freeexp(fs, e);
  luaK_reserveregs(fs, 1);
  exp2reg(fs, e, fs.freereg - 1);
}

// #region exp2anyreg
/** lcode.c: luaK_exp2anyreg. */
export function luaK_exp2anyreg(fs: FuncState, e: expdesc): number {
  luaK_dischargevars(fs, e);
  if (e.k === VNONRELOC) {
    if (!hasjumps(e)) return e.info;
    if (e.info >= luaY_nvarstack(fs)) {
      exp2reg(fs, e, e.info);
      return e.info;
    }
  }
  luaK_exp2nextreg(fs, e);
  return e.info;
}
// #endregion exp2anyreg

/** lcode.c: luaK_exp2anyregup. */
export function luaK_exp2anyregup(fs: FuncState, e: expdesc): void {
  if (e.k !== VUPVAL || hasjumps(e)) luaK_exp2anyreg(fs, e);
}

/** lcode.c: luaK_exp2val. */
export function luaK_exp2val(fs: FuncState, e: expdesc): void {
  if (hasjumps(e)) luaK_exp2anyreg(fs, e);
  else luaK_dischargevars(fs, e);
}

function luaK_exp2K(fs: FuncState, e: expdesc): boolean {
  if (!hasjumps(e)) {
    let info: number;
    switch (e.k) {
      case VTRUE:
        info = boolT(fs);
        break;
      case VFALSE:
        info = boolF(fs);
        break;
      case VNIL:
        info = nilK(fs);
        break;
      case VKINT:
        info = luaK_intK(fs, e.ival);
        break;
      case VKFLT:
        info = luaK_numberK(fs, e.nval);
        break;
      case VKSTR:
        info = stringK(fs, e.strval);
        break;
      case VK:
        info = e.info;
        break;
      default:
        return false;
    }
    if (info <= MAXINDEXRK) {
      e.k = VK;
      e.info = info;
      return true;
    }
  }
  return false;
}

/** lcode.c: luaK_exp2RK. */
export function luaK_exp2RK(fs: FuncState, e: expdesc): boolean {
  if (luaK_exp2K(fs, e)) return true;
  luaK_exp2anyreg(fs, e);
  return false;
}

function codeABRK(fs: FuncState, o: number, a: number, b: number, ec: expdesc): void {
  const k = luaK_exp2RK(fs, ec);
  luaK_codeABCk(fs, o, a, b, ec.info, k ? 1 : 0);
}

/** lcode.c: luaK_storevar. */
export function luaK_storevar(fs: FuncState, v: expdesc, ex: expdesc): void {
  switch (v.k) {
    case VLOCAL:
      freeexp(fs, ex);
      exp2reg(fs, ex, v.var_ridx);
      return;
    case VUPVAL: {
      const e = luaK_exp2anyreg(fs, ex);
      luaK_codeABC(fs, OP_SETUPVAL, e, v.info, 0);
      break;
    }
    case VINDEXUP:
      codeABRK(fs, OP_SETTABUP, v.ind_t, v.ind_idx, ex);
      break;
    case VINDEXI:
      codeABRK(fs, OP_SETI, v.ind_t, v.ind_idx, ex);
      break;
    case VINDEXSTR:
      codeABRK(fs, OP_SETFIELD, v.ind_t, v.ind_idx, ex);
      break;
    case VINDEXED:
      codeABRK(fs, OP_SETTABLE, v.ind_t, v.ind_idx, ex);
      break;
  }
  freeexp(fs, ex);
}

/** lcode.c: luaK_self. */
export function luaK_self(fs: FuncState, e: expdesc, key: expdesc): void {
  luaK_exp2anyreg(fs, e);
  const ereg = e.info;
  freeexp(fs, e);
  e.info = fs.freereg;
  e.k = VNONRELOC;
  luaK_reserveregs(fs, 2);
  codeABRK(fs, OP_SELF, e.info, ereg, key);
  freeexp(fs, key);
}

function negatecondition(fs: FuncState, e: expdesc): void {
  const pc = getjumpcontrol(fs, e.info);
  const i = fs.f.code[pc]!;
  fs.f.code[pc] = SETARG_k(i, GETARG_k(i) ^ 1);
}

function jumponcond(fs: FuncState, e: expdesc, cond: number): number {
  if (e.k === VRELOC) {
    const ie = fs.f.code[e.info]!;
    if (GET_OPCODE(ie) === OP_NOT) {
      removelastinstruction(fs);
      return condjump(fs, OP_TEST, GETARG_B(ie), 0, 0, cond ? 0 : 1);
    }
  }
  discharge2anyreg(fs, e);
  freeexp(fs, e);
  return condjump(fs, OP_TESTSET, NO_REG, e.info, 0, cond);
}

// #region goiftrue
/** lcode.c: luaK_goiftrue: fall through if e is true, jump otherwise. */
export function luaK_goiftrue(fs: FuncState, e: expdesc): void {
  let pc: number;
  luaK_dischargevars(fs, e);
  if (e.k === VJMP) {
    negatecondition(fs, e); // the comparison jumps when it is false
    pc = e.info;
  } else if (e.k === VK || e.k === VKFLT || e.k === VKINT || e.k === VKSTR || e.k === VTRUE) {
    pc = NO_JUMP; // always true: nothing to do
  } else pc = jumponcond(fs, e, 0);
  e.f = luaK_concat(fs, e.f, pc);
  luaK_patchtohere(fs, e.t);
  e.t = NO_JUMP;
}
// #endregion goiftrue

/** lcode.c: luaK_goiffalse: fall through if e is false, jump otherwise (luaK_goiftrue's mirror). */
export function luaK_goiffalse(fs: FuncState, e: expdesc): void {
  luaK_dischargevars(fs, e);
  const pc = e.k === VJMP ? e.info : e.k === VNIL || e.k === VFALSE ? NO_JUMP : jumponcond(fs, e, 1);
  e.t = luaK_concat(fs, e.t, pc);
  luaK_patchtohere(fs, e.f);
  e.f = NO_JUMP;
}

function codenot(fs: FuncState, e: expdesc): void {
  switch (e.k) {
    case VNIL:
    case VFALSE:
      e.k = VTRUE;
      break;
    case VK:
    case VKFLT:
    case VKINT:
    case VKSTR:
    case VTRUE:
      e.k = VFALSE;
      break;
    case VJMP:
      negatecondition(fs, e);
      break;
    case VRELOC:
    case VNONRELOC:
      discharge2anyreg(fs, e);
      freeexp(fs, e);
      e.info = luaK_codeABC(fs, OP_NOT, 0, e.info, 0);
      e.k = VRELOC;
      break;
  }
  const temp = e.f;
  e.f = e.t;
  e.t = temp;
  removevalues(fs, e.f);
  removevalues(fs, e.t);
}

function isKstr(fs: FuncState, e: expdesc): boolean {
  if (e.k !== VK || hasjumps(e) || e.info > MAXARG_B) return false;
  const kv = fs.f.k[e.info]!;
  return kv.type === "string" && kv.v.length <= 40; // LUAI_MAXSHORTLEN: a short string
}

export function luaK_isKint(e: expdesc): boolean {
  return e.k === VKINT && !hasjumps(e);
}

function isCint(e: expdesc): boolean {
  if (!luaK_isKint(e)) return false;
  const v = Number(e.ival); // l_castS2U(e.ival) <= MAXARG_C
  return 0 <= v && v <= MAXARG_C;
}

function isSCint(e: expdesc): boolean {
  return luaK_isKint(e) && fitsC(e.ival);
}

/** lcode.c: isSCnumber: whether e is a numeral that fits an sB/sC operand; sets out.im to its encoding.
 * Like the C code, it sets out.isfloat for an integral float even when the value does not fit. */
function isSCnumber(e: expdesc, out: { im: number; isfloat: number }): boolean {
  let i: bigint;
  if (e.k === VKINT) i = e.ival;
  else if (e.k === VKFLT && Number.isInteger(e.nval) && tointegerns(e.nval) !== null) {
    i = tointegerns(e.nval)!;
    out.isfloat = 1;
  } else return false;
  if (!hasjumps(e) && fitsC(i)) {
    out.im = int2sC(Number(i));
    return true;
  }
  return false;
}

/** lcode.c: luaK_indexed: t becomes t[k]. */
export function luaK_indexed(fs: FuncState, t: expdesc, k: expdesc): void {
  if (k.k === VKSTR) str2K(fs, k);
  if (t.k === VUPVAL && !isKstr(fs, k)) luaK_exp2anyreg(fs, t);
  if (t.k === VUPVAL) {
    t.ind_t = t.info;
    t.ind_idx = k.info;
    t.k = VINDEXUP;
  } else {
    t.ind_t = t.k === VLOCAL ? t.var_ridx : t.info;
    if (isKstr(fs, k)) {
      t.ind_idx = k.info;
      t.k = VINDEXSTR;
    } else if (isCint(k)) {
      t.ind_idx = Number(k.ival);
      t.k = VINDEXI;
    } else {
      t.ind_idx = luaK_exp2anyreg(fs, k);
      t.k = VINDEXED;
    }
  }
}

// #region constfolding
/** lcode.c: constfolding: fold e1 op e2 into e1 when both are numerals and folding is safe. */
function constfolding(op: number, e1: expdesc, e2: expdesc): boolean {
  const v1 = tonumeral(e1);
  const v2 = tonumeral(e2);
  if (v1 === null || v2 === null) return false;
  const res = constfold(op, v1, v2);
  if (res === null) return false;
  if (typeof res === "bigint") {
    e1.k = VKINT;
    e1.ival = res;
  } else {
    e1.k = VKFLT;
    e1.nval = res;
  }
  return true;
}
// #endregion constfolding

function codeunexpval(fs: FuncState, op: number, e: expdesc, line: number): void {
  const r = luaK_exp2anyreg(fs, e);
  freeexp(fs, e);
  e.info = luaK_codeABC(fs, op, 0, r, 0);
  e.k = VRELOC;
  luaK_fixline(fs, line);
}

// #region finishbinexpval
function finishbinexpval(fs: FuncState, e1: expdesc, e2: expdesc, op: number, v2: number, flip: number,
  line: number, mmop: number, event: number): void {
  const v1 = luaK_exp2anyreg(fs, e1);
  const pc = luaK_codeABCk(fs, op, 0, v1, v2, 0);
  freeexps(fs, e1, e2);
  e1.info = pc;
  e1.k = VRELOC;
  luaK_fixline(fs, line);
  luaK_codeABCk(fs, mmop, v1, v2, event, flip);
  luaK_fixline(fs, line);
}
// #endregion finishbinexpval

function codebinexpval(fs: FuncState, op: number, e1: expdesc, e2: expdesc, line: number): void {
  const v2 = luaK_exp2anyreg(fs, e2);
  finishbinexpval(fs, e1, e2, op, v2, 0, line, OP_MMBIN, op - OP_ADD + TM_ADD);
}

function codebini(fs: FuncState, op: number, e1: expdesc, e2: expdesc, flip: number, line: number,
  event: number): void {
  const v2 = int2sC(Number(e2.ival));
  finishbinexpval(fs, e1, e2, op, v2, flip, line, OP_MMBINI, event);
}

function finishbinexpneg(fs: FuncState, e1: expdesc, e2: expdesc, op: number, line: number,
  event: number): boolean {
  if (!luaK_isKint(e2)) return false;
  const i2 = e2.ival;
  if (!(fitsC(i2) && fitsC(-i2))) return false;
  const v2 = Number(i2);
  finishbinexpval(fs, e1, e2, op, int2sC(-v2), 0, line, OP_MMBINI, event);
  fs.f.code[fs.pc - 1] = SETARG_B(fs.f.code[fs.pc - 1]!, int2sC(v2));
  return true;
}

/** swapexps' temporary (a local struct in C): made once, on first use (lparser.ts loads after this file). */
let swaptemp: expdesc | null = null;

function swapexps(e1: expdesc, e2: expdesc): void {
  const temp = (swaptemp ??= new expdesc());
  temp.copyFrom(e1);
  e1.copyFrom(e2);
  e2.copyFrom(temp);
}

// #region codearith
function codearith(fs: FuncState, opr: number, e1: expdesc, e2: expdesc, flip: number, line: number): void {
  const event = opr + TM_ADD;
  if (tonumeral(e2) !== null && luaK_exp2K(fs, e2)) {
    const v2 = e2.info;
    finishbinexpval(fs, e1, e2, opr + OP_ADDK, v2, flip, line, OP_MMBINK, event);
  } else {
    if (flip) swapexps(e1, e2);
    codebinexpval(fs, opr + OP_ADD, e1, e2, line);
  }
}
// #endregion codearith

function codecommutative(fs: FuncState, op: number, e1: expdesc, e2: expdesc, line: number): void {
  let flip = 0;
  if (tonumeral(e1) !== null) {
    swapexps(e1, e2);
    flip = 1;
  }
  if (op === OPR_ADD && isSCint(e2)) codebini(fs, OP_ADDI, e1, e2, flip, line, TM_ADD);
  else codearith(fs, op, e1, e2, flip, line);
}

function codebitwise(fs: FuncState, opr: number, e1: expdesc, e2: expdesc, line: number): void {
  let flip = 0;
  if (e1.k === VKINT && luaK_exp2RK(fs, e1)) {
    swapexps(e1, e2);
    flip = 1;
  } else if (!(e2.k === VKINT && luaK_exp2RK(fs, e2))) {
    codebinexpval(fs, opr + OP_ADD, e1, e2, line);
    return;
  }
  const v2 = e2.info;
  finishbinexpval(fs, e1, e2, opr + OP_ADDK, v2, flip, line, OP_MMBINK, opr + TM_ADD);
}

function codeorder(fs: FuncState, op: number, e1: expdesc, e2: expdesc): void {
  let r1: number;
  let r2: number;
  const sc = { im: 0, isfloat: 0 };
  if (isSCnumber(e2, sc)) {
    r1 = luaK_exp2anyreg(fs, e1);
    r2 = sc.im;
    op = op - OP_LT + OP_LTI;
  } else if (isSCnumber(e1, sc)) {
    r1 = luaK_exp2anyreg(fs, e2);
    r2 = sc.im;
    op = op === OP_LT ? OP_GTI : OP_GEI;
  } else {
    r1 = luaK_exp2anyreg(fs, e1);
    r2 = luaK_exp2anyreg(fs, e2);
  }
  freeexps(fs, e1, e2);
  e1.info = condjump(fs, op, r1, r2, sc.isfloat, 1);
  e1.k = VJMP;
}

function codeeq(fs: FuncState, opr: number, e1: expdesc, e2: expdesc): void {
  let r2: number;
  let op: number;
  if (e1.k !== VNONRELOC) swapexps(e1, e2);
  const r1 = luaK_exp2anyreg(fs, e1);
  const sc = { im: 0, isfloat: 0 };
  if (isSCnumber(e2, sc)) {
    op = OP_EQI;
    r2 = sc.im;
  } else if (luaK_exp2RK(fs, e2)) {
    op = OP_EQK;
    r2 = e2.info;
  } else {
    op = OP_EQ;
    r2 = luaK_exp2anyreg(fs, e2);
  }
  freeexps(fs, e1, e2);
  e1.info = condjump(fs, op, r1, r2, sc.isfloat, opr === OPR_EQ ? 1 : 0);
  e1.k = VJMP;
}

/** lcode.c: luaK_prefix. */
export function luaK_prefix(fs: FuncState, op: number, e: expdesc, line: number): void {
  const ef = new expdesc();
  ef.k = VKINT;
  ef.ival = 0n;
  luaK_dischargevars(fs, e);
  switch (op) {
    case OPR_MINUS:
    case OPR_BNOT:
      if (constfolding(op + LUA_OPUNM, e, ef)) break;
      codeunexpval(fs, op + OP_UNM, e, line);
      break;
    case OPR_LEN:
      codeunexpval(fs, op + OP_UNM, e, line);
      break;
    case OPR_NOT:
      codenot(fs, e);
      break;
  }
}

/** lcode.c: luaK_infix: process the first operand before reading the second. */
export function luaK_infix(fs: FuncState, op: number, v: expdesc): void {
  luaK_dischargevars(fs, v);
  switch (op) {
    case OPR_AND:
      luaK_goiftrue(fs, v);
      break;
    case OPR_OR:
      luaK_goiffalse(fs, v);
      break;
    case OPR_CONCAT:
      luaK_exp2nextreg(fs, v);
      break;
    case OPR_EQ:
    case OPR_NE:
      if (tonumeral(v) === null) luaK_exp2RK(fs, v);
      break;
    case OPR_LT:
    case OPR_LE:
    case OPR_GT:
    case OPR_GE:
      if (!isSCnumber(v, { im: 0, isfloat: 0 })) luaK_exp2anyreg(fs, v);
      break;
    default: // arithmetic and bitwise
      if (tonumeral(v) === null) luaK_exp2anyreg(fs, v);
  }
}

function codeconcat(fs: FuncState, e1: expdesc, e2: expdesc, line: number): void {
  const ie2 = previousinstruction(fs);
  if (GET_OPCODE(ie2) === OP_CONCAT) {
    const n = GETARG_B(ie2);
    freeexp(fs, e2);
    fs.f.code[fs.pc - 1] = SETARG_B(SETARG_A(ie2, e1.info), n + 1);
  } else {
    luaK_codeABC(fs, OP_CONCAT, e1.info, 2, 0);
    freeexp(fs, e2);
    luaK_fixline(fs, line);
  }
}

/** lcode.c: luaK_posfix: finish a binary operation after reading the second operand. */
export function luaK_posfix(fs: FuncState, opr: number, e1: expdesc, e2: expdesc, line: number): void {
  luaK_dischargevars(fs, e2);
  if (opr <= OPR_SHR && constfolding(opr + LUA_OPADD, e1, e2)) return;
  switch (opr) {
    case OPR_AND:
      e2.f = luaK_concat(fs, e2.f, e1.f);
      e1.copyFrom(e2);
      break;
    case OPR_OR:
      e2.t = luaK_concat(fs, e2.t, e1.t);
      e1.copyFrom(e2);
      break;
    case OPR_CONCAT:
      luaK_exp2nextreg(fs, e2);
      codeconcat(fs, e1, e2, line);
      break;
    case OPR_ADD:
    case OPR_MUL:
      codecommutative(fs, opr, e1, e2, line);
      break;
    case OPR_SUB:
      if (finishbinexpneg(fs, e1, e2, OP_ADDI, line, opr + TM_ADD)) break;
      codearith(fs, opr, e1, e2, 0, line);
      break;
    case OPR_DIV:
    case OPR_IDIV:
    case OPR_MOD:
    case OPR_POW:
      codearith(fs, opr, e1, e2, 0, line);
      break;
    case OPR_BAND:
    case OPR_BOR:
    case OPR_BXOR:
      codebitwise(fs, opr, e1, e2, line);
      break;
    case OPR_SHL:
      if (isSCint(e1)) {
        swapexps(e1, e2);
        codebini(fs, OP_SHLI, e1, e2, 1, line, TM_SHL);
      } else if (finishbinexpneg(fs, e1, e2, OP_SHRI, line, TM_SHL)) {
        // coded as (r1 >> -I)
      } else codebinexpval(fs, OP_SHL, e1, e2, line);
      break;
    case OPR_SHR:
      if (isSCint(e2)) codebini(fs, OP_SHRI, e1, e2, 0, line, TM_SHR);
      else codebinexpval(fs, OP_SHR, e1, e2, line);
      break;
    case OPR_EQ:
    case OPR_NE:
      codeeq(fs, opr, e1, e2);
      break;
    case OPR_LT:
    case OPR_LE:
      codeorder(fs, opr - OPR_EQ + OP_EQ, e1, e2);
      break;
    case OPR_GT:
    case OPR_GE:
      swapexps(e1, e2);
      codeorder(fs, opr - OPR_NE + OP_EQ, e1, e2);
      break;
  }
}

/** lcode.c: luaK_fixline. */
export function luaK_fixline(fs: FuncState, line: number): void {
  removelastlineinfo(fs);
  savelineinfo(fs, fs.f, line);
}

/** lobject.c: luaO_ceillog2. */
export function luaO_ceillog2(x: number): number {
  return x <= 1 ? 0 : 32 - Math.clz32(x - 1);
}

/** lcode.c: luaK_settablesize. */
export function luaK_settablesize(fs: FuncState, pc: number, ra: number, asize: number, hsize: number): void {
  const rb = hsize !== 0 ? luaO_ceillog2(hsize) + 1 : 0;
  const extra = Math.floor(asize / (MAXARG_C + 1));
  const rc = asize % (MAXARG_C + 1);
  const k = extra > 0 ? 1 : 0;
  fs.f.code[pc] = CREATE_ABCk(OP_NEWTABLE, ra, rb, rc, k);
  fs.f.code[pc + 1] = CREATE_Ax(OP_EXTRAARG, extra);
}

/** lcode.c: luaK_setlist. */
export function luaK_setlist(fs: FuncState, base: number, nelems: number, tostore: number): void {
  if (tostore === LUA_MULTRET) tostore = 0;
  if (nelems <= MAXARG_C) luaK_codeABC(fs, OP_SETLIST, base, tostore, nelems);
  else {
    const extra = Math.floor(nelems / (MAXARG_C + 1));
    nelems %= MAXARG_C + 1;
    luaK_codeABCk(fs, OP_SETLIST, base, tostore, nelems, 1);
    codeextraarg(fs, extra);
  }
  fs.freereg = base + 1;
}

function finaltarget(code: Uint32Array, i: number): number {
  for (let count = 0; count < 100; count++) {
    const pc = code[i]!;
    if (GET_OPCODE(pc) !== OP_JMP) break;
    i += GETARG_sJ(pc) + 1;
  }
  return i;
}

/** lcode.c: luaK_finish: the final peephole pass. */
export function luaK_finish(fs: FuncState): void {
  const p = fs.f;
  for (let i = 0; i < fs.pc; i++) {
    const pc = p.code[i]!;
    switch (GET_OPCODE(pc)) {
      case OP_RETURN0:
      case OP_RETURN1:
      case OP_RETURN:
      case OP_TAILCALL: {
        let ins = pc;
        const op = GET_OPCODE(pc);
        if (op === OP_RETURN0 || op === OP_RETURN1) {
          if (!(fs.needclose || p.is_vararg)) break;
          ins = SET_OPCODE(ins, OP_RETURN);
        }
        if (fs.needclose) ins = SETARG_k(ins, 1);
        if (p.is_vararg) ins = SETARG_C(ins, p.numparams + 1);
        p.code[i] = ins;
        break;
      }
      case OP_JMP: {
        const target = finaltarget(p.code, i);
        fixjump(fs, i, target);
        break;
      }
    }
  }
}
