// Lua 5.4.4 lparser.c / lparser.h: the recursive-descent parser, which drives lcode.ts as it reads.
import {
  LexState, LuaSyntaxError, TK_AND, TK_BREAK, TK_CONCAT, TK_DBCOLON, TK_DO, TK_DOTS, TK_ELSE, TK_ELSEIF,
  TK_END, TK_EOS, TK_EQ, TK_FALSE, TK_FLT, TK_FOR, TK_FUNCTION, TK_GE, TK_GOTO, TK_IDIV, TK_IF, TK_IN,
  TK_INT, TK_LE, TK_LOCAL, TK_NAME, TK_NE, TK_NIL, TK_NOT, TK_OR, TK_REPEAT, TK_RETURN, TK_SHL, TK_SHR,
  TK_STRING, TK_THEN, TK_TRUE, TK_UNTIL, TK_WHILE, luaX_lookahead, luaX_next, luaX_syntaxerror,
  luaX_token2str,
} from "./llex.ts";
import { luaM_shrinkarray, luaM_shrinkvector } from "./lmem.ts";
import { Proto, type KValue, type LocVar, type Upvaldesc } from "./lobject.ts";
import {
  LFIELDS_PER_FLUSH, MAXARG_Bx, OP_CALL, OP_CLOSE, OP_CLOSURE,
  OP_GETUPVAL, OP_MOVE, OP_NEWTABLE, OP_TAILCALL, OP_TBC, OP_VARARG,
  OP_VARARGPREP, SETARG_Bx, SETARG_C, SET_OPCODE,
} from "./lopcodes.ts";
import {
  LUA_MULTRET, NO_JUMP, OPR_ADD, OPR_AND, OPR_BAND, OPR_BNOT, OPR_BOR, OPR_BXOR, OPR_CONCAT, OPR_DIV,
  OPR_EQ, OPR_GE, OPR_GT, OPR_IDIV, OPR_LE, OPR_LEN, OPR_LT, OPR_MINUS, OPR_MOD, OPR_MUL, OPR_NE,
  OPR_NOBINOPR, OPR_NOT, OPR_NOUNOPR, OPR_OR, OPR_POW, OPR_SHL, OPR_SHR, OPR_SUB, luaK_checkstack,
  luaK_code, luaK_codeABC, luaK_codeABx, luaK_concat, luaK_dischargevars, luaK_exp2anyreg, luaK_exp2anyregup, luaK_exp2const,
  luaK_exp2nextreg, luaK_exp2RK, luaK_exp2val, luaK_finish, luaK_fixline, luaK_getlabel, luaK_goiffalse,
  luaK_goiftrue, luaK_indexed, luaK_infix, luaK_int, luaK_jump, luaK_jumpto, luaK_nil, luaK_patchlist,
  luaK_patchtohere, luaK_posfix, luaK_prefix, luaK_reserveregs, luaK_ret, luaK_self, luaK_semerror,
  luaK_setlist, luaK_setmultret, luaK_setoneret, luaK_setreturns, luaK_settablesize, luaK_storevar,
} from "./lcode.ts";
import { forbody } from "./seams.ts";

// #region expdesc
// lparser.h: expkind, the kinds of variables and expressions.
export const VVOID = 0, VNIL = 1, VTRUE = 2, VFALSE = 3, VK = 4, VKFLT = 5, VKINT = 6, VKSTR = 7;
export const VNONRELOC = 8, VLOCAL = 9, VUPVAL = 10, VCONST = 11, VINDEXED = 12, VINDEXUP = 13;
export const VINDEXI = 14, VINDEXSTR = 15, VJMP = 16, VRELOC = 17, VCALL = 18, VVARARG = 19;

/** lparser.h: expdesc, a possibly-delayed expression: its kind, the fields its kind uses, and the patch
 * lists of jumps taken when it is true (t) or false (f). C's union becomes separate fields. */
export class expdesc {
  k = VVOID;
  /** Generic use: register, pc or constant index, by kind. */
  info = 0;
  ival = 0n;
  nval = 0;
  strval = "";
  /** VINDEXED and friends: table register or upvalue, and key (register, constant index or integer). */
  ind_t = 0;
  ind_idx = 0;
  /** VLOCAL: register and compiler index of the variable. */
  var_ridx = 0;
  var_vidx = 0;
  t = NO_JUMP;
  f = NO_JUMP;

  copyFrom(o: expdesc): void {
    this.k = o.k;
    this.info = o.info;
    this.ival = o.ival;
    this.nval = o.nval;
    this.strval = o.strval;
    this.ind_t = o.ind_t;
    this.ind_idx = o.ind_idx;
    this.var_ridx = o.var_ridx;
    this.var_vidx = o.var_vidx;
    this.t = o.t;
    this.f = o.f;
  }

  clone(): expdesc {
    const e = new expdesc();
    e.copyFrom(this);
    return e;
  }
}
// #endregion expdesc

/** The key of singlevar and fieldsel, a local expdesc in C. One object serves every call: between
 * making the key and luaK_indexed consuming it only the lexer runs, which cannot come back here. It is
 * made on first use: expdesc's fields need lcode.ts, which may load after this file. */
let indexkey: expdesc | null = null;

function vkisvar(k: number): boolean {
  return VLOCAL <= k && k <= VINDEXSTR;
}
function vkisindexed(k: number): boolean {
  return VINDEXED <= k && k <= VINDEXSTR;
}
function hasmultret(k: number): boolean {
  return k === VCALL || k === VVARARG;
}

// lparser.h: kinds of variables
export const VDKREG = 0, RDKCONST = 1, RDKTOCLOSE = 2, RDKCTC = 3;

/** lparser.h: Vardesc, an active local variable. */
export interface Vardesc {
  kind: number;
  ridx: number;
  pidx: number;
  name: string;
  /** The value of a compile-time constant. */
  k: KValue | null;
}

/** lparser.h: Labeldesc, a pending goto or an active label. */
interface Labeldesc {
  name: string;
  pc: number;
  line: number;
  nactvar: number;
  close: number;
}

/** lparser.h: Dyndata, the parser's dynamic structures. */
export interface Dyndata {
  /** Active local variables: the first nactvar entries of arr (entries above stay readable, as in C). */
  actvar: Vardesc[];
  nactvar: number;
  gt: Labeldesc[];
  label: Labeldesc[];
}

/** lparser.c: BlockCnt. */
interface BlockCnt {
  previous: BlockCnt | null;
  firstlabel: number;
  firstgoto: number;
  nactvar: number;
  upval: boolean;
  isloop: boolean;
  insidetbc: boolean;
}

/** lparser.h: FuncState, the state of the function being compiled. */
export class FuncState {
  f: Proto;
  prev: FuncState | null = null;
  ls: LexState;
  bl: BlockCnt | null = null;
  pc = 0;
  lasttarget = 0;
  previousline = 0;
  nk = 0;
  np = 0;
  nabslineinfo = 0;
  firstlocal = 0;
  firstlabel = 0;
  ndebugvars = 0;
  nactvar = 0;
  nups = 0;
  freereg = 0;
  iwthabs = 0;
  needclose = false;
  /** The constants of f.k as JS values (strings as binary strings), for addk's comparisons. */
  kprim: (string | number | bigint | boolean | null)[] = [];
  /** Upvalue names as strings, for searchupvalue. */
  upnames: string[] = [];
  constructor(f: Proto, ls: LexState) {
    this.f = f;
    this.ls = ls;
  }
}


const MAXVARS = 200;
const MAXUPVAL = 255;
const LUAI_MAXCCALLS = 200;
const MAX_INT = 2147483647;

type PLexState = LexState;

function fsOf(ls: PLexState): FuncState {
  return ls.fs!;
}

function error_expected(ls: PLexState, token: number): never {
  luaX_syntaxerror(ls, `${luaX_token2str(token)} expected`);
}

function errorlimit(fs: FuncState, limit: number, what: string): never {
  const line = fs.f.linedefined;
  const where = line === 0 ? "main function" : `function at line ${line}`;
  luaX_syntaxerror(fs.ls, `too many ${what} (limit is ${limit}) in ${where}`);
}

function checklimit(fs: FuncState, v: number, l: number, what: string): void {
  if (v > l) errorlimit(fs, l, what);
}

function testnext(ls: PLexState, c: number): boolean {
  if (ls.t.token === c) {
    luaX_next(ls);
    return true;
  }
  return false;
}

function check(ls: PLexState, c: number): void {
  if (ls.t.token !== c) error_expected(ls, c);
}

export function checknext(ls: PLexState, c: number): void {
  check(ls, c);
  luaX_next(ls);
}

function check_condition(ls: PLexState, c: boolean, msg: string): void {
  if (!c) luaX_syntaxerror(ls, msg);
}

function check_match(ls: PLexState, what: number, who: number, where: number): void {
  if (!testnext(ls, what)) {
    if (where === ls.linenumber) error_expected(ls, what);
    luaX_syntaxerror(ls, `${luaX_token2str(what)} expected (to close ${luaX_token2str(who)} at line ${where})`);
  }
}

function str_checkname(ls: PLexState): string {
  check(ls, TK_NAME);
  const ts = ls.t.ts;
  luaX_next(ls);
  return ts;
}

function init_exp(e: expdesc, k: number, i: number): void {
  e.f = e.t = NO_JUMP;
  e.k = k;
  e.info = i;
}

function codestring(e: expdesc, s: string): void {
  e.f = e.t = NO_JUMP;
  e.k = VKSTR;
  e.strval = s;
}

function codename(ls: PLexState, e: expdesc): void {
  codestring(e, str_checkname(ls));
}

function registerlocalvar(fs: FuncState, varname: string): number {
  const lv: LocVar = { varname: fs.ls.bytes(varname), startpc: fs.pc, endpc: 0 };
  fs.f.locvars[fs.ndebugvars] = lv;
  return fs.ndebugvars++;
}

function new_localvar(ls: PLexState, name: string): number {
  const fs = fsOf(ls);
  const dyd = ls.dyd;
  checklimit(fs, dyd.nactvar + 1 - fs.firstlocal, MAXVARS, "local variables");
  // C writes into the vector's next slot: a Vardesc left there by a removed variable is used again
  const vd = dyd.actvar[dyd.nactvar];
  if (vd === undefined) dyd.actvar[dyd.nactvar] = { kind: VDKREG, ridx: 0, pidx: 0, name, k: null };
  else {
    vd.kind = VDKREG;
    vd.ridx = vd.pidx = 0;
    vd.name = name;
    vd.k = null;
  }
  return dyd.nactvar++ - fs.firstlocal;
}

function getlocalvardesc(fs: FuncState, vidx: number): Vardesc {
  return (fs.ls as PLexState).dyd.actvar[fs.firstlocal + vidx]!;
}

function reglevel(fs: FuncState, nvar: number): number {
  while (nvar-- > 0) {
    const vd = getlocalvardesc(fs, nvar);
    if (vd.kind !== RDKCTC) return vd.ridx + 1;
  }
  return 0;
}

/** lparser.c: luaY_nvarstack, the number of variables in the register stack. */
export function luaY_nvarstack(fs: FuncState): number {
  return reglevel(fs, fs.nactvar);
}

function localdebuginfo(fs: FuncState, vidx: number): LocVar | null {
  const vd = getlocalvardesc(fs, vidx);
  if (vd.kind === RDKCTC) return null;
  return fs.f.locvars[vd.pidx]!;
}

function init_var(fs: FuncState, e: expdesc, vidx: number): void {
  e.f = e.t = NO_JUMP;
  e.k = VLOCAL;
  e.var_vidx = vidx;
  e.var_ridx = getlocalvardesc(fs, vidx).ridx;
}

function check_readonly(ls: PLexState, e: expdesc): void {
  const fs = fsOf(ls);
  let varname: string | null = null;
  switch (e.k) {
    case VCONST:
      varname = ls.dyd.actvar[e.info]!.name;
      break;
    case VLOCAL: {
      const vardesc = getlocalvardesc(fs, e.var_vidx);
      if (vardesc.kind !== VDKREG) varname = vardesc.name;
      break;
    }
    case VUPVAL: {
      const up = fs.f.upvalues[e.info]!;
      if (up.kind !== VDKREG) varname = fs.upnames[e.info]!;
      break;
    }
    default:
      return;
  }
  if (varname !== null) luaK_semerror(ls, `attempt to assign to const variable '${varname}'`);
}

export function adjustlocalvars(ls: PLexState, nvars: number): void {
  const fs = fsOf(ls);
  let rl = luaY_nvarstack(fs);
  for (let i = 0; i < nvars; i++) {
    const vidx = fs.nactvar++;
    const v = getlocalvardesc(fs, vidx);
    v.ridx = rl++;
    v.pidx = registerlocalvar(fs, v.name);
  }
}

function removevars(fs: FuncState, tolevel: number): void {
  const dyd = (fs.ls as PLexState).dyd;
  dyd.nactvar -= fs.nactvar - tolevel;
  while (fs.nactvar > tolevel) {
    const v = localdebuginfo(fs, --fs.nactvar);
    if (v) v.endpc = fs.pc;
  }
}

// #region upvalues
function searchupvalue(fs: FuncState, name: string): number {
  for (let i = 0; i < fs.nups; i++) if (fs.upnames[i] === name) return i;
  return -1;
}

function allocupvalue(fs: FuncState, name: string): Upvaldesc {
  checklimit(fs, fs.nups + 1, MAXUPVAL, "upvalues");
  const up: Upvaldesc = { name: fs.ls.bytes(name), instack: false, idx: 0, kind: 0 };
  fs.upnames[fs.nups] = name;
  fs.f.upvalues[fs.nups++] = up;
  return up;
}

function newupvalue(fs: FuncState, name: string, v: expdesc): number {
  const up = allocupvalue(fs, name);
  const prev = fs.prev!;
  if (v.k === VLOCAL) {
    up.instack = true;
    up.idx = v.var_ridx;
    up.kind = getlocalvardesc(prev, v.var_vidx).kind;
  } else {
    up.instack = false;
    up.idx = v.info;
    up.kind = prev.f.upvalues[v.info]!.kind;
  }
  return fs.nups - 1;
}

function searchvar(fs: FuncState, n: string, v: expdesc): number {
  for (let i = fs.nactvar - 1; i >= 0; i--) {
    const vd = getlocalvardesc(fs, i);
    if (n === vd.name) {
      if (vd.kind === RDKCTC) init_exp(v, VCONST, fs.firstlocal + i);
      else init_var(fs, v, i);
      return v.k;
    }
  }
  return -1;
}

function markupval(fs: FuncState, level: number): void {
  let bl = fs.bl!;
  while (bl.nactvar > level) bl = bl.previous!;
  bl.upval = true;
  fs.needclose = true;
}

function marktobeclosed(fs: FuncState): void {
  const bl = fs.bl!;
  bl.upval = true;
  bl.insidetbc = true;
  fs.needclose = true;
}

function singlevaraux(fs: FuncState | null, n: string, v: expdesc, base: boolean): void {
  if (fs === null) init_exp(v, VVOID, 0);
  else {
    const r = searchvar(fs, n, v);
    if (r >= 0) {
      if (r === VLOCAL && !base) markupval(fs, v.var_vidx);
    } else {
      let idx = searchupvalue(fs, n);
      if (idx < 0) {
        singlevaraux(fs.prev, n, v, false);
        if (v.k === VLOCAL || v.k === VUPVAL) idx = newupvalue(fs, n, v);
        else return;
      }
      init_exp(v, VUPVAL, idx);
    }
  }
}
// #endregion upvalues

function singlevar(ls: PLexState, v: expdesc): void {
  const varname = str_checkname(ls);
  const fs = fsOf(ls);
  singlevaraux(fs, varname, v, true);
  if (v.k === VVOID) {
    const key = (indexkey ??= new expdesc());
    singlevaraux(fs, ls.envn, v, true);
    codestring(key, varname);
    luaK_indexed(fs, v, key);
  }
}

function adjust_assign(ls: PLexState, nvars: number, nexps: number, e: expdesc): void {
  const fs = fsOf(ls);
  const needed = nvars - nexps;
  if (hasmultret(e.k)) {
    let extra = needed + 1;
    if (extra < 0) extra = 0;
    luaK_setreturns(fs, e, extra);
  } else {
    if (e.k !== VVOID) luaK_exp2nextreg(fs, e);
    if (needed > 0) luaK_nil(fs, fs.freereg, needed);
  }
  if (needed > 0) luaK_reserveregs(fs, needed);
  else fs.freereg += needed;
}

function enterlevel(ls: PLexState): void {
  if (++ls.nCcalls >= LUAI_MAXCCALLS) throw new LuaSyntaxError("C stack overflow");
}

function leavelevel(ls: PLexState): void {
  ls.nCcalls--;
}

function jumpscopeerror(ls: PLexState, gt: Labeldesc): never {
  const varname = getlocalvardesc(fsOf(ls), gt.nactvar).name;
  luaK_semerror(ls, `<goto ${gt.name}> at line ${gt.line} jumps into the scope of local '${varname}'`);
}

function solvegoto(ls: PLexState, g: number, label: Labeldesc): void {
  const gl = ls.dyd.gt;
  const gt = gl[g]!;
  if (gt.nactvar < label.nactvar) jumpscopeerror(ls, gt);
  luaK_patchlist(fsOf(ls), gt.pc, label.pc);
  gl.splice(g, 1);
}

function findlabel(ls: PLexState, name: string): Labeldesc | null {
  const dyd = ls.dyd;
  for (let i = fsOf(ls).firstlabel; i < dyd.label.length; i++) {
    const lb = dyd.label[i]!;
    if (lb.name === name) return lb;
  }
  return null;
}

function newlabelentry(ls: PLexState, l: Labeldesc[], name: string, line: number, pc: number): number {
  l.push({ name, line, nactvar: fsOf(ls).nactvar, close: 0, pc });
  return l.length - 1;
}

function newgotoentry(ls: PLexState, name: string, line: number, pc: number): number {
  return newlabelentry(ls, ls.dyd.gt, name, line, pc);
}

function solvegotos(ls: PLexState, lb: Labeldesc): boolean {
  const gl = ls.dyd.gt;
  let i = fsOf(ls).bl!.firstgoto;
  let needsclose = 0;
  while (i < gl.length) {
    if (gl[i]!.name === lb.name) {
      needsclose |= gl[i]!.close;
      solvegoto(ls, i, lb);
    } else i++;
  }
  return needsclose !== 0;
}

function createlabel(ls: PLexState, name: string, line: number, last: boolean): boolean {
  const fs = fsOf(ls);
  const ll = ls.dyd.label;
  const l = newlabelentry(ls, ll, name, line, luaK_getlabel(fs));
  if (last) ll[l]!.nactvar = fs.bl!.nactvar;
  if (solvegotos(ls, ll[l]!)) {
    luaK_codeABC(fs, OP_CLOSE, luaY_nvarstack(fs), 0, 0);
    return true;
  }
  return false;
}

function movegotosout(fs: FuncState, bl: BlockCnt): void {
  const gl = (fs.ls as PLexState).dyd.gt;
  for (let i = bl.firstgoto; i < gl.length; i++) {
    const gt = gl[i]!;
    if (reglevel(fs, gt.nactvar) > reglevel(fs, bl.nactvar)) gt.close |= bl.upval ? 1 : 0;
    gt.nactvar = bl.nactvar;
  }
}

export function enterblock(fs: FuncState, isloop: boolean): BlockCnt {
  const dyd = (fs.ls as PLexState).dyd;
  const bl: BlockCnt = {
    isloop,
    nactvar: fs.nactvar,
    firstlabel: dyd.label.length,
    firstgoto: dyd.gt.length,
    upval: false,
    insidetbc: fs.bl !== null && fs.bl.insidetbc,
    previous: fs.bl,
  };
  fs.bl = bl;
  return bl;
}

function undefgoto(ls: PLexState, gt: Labeldesc): never {
  if (gt.name === "break") luaK_semerror(ls, `break outside loop at line ${gt.line}`);
  luaK_semerror(ls, `no visible label '${gt.name}' for <goto> at line ${gt.line}`);
}

export function leaveblock(fs: FuncState): void {
  const bl = fs.bl!;
  const ls = fs.ls as PLexState;
  let hasclose = false;
  const stklevel = reglevel(fs, bl.nactvar);
  if (bl.isloop) hasclose = createlabel(ls, "break", 0, false);
  if (!hasclose && bl.previous && bl.upval) luaK_codeABC(fs, OP_CLOSE, stklevel, 0, 0);
  fs.bl = bl.previous;
  removevars(fs, bl.nactvar);
  fs.freereg = stklevel;
  if (ls.dyd.label.length !== bl.firstlabel) ls.dyd.label.length = bl.firstlabel;
  if (bl.previous) movegotosout(fs, bl);
  else if (bl.firstgoto < ls.dyd.gt.length) undefgoto(ls, ls.dyd.gt[bl.firstgoto]!);
}

function addprototype(ls: PLexState): Proto {
  const fs = fsOf(ls);
  const f = fs.f;
  if (fs.np >= MAXARG_Bx) errorlimit(fs, MAXARG_Bx, "functions");
  const clp = new Proto();
  f.p[fs.np++] = clp;
  return clp;
}

function codeclosure(ls: PLexState, v: expdesc): void {
  const fs = fsOf(ls).prev!;
  init_exp(v, VRELOC, luaK_codeABx(fs, OP_CLOSURE, 0, fs.np - 1));
  luaK_exp2nextreg(fs, v);
}

function open_func(ls: PLexState, fs: FuncState): void {
  const f = fs.f;
  fs.prev = ls.fs;
  fs.ls = ls;
  ls.fs = fs;
  fs.previousline = f.linedefined;
  fs.firstlocal = ls.dyd.nactvar;
  fs.firstlabel = ls.dyd.label.length;
  f.source = ls.sourceBytes;
  f.maxstacksize = 2;
  f.code = ls.freecode.pop() ?? f.code;
  f.lineinfo = ls.freelineinfo.pop() ?? f.lineinfo;
  enterblock(fs, false);
}

function close_func(ls: PLexState): void {
  const fs = fsOf(ls);
  const f = fs.f;
  luaK_ret(fs, luaY_nvarstack(fs), 0);
  leaveblock(fs);
  luaK_finish(fs);
  ls.freecode.push(f.code);
  f.code = luaM_shrinkvector(f.code, fs.pc);
  ls.freelineinfo.push(f.lineinfo);
  f.lineinfo = luaM_shrinkvector(f.lineinfo, fs.pc);
  luaM_shrinkarray(f.abslineinfo, fs.nabslineinfo);
  luaM_shrinkarray(f.k, fs.nk);
  luaM_shrinkarray(f.p, fs.np);
  luaM_shrinkarray(f.locvars, fs.ndebugvars);
  luaM_shrinkarray(f.upvalues, fs.nups);
  ls.fs = fs.prev;
}

function block_follow(ls: PLexState, withuntil: boolean): boolean {
  switch (ls.t.token) {
    case TK_ELSE:
    case TK_ELSEIF:
    case TK_END:
    case TK_EOS:
      return true;
    case TK_UNTIL:
      return withuntil;
    default:
      return false;
  }
}

function statlist(ls: PLexState): void {
  while (!block_follow(ls, true)) {
    if (ls.t.token === TK_RETURN) {
      statement(ls);
      return;
    }
    statement(ls);
  }
}

function fieldsel(ls: PLexState, v: expdesc): void {
  const fs = fsOf(ls);
  const key = (indexkey ??= new expdesc());
  luaK_exp2anyregup(fs, v);
  luaX_next(ls);
  codename(ls, key);
  luaK_indexed(fs, v, key);
}

function yindex(ls: PLexState, v: expdesc): void {
  luaX_next(ls);
  expr(ls, v);
  luaK_exp2val(fsOf(ls), v);
  checknext(ls, 93);
}

/** lparser.c: ConsControl. */
interface ConsControl {
  v: expdesc;
  t: expdesc;
  nh: number;
  na: number;
  tostore: number;
}

function recfield(ls: PLexState, cc: ConsControl): void {
  const fs = fsOf(ls);
  const reg = fs.freereg;
  const key = new expdesc();
  const val = new expdesc();
  if (ls.t.token === TK_NAME) {
    checklimit(fs, cc.nh, MAX_INT, "items in a constructor");
    codename(ls, key);
  } else yindex(ls, key);
  cc.nh++;
  checknext(ls, 61);
  const tab = cc.t.clone();
  luaK_indexed(fs, tab, key);
  expr(ls, val);
  luaK_storevar(fs, tab, val);
  fs.freereg = reg;
}

function closelistfield(fs: FuncState, cc: ConsControl): void {
  if (cc.v.k === VVOID) return;
  luaK_exp2nextreg(fs, cc.v);
  cc.v.k = VVOID;
  if (cc.tostore === LFIELDS_PER_FLUSH) {
    luaK_setlist(fs, cc.t.info, cc.na, cc.tostore);
    cc.na += cc.tostore;
    cc.tostore = 0;
  }
}

function lastlistfield(fs: FuncState, cc: ConsControl): void {
  if (cc.tostore === 0) return;
  if (hasmultret(cc.v.k)) {
    luaK_setmultret(fs, cc.v);
    luaK_setlist(fs, cc.t.info, cc.na, LUA_MULTRET);
    cc.na--;
  } else {
    if (cc.v.k !== VVOID) luaK_exp2nextreg(fs, cc.v);
    luaK_setlist(fs, cc.t.info, cc.na, cc.tostore);
  }
  cc.na += cc.tostore;
}

function listfield(ls: PLexState, cc: ConsControl): void {
  expr(ls, cc.v);
  cc.tostore++;
}

function field(ls: PLexState, cc: ConsControl): void {
  switch (ls.t.token) {
    case TK_NAME:
      if (luaX_lookahead(ls) !== 61) listfield(ls, cc);
      else recfield(ls, cc);
      break;
    case 91:
      recfield(ls, cc);
      break;
    default:
      listfield(ls, cc);
  }
}

function constructor(ls: PLexState, t: expdesc): void {
  const fs = fsOf(ls);
  const line = ls.linenumber;
  const pc = luaK_codeABC(fs, OP_NEWTABLE, 0, 0, 0);
  luaK_code(fs, 0);
  const cc: ConsControl = { v: new expdesc(), t, nh: 0, na: 0, tostore: 0 };
  init_exp(t, VNONRELOC, fs.freereg);
  luaK_reserveregs(fs, 1);
  init_exp(cc.v, VVOID, 0);
  checknext(ls, 123);
  do {
    if (ls.t.token === 125) break;
    closelistfield(fs, cc);
    field(ls, cc);
  } while (testnext(ls, 44) || testnext(ls, 59));
  check_match(ls, 125, 123, line);
  lastlistfield(fs, cc);
  luaK_settablesize(fs, pc, t.info, cc.na, cc.nh);
}

function setvararg(fs: FuncState, nparams: number): void {
  fs.f.is_vararg = true;
  luaK_codeABC(fs, OP_VARARGPREP, nparams, 0, 0);
}

function parlist(ls: PLexState): void {
  const fs = fsOf(ls);
  const f = fs.f;
  let nparams = 0;
  let isvararg = false;
  if (ls.t.token !== 41) {
    do {
      switch (ls.t.token) {
        case TK_NAME:
          new_localvar(ls, str_checkname(ls));
          nparams++;
          break;
        case TK_DOTS:
          luaX_next(ls);
          isvararg = true;
          break;
        default:
          luaX_syntaxerror(ls, "<name> or '...' expected");
      }
    } while (!isvararg && testnext(ls, 44));
  }
  adjustlocalvars(ls, nparams);
  f.numparams = fs.nactvar;
  if (isvararg) setvararg(fs, f.numparams);
  luaK_reserveregs(fs, fs.nactvar);
}

function body(ls: PLexState, e: expdesc, ismethod: boolean, line: number): void {
  const new_fs = new FuncState(addprototype(ls), ls);
  new_fs.f.linedefined = line;
  open_func(ls, new_fs);
  checknext(ls, 40);
  if (ismethod) {
    new_localvar(ls, "self");
    adjustlocalvars(ls, 1);
  }
  parlist(ls);
  checknext(ls, 41);
  statlist(ls);
  new_fs.f.lastlinedefined = ls.linenumber;
  check_match(ls, TK_END, TK_FUNCTION, line);
  codeclosure(ls, e);
  close_func(ls);
}

function explist(ls: PLexState, v: expdesc): number {
  let n = 1;
  expr(ls, v);
  while (testnext(ls, 44)) {
    luaK_exp2nextreg(fsOf(ls), v);
    expr(ls, v);
    n++;
  }
  return n;
}

function funcargs(ls: PLexState, f: expdesc, line: number): void {
  const fs = fsOf(ls);
  const args = new expdesc();
  switch (ls.t.token) {
    case 40:
      luaX_next(ls);
      if ((ls.t.token as number) === 41) args.k = VVOID;
      else {
        explist(ls, args);
        if (hasmultret(args.k)) luaK_setmultret(fs, args);
      }
      check_match(ls, 41, 40, line);
      break;
    case 123:
      constructor(ls, args);
      break;
    case TK_STRING:
      codestring(args, ls.t.ts);
      luaX_next(ls);
      break;
    default:
      luaX_syntaxerror(ls, "function arguments expected");
  }
  const base = f.info;
  let nparams: number;
  if (hasmultret(args.k)) nparams = LUA_MULTRET;
  else {
    if (args.k !== VVOID) luaK_exp2nextreg(fs, args);
    nparams = fs.freereg - (base + 1);
  }
  init_exp(f, VCALL, luaK_codeABC(fs, OP_CALL, base, nparams + 1, 2));
  luaK_fixline(fs, line);
  fs.freereg = base + 1;
}

function primaryexp(ls: PLexState, v: expdesc): void {
  switch (ls.t.token) {
    case 40: {
      const line = ls.linenumber;
      luaX_next(ls);
      expr(ls, v);
      check_match(ls, 41, 40, line);
      luaK_dischargevars(fsOf(ls), v);
      return;
    }
    case TK_NAME:
      singlevar(ls, v);
      return;
    default:
      luaX_syntaxerror(ls, "unexpected symbol");
  }
}

function suffixedexp(ls: PLexState, v: expdesc): void {
  const fs = fsOf(ls);
  const line = ls.linenumber;
  primaryexp(ls, v);
  for (;;) {
    switch (ls.t.token) {
      case 46:
        fieldsel(ls, v);
        break;
      case 91: {
        const key = new expdesc();
        luaK_exp2anyregup(fs, v);
        yindex(ls, key);
        luaK_indexed(fs, v, key);
        break;
      }
      case 58: {
        const key = new expdesc();
        luaX_next(ls);
        codename(ls, key);
        luaK_self(fs, v, key);
        funcargs(ls, v, line);
        break;
      }
      case 40:
      case TK_STRING:
      case 123:
        luaK_exp2nextreg(fs, v);
        funcargs(ls, v, line);
        break;
      default:
        return;
    }
  }
}

function simpleexp(ls: PLexState, v: expdesc): void {
  switch (ls.t.token) {
    case TK_FLT:
      init_exp(v, VKFLT, 0);
      v.nval = ls.t.r;
      break;
    case TK_INT:
      init_exp(v, VKINT, 0);
      v.ival = ls.t.i;
      break;
    case TK_STRING:
      codestring(v, ls.t.ts);
      break;
    case TK_NIL:
      init_exp(v, VNIL, 0);
      break;
    case TK_TRUE:
      init_exp(v, VTRUE, 0);
      break;
    case TK_FALSE:
      init_exp(v, VFALSE, 0);
      break;
    case TK_DOTS: {
      const fs = fsOf(ls);
      check_condition(ls, fs.f.is_vararg, "cannot use '...' outside a vararg function");
      init_exp(v, VVARARG, luaK_codeABC(fs, OP_VARARG, 0, 0, 1));
      break;
    }
    case 123:
      constructor(ls, v);
      return;
    case TK_FUNCTION:
      luaX_next(ls);
      body(ls, v, false, ls.linenumber);
      return;
    default:
      suffixedexp(ls, v);
      return;
  }
  luaX_next(ls);
}

function getunopr(op: number): number {
  switch (op) {
    case TK_NOT:
      return OPR_NOT;
    case 45:
      return OPR_MINUS;
    case 126:
      return OPR_BNOT;
    case 35:
      return OPR_LEN;
    default:
      return OPR_NOUNOPR;
  }
}

function getbinopr(op: number): number {
  switch (op) {
    case 43: return OPR_ADD;
    case 45: return OPR_SUB;
    case 42: return OPR_MUL;
    case 37: return OPR_MOD;
    case 94: return OPR_POW;
    case 47: return OPR_DIV;
    case TK_IDIV: return OPR_IDIV;
    case 38: return OPR_BAND;
    case 124: return OPR_BOR;
    case 126: return OPR_BXOR;
    case TK_SHL: return OPR_SHL;
    case TK_SHR: return OPR_SHR;
    case TK_CONCAT: return OPR_CONCAT;
    case TK_NE: return OPR_NE;
    case TK_EQ: return OPR_EQ;
    case 60: return OPR_LT;
    case TK_LE: return OPR_LE;
    case 62: return OPR_GT;
    case TK_GE: return OPR_GE;
    case TK_AND: return OPR_AND;
    case TK_OR: return OPR_OR;
    default: return OPR_NOBINOPR;
  }
}

// #region priority
/** lparser.c: priority, the left and right priority of each binary operator (ORDER OPR). */
const priority: readonly (readonly [number, number])[] = [
  [10, 10], [10, 10], // '+' '-'
  [11, 11], [11, 11], // '*' '%'
  [14, 13], // '^' (right associative)
  [11, 11], [11, 11], // '/' '//'
  [6, 6], [4, 4], [5, 5], // '&' '|' '~'
  [7, 7], [7, 7], // '<<' '>>'
  [9, 8], // '..' (right associative)
  [3, 3], [3, 3], [3, 3], // ==, <, <=
  [3, 3], [3, 3], [3, 3], // ~=, >, >=
  [2, 2], [1, 1], // and, or
];
const UNARY_PRIORITY = 12;
// #endregion priority

// #region subexpr
function subexpr(ls: PLexState, v: expdesc, limit: number): number {
  enterlevel(ls);
  const uop = getunopr(ls.t.token);
  if (uop !== OPR_NOUNOPR) {
    const line = ls.linenumber;
    luaX_next(ls);
    subexpr(ls, v, UNARY_PRIORITY);
    luaK_prefix(fsOf(ls), uop, v, line);
  } else simpleexp(ls, v);
  let op = getbinopr(ls.t.token);
  while (op !== OPR_NOBINOPR && priority[op]![0] > limit) {
    const v2 = new expdesc();
    const line = ls.linenumber;
    luaX_next(ls);
    luaK_infix(fsOf(ls), op, v);
    const nextop = subexpr(ls, v2, priority[op]![1]);
    luaK_posfix(fsOf(ls), op, v, v2, line);
    op = nextop;
  }
  leavelevel(ls);
  return op;
}
// #endregion subexpr

function expr(ls: PLexState, v: expdesc): void {
  subexpr(ls, v, 0);
}

export function block(ls: PLexState): void {
  const fs = fsOf(ls);
  enterblock(fs, false);
  statlist(ls);
  leaveblock(fs);
}

/** lparser.c: LHS_assign, the chain of variables on the left of an assignment. */
interface LHS_assign {
  prev: LHS_assign | null;
  v: expdesc;
}

function check_conflict(ls: PLexState, lh: LHS_assign | null, v: expdesc): void {
  const fs = fsOf(ls);
  const extra = fs.freereg;
  let conflict = false;
  for (; lh; lh = lh.prev) {
    if (vkisindexed(lh.v.k)) {
      if (lh.v.k === VINDEXUP) {
        if (v.k === VUPVAL && lh.v.ind_t === v.info) {
          conflict = true;
          lh.v.k = VINDEXSTR;
          lh.v.ind_t = extra;
        }
      } else {
        if (v.k === VLOCAL && lh.v.ind_t === v.var_ridx) {
          conflict = true;
          lh.v.ind_t = extra;
        }
        if (lh.v.k === VINDEXED && v.k === VLOCAL && lh.v.ind_idx === v.var_ridx) {
          conflict = true;
          lh.v.ind_idx = extra;
        }
      }
    }
  }
  if (conflict) {
    if (v.k === VLOCAL) luaK_codeABC(fs, OP_MOVE, extra, v.var_ridx, 0);
    else luaK_codeABC(fs, OP_GETUPVAL, extra, v.info, 0);
    luaK_reserveregs(fs, 1);
  }
}

function restassign(ls: PLexState, lh: LHS_assign, nvars: number): void {
  const e = new expdesc();
  check_condition(ls, vkisvar(lh.v.k), "syntax error");
  check_readonly(ls, lh.v);
  if (testnext(ls, 44)) {
    const nv: LHS_assign = { prev: lh, v: new expdesc() };
    suffixedexp(ls, nv.v);
    if (!vkisindexed(nv.v.k)) check_conflict(ls, lh, nv.v);
    enterlevel(ls);
    restassign(ls, nv, nvars + 1);
    leavelevel(ls);
  } else {
    checknext(ls, 61);
    const nexps = explist(ls, e);
    if (nexps !== nvars) adjust_assign(ls, nvars, nexps, e);
    else {
      luaK_setoneret(fsOf(ls), e);
      luaK_storevar(fsOf(ls), lh.v, e);
      return;
    }
  }
  init_exp(e, VNONRELOC, fsOf(ls).freereg - 1);
  luaK_storevar(fsOf(ls), lh.v, e);
}

function cond(ls: PLexState): number {
  const v = new expdesc();
  expr(ls, v);
  if (v.k === VNIL) v.k = VFALSE;
  luaK_goiftrue(fsOf(ls), v);
  return v.f;
}

function gotostat(ls: PLexState): void {
  const fs = fsOf(ls);
  const line = ls.linenumber;
  const name = str_checkname(ls);
  const lb = findlabel(ls, name);
  if (lb === null) newgotoentry(ls, name, line, luaK_jump(fs));
  else {
    const lblevel = reglevel(fs, lb.nactvar);
    if (luaY_nvarstack(fs) > lblevel) luaK_codeABC(fs, OP_CLOSE, lblevel, 0, 0);
    luaK_patchlist(fs, luaK_jump(fs), lb.pc);
  }
}

function breakstat(ls: PLexState): void {
  const line = ls.linenumber;
  luaX_next(ls);
  newgotoentry(ls, "break", line, luaK_jump(fsOf(ls)));
}

function checkrepeated(ls: PLexState, name: string): void {
  const lb = findlabel(ls, name);
  if (lb !== null) luaK_semerror(ls, `label '${name}' already defined on line ${lb.line}`);
}

function labelstat(ls: PLexState, name: string, line: number): void {
  checknext(ls, TK_DBCOLON);
  while (ls.t.token === 59 || ls.t.token === TK_DBCOLON) statement(ls);
  checkrepeated(ls, name);
  createlabel(ls, name, line, block_follow(ls, false));
}

function whilestat(ls: PLexState, line: number): void {
  const fs = fsOf(ls);
  luaX_next(ls);
  const whileinit = luaK_getlabel(fs);
  const condexit = cond(ls);
  enterblock(fs, true);
  checknext(ls, TK_DO);
  block(ls);
  luaK_jumpto(fs, whileinit);
  check_match(ls, TK_END, TK_WHILE, line);
  leaveblock(fs);
  luaK_patchtohere(fs, condexit);
}

function repeatstat(ls: PLexState, line: number): void {
  const fs = fsOf(ls);
  const repeat_init = luaK_getlabel(fs);
  enterblock(fs, true);
  const bl2 = enterblock(fs, false);
  luaX_next(ls);
  statlist(ls);
  check_match(ls, TK_UNTIL, TK_REPEAT, line);
  let condexit = cond(ls);
  leaveblock(fs);
  if (bl2.upval) {
    const exit = luaK_jump(fs);
    luaK_patchtohere(fs, condexit);
    luaK_codeABC(fs, OP_CLOSE, reglevel(fs, bl2.nactvar), 0, 0);
    condexit = luaK_jump(fs);
    luaK_patchtohere(fs, exit);
  }
  luaK_patchlist(fs, condexit, repeat_init);
  leaveblock(fs);
}

function exp1(ls: PLexState): void {
  const e = new expdesc();
  expr(ls, e);
  luaK_exp2nextreg(fsOf(ls), e);
}

/** lparser.c: fixforjump. */
export function fixforjump(fs: FuncState, pc: number, dest: number, back: boolean): void {
  let offset = dest - (pc + 1);
  if (back) offset = -offset;
  if (offset > MAXARG_Bx) luaX_syntaxerror(fs.ls, "control structure too long");
  fs.f.code[pc] = SETARG_Bx(fs.f.code[pc]!, offset);
}

// forbody is exercise 03-lua-opcodes/forloop (src/lua/seams.ts).

// #region fornum
function fornum(ls: PLexState, varname: string, line: number): void {
  const fs = fsOf(ls);
  const base = fs.freereg;
  new_localvar(ls, "(for state)");
  new_localvar(ls, "(for state)");
  new_localvar(ls, "(for state)");
  new_localvar(ls, varname);
  checknext(ls, 61);
  exp1(ls);
  checknext(ls, 44);
  exp1(ls);
  if (testnext(ls, 44)) exp1(ls);
  else {
    luaK_int(fs, fs.freereg, 1n);
    luaK_reserveregs(fs, 1);
  }
  adjustlocalvars(ls, 3);
  forbody(ls, base, line, 1, false);
}
// #endregion fornum

function forlist(ls: PLexState, indexname: string): void {
  const fs = fsOf(ls);
  const e = new expdesc();
  let nvars = 5;
  const base = fs.freereg;
  new_localvar(ls, "(for state)");
  new_localvar(ls, "(for state)");
  new_localvar(ls, "(for state)");
  new_localvar(ls, "(for state)");
  new_localvar(ls, indexname);
  while (testnext(ls, 44)) {
    new_localvar(ls, str_checkname(ls));
    nvars++;
  }
  checknext(ls, TK_IN);
  const line = ls.linenumber;
  adjust_assign(ls, 4, explist(ls, e), e);
  adjustlocalvars(ls, 4);
  marktobeclosed(fs);
  luaK_checkstack(fs, 3);
  forbody(ls, base, line, nvars - 4, true);
}

function forstat(ls: PLexState, line: number): void {
  const fs = fsOf(ls);
  enterblock(fs, true);
  luaX_next(ls);
  const varname = str_checkname(ls);
  switch (ls.t.token) {
    case 61:
      fornum(ls, varname, line);
      break;
    case 44:
    case TK_IN:
      forlist(ls, varname);
      break;
    default:
      luaX_syntaxerror(ls, "'=' or 'in' expected");
  }
  check_match(ls, TK_END, TK_FOR, line);
  leaveblock(fs);
}

function test_then_block(ls: PLexState, escapelist: number): number {
  const fs = fsOf(ls);
  const v = new expdesc();
  let jf: number;
  luaX_next(ls);
  expr(ls, v);
  checknext(ls, TK_THEN);
  if (ls.t.token === TK_BREAK) {
    const line = ls.linenumber;
    luaK_goiffalse(fs, v);
    luaX_next(ls);
    enterblock(fs, false);
    newgotoentry(ls, "break", line, v.t);
    while (testnext(ls, 59)) {
      // skip semicolons
    }
    if (block_follow(ls, false)) {
      leaveblock(fs);
      return escapelist;
    }
    jf = luaK_jump(fs);
  } else {
    luaK_goiftrue(fs, v);
    enterblock(fs, false);
    jf = v.f;
  }
  statlist(ls);
  leaveblock(fs);
  if (ls.t.token === TK_ELSE || ls.t.token === TK_ELSEIF) escapelist = luaK_concat(fs, escapelist, luaK_jump(fs));
  luaK_patchtohere(fs, jf);
  return escapelist;
}

function ifstat(ls: PLexState, line: number): void {
  const fs = fsOf(ls);
  let escapelist = test_then_block(ls, NO_JUMP);
  while (ls.t.token === TK_ELSEIF) escapelist = test_then_block(ls, escapelist);
  if (testnext(ls, TK_ELSE)) block(ls);
  check_match(ls, TK_END, TK_IF, line);
  luaK_patchtohere(fs, escapelist);
}

function localfunc(ls: PLexState): void {
  const b = new expdesc();
  const fs = fsOf(ls);
  const fvar = fs.nactvar;
  new_localvar(ls, str_checkname(ls));
  adjustlocalvars(ls, 1);
  body(ls, b, false, ls.linenumber);
  localdebuginfo(fs, fvar)!.startpc = fs.pc;
}

function getlocalattribute(ls: PLexState): number {
  if (testnext(ls, 60)) {
    const attr = str_checkname(ls);
    checknext(ls, 62);
    if (attr === "const") return RDKCONST;
    if (attr === "close") return RDKTOCLOSE;
    luaK_semerror(ls, `unknown attribute '${attr}'`);
  }
  return VDKREG;
}

function checktoclose(fs: FuncState, level: number): void {
  if (level !== -1) {
    marktobeclosed(fs);
    luaK_codeABC(fs, OP_TBC, reglevel(fs, level), 0, 0);
  }
}

function localstat(ls: PLexState): void {
  const fs = fsOf(ls);
  let toclose = -1;
  let vidx: number;
  let nvars = 0;
  let nexps: number;
  const e = new expdesc();
  do {
    vidx = new_localvar(ls, str_checkname(ls));
    const kind = getlocalattribute(ls);
    getlocalvardesc(fs, vidx).kind = kind;
    if (kind === RDKTOCLOSE) {
      if (toclose !== -1) luaK_semerror(ls, "multiple to-be-closed variables in local list");
      toclose = fs.nactvar + nvars;
    }
    nvars++;
  } while (testnext(ls, 44));
  if (testnext(ls, 61)) nexps = explist(ls, e);
  else {
    e.k = VVOID;
    nexps = 0;
  }
  const v = getlocalvardesc(fs, vidx);
  let kv: KValue | null;
  if (nvars === nexps && v.kind === RDKCONST && (kv = luaK_exp2const(fs, e)) !== null) {
    v.kind = RDKCTC;
    v.k = kv;
    adjustlocalvars(ls, nvars - 1);
    fs.nactvar++;
  } else {
    adjust_assign(ls, nvars, nexps, e);
    adjustlocalvars(ls, nvars);
  }
  checktoclose(fs, toclose);
}

function funcname(ls: PLexState, v: expdesc): boolean {
  let ismethod = false;
  singlevar(ls, v);
  while (ls.t.token === 46) fieldsel(ls, v);
  if (ls.t.token === 58) {
    ismethod = true;
    fieldsel(ls, v);
  }
  return ismethod;
}

function funcstat(ls: PLexState, line: number): void {
  const v = new expdesc();
  const b = new expdesc();
  luaX_next(ls);
  const ismethod = funcname(ls, v);
  body(ls, b, ismethod, line);
  check_readonly(ls, v);
  luaK_storevar(fsOf(ls), v, b);
  luaK_fixline(fsOf(ls), line);
}

function exprstat(ls: PLexState): void {
  const fs = fsOf(ls);
  const v: LHS_assign = { prev: null, v: new expdesc() };
  suffixedexp(ls, v.v);
  if (ls.t.token === 61 || ls.t.token === 44) {
    v.prev = null;
    restassign(ls, v, 1);
  } else {
    check_condition(ls, v.v.k === VCALL, "syntax error");
    fs.f.code[v.v.info] = SETARG_C(fs.f.code[v.v.info]!, 1);
  }
}

function retstat(ls: PLexState): void {
  const fs = fsOf(ls);
  const e = new expdesc();
  let nret: number;
  let first = luaY_nvarstack(fs);
  if (block_follow(ls, true) || ls.t.token === 59) nret = 0;
  else {
    nret = explist(ls, e);
    if (hasmultret(e.k)) {
      luaK_setmultret(fs, e);
      if (e.k === VCALL && nret === 1 && !fs.bl!.insidetbc) {
        fs.f.code[e.info] = SET_OPCODE(fs.f.code[e.info]!, OP_TAILCALL);
      }
      nret = LUA_MULTRET;
    } else if (nret === 1) first = luaK_exp2anyreg(fs, e);
    else luaK_exp2nextreg(fs, e);
  }
  luaK_ret(fs, first, nret);
  testnext(ls, 59);
}

function statement(ls: PLexState): void {
  const line = ls.linenumber;
  enterlevel(ls);
  switch (ls.t.token) {
    case 59:
      luaX_next(ls);
      break;
    case TK_IF:
      ifstat(ls, line);
      break;
    case TK_WHILE:
      whilestat(ls, line);
      break;
    case TK_DO:
      luaX_next(ls);
      block(ls);
      check_match(ls, TK_END, TK_DO, line);
      break;
    case TK_FOR:
      forstat(ls, line);
      break;
    case TK_REPEAT:
      repeatstat(ls, line);
      break;
    case TK_FUNCTION:
      funcstat(ls, line);
      break;
    case TK_LOCAL:
      luaX_next(ls);
      if (testnext(ls, TK_FUNCTION)) localfunc(ls);
      else localstat(ls);
      break;
    case TK_DBCOLON:
      luaX_next(ls);
      labelstat(ls, str_checkname(ls), line);
      break;
    case TK_RETURN:
      luaX_next(ls);
      retstat(ls);
      break;
    case TK_BREAK:
      breakstat(ls);
      break;
    case TK_GOTO:
      luaX_next(ls);
      gotostat(ls);
      break;
    default:
      exprstat(ls);
  }
  const fs = fsOf(ls);
  fs.freereg = luaY_nvarstack(fs);
  leavelevel(ls);
}

function mainfunc(ls: PLexState, fs: FuncState): void {
  open_func(ls, fs);
  setvararg(fs, 0);
  const env = allocupvalue(fs, ls.envn);
  env.instack = true;
  env.idx = 0;
  env.kind = VDKREG;
  luaX_next(ls);
  statlist(ls);
  check(ls, TK_EOS);
  close_func(ls);
}

/**
 * lparser.c: luaY_parser. Compile the text chunk `z` named `name` ("@file", "=stdin", or the source
 * itself) into its main Proto; `firstchar` is the first byte, already read by the caller (lzio).
 * Throws LuaSyntaxError with Lua's message.
 */
export function luaY_parser(z: Uint8Array, name: string, skip = 0): Proto {
  const firstchar = skip < z.length ? z[skip]! : -1;
  const ls = new LexState(z, name, firstchar);
  ls.zp = skip + 1;
  const f = new Proto();
  const fs = new FuncState(f, ls);
  mainfunc(ls, fs);
  return f;
}
