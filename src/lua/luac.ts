// Lua 5.4.4 luac.c: PrintFunction and friends, the listing `luac -l` and `luac -l -l` print. Addresses
// (%p in luac.c) are made up here: one per Proto, stable within a listing.
import { luaG_getfuncline, type KValue, type Proto } from "./lobject.ts";
import { fmtG14 } from "./lnumber.ts";
import {
  GETARG_A, GETARG_Ax, GETARG_B, GETARG_Bx, GETARG_C, GETARG_k, GETARG_sB, GETARG_sBx, GETARG_sC,
  GETARG_sJ, GET_OPCODE, MAXARG_C, opnames,
  OP_ADD, OP_ADDI, OP_ADDK, OP_BAND, OP_BANDK, OP_BNOT, OP_BOR, OP_BORK, OP_BXOR, OP_BXORK, OP_CALL,
  OP_CLOSE, OP_CLOSURE, OP_CONCAT, OP_DIV, OP_DIVK, OP_EQ, OP_EQI, OP_EQK, OP_EXTRAARG, OP_FORLOOP,
  OP_FORPREP, OP_GEI, OP_GETFIELD, OP_GETI, OP_GETTABLE, OP_GETTABUP, OP_GETUPVAL, OP_GTI, OP_IDIV,
  OP_IDIVK, OP_JMP, OP_LE, OP_LEI, OP_LEN, OP_LFALSESKIP, OP_LOADF, OP_LOADFALSE, OP_LOADI, OP_LOADK,
  OP_LOADKX, OP_LOADNIL, OP_LOADTRUE, OP_LT, OP_LTI, OP_MMBIN, OP_MMBINI, OP_MMBINK, OP_MOD, OP_MODK,
  OP_MOVE, OP_MUL, OP_MULK, OP_NEWTABLE, OP_NOT, OP_POW, OP_POWK, OP_RETURN, OP_RETURN0, OP_RETURN1,
  OP_SELF, OP_SETFIELD, OP_SETI, OP_SETLIST, OP_SETTABLE, OP_SETTABUP, OP_SETUPVAL, OP_SHL, OP_SHLI,
  OP_SHR, OP_SHRI, OP_SUB, OP_SUBK, OP_TAILCALL, OP_TBC, OP_TEST, OP_TESTSET, OP_TFORCALL, OP_TFORLOOP,
  OP_TFORPREP, OP_UNM, OP_VARARG, OP_VARARGPREP,
} from "./lopcodes.ts";

/** ltm.c: luaT_eventname, ORDER TM. */
const eventnames = [
  "__index", "__newindex", "__gc", "__mode", "__len", "__eq", "__add", "__sub", "__mul", "__mod", "__pow",
  "__div", "__idiv", "__band", "__bor", "__bxor", "__shl", "__shr", "__unm", "__bnot", "__lt", "__le",
  "__concat", "__call", "__close",
];

const escapes: Record<number, string> = {
  34: '\\"', 92: "\\\\", 7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v",
};

function PrintString(s: Uint8Array): string {
  let out = '"';
  for (const c of s) {
    const e = escapes[c];
    if (e !== undefined) out += e;
    else if (c >= 32 && c <= 126) out += String.fromCharCode(c);
    else out += "\\" + String(c).padStart(3, "0");
  }
  return out + '"';
}

function PrintType(k: KValue): string {
  switch (k.type) {
    case "nil":
      return "N";
    case "boolean":
      return "B";
    case "float":
      return "F";
    case "int":
      return "I";
    case "string":
      return "S";
  }
}

/** luac.c: PrintConstant. */
export function PrintConstant(k: KValue): string {
  switch (k.type) {
    case "nil":
      return "nil";
    case "boolean":
      return k.v ? "true" : "false";
    case "float": {
      const buff = fmtG14(k.v);
      return /^[-0-9]*$/.test(buff) ? buff + ".0" : buff;
    }
    case "int":
      return String(k.v);
    case "string":
      return PrintString(k.v);
  }
}

const latin1 = new TextDecoder("latin1");
function str(b: Uint8Array | null): string {
  return b === null ? "" : latin1.decode(b);
}

/** Made-up addresses for %p: one per Proto, in the order they are first printed. */
class Addresses {
  private map = new Map<Proto, string>();
  of(p: Proto): string {
    let a = this.map.get(p);
    if (a === undefined) {
      a = "0x" + (0x55550000 + this.map.size * 0x100).toString(16).padStart(12, "0");
      this.map.set(p, a);
    }
    return a;
  }
}

function PrintCode(f: Proto, addr: Addresses): string {
  const code = f.code;
  let out = "";
  const K = (i: number) => PrintConstant(f.k[i]!);
  const UPVALNAME = (x: number) => (f.upvalues[x]!.name ? str(f.upvalues[x]!.name) : "-");
  for (let pc = 0; pc < code.length; pc++) {
    const i = code[pc]!;
    const o = GET_OPCODE(i);
    const a = GETARG_A(i);
    const b = GETARG_B(i);
    const c = GETARG_C(i);
    const ax = GETARG_Ax(i);
    const bx = GETARG_Bx(i);
    const sb = GETARG_sB(i);
    const sc = GETARG_sC(i);
    const sbx = GETARG_sBx(i);
    const isk = GETARG_k(i);
    const ISK = isk ? "k" : "";
    const EXTRAARG = () => GETARG_Ax(code[pc + 1]!);
    const EXTRAARGC = () => EXTRAARG() * (MAXARG_C + 1);
    const line = luaG_getfuncline(f, pc);
    let s = `\t${pc + 1}\t` + (line > 0 ? `[${line}]\t` : "[-]\t") + `${(opnames[o] ?? "").padEnd(9)}\t`;
    const C = "\t; ";
    switch (o) {
      case OP_MOVE:
        s += `${a} ${b}`;
        break;
      case OP_LOADI:
      case OP_LOADF:
        s += `${a} ${sbx}`;
        break;
      case OP_LOADK:
        s += `${a} ${bx}${C}${K(bx)}`;
        break;
      case OP_LOADKX:
        s += `${a}${C}${K(EXTRAARG())}`;
        break;
      case OP_LOADFALSE:
      case OP_LFALSESKIP:
      case OP_LOADTRUE:
        s += `${a}`;
        break;
      case OP_LOADNIL:
        s += `${a} ${b}${C}${b + 1} out`;
        break;
      case OP_GETUPVAL:
      case OP_SETUPVAL:
        s += `${a} ${b}${C}${UPVALNAME(b)}`;
        break;
      case OP_GETTABUP:
        s += `${a} ${b} ${c}${C}${UPVALNAME(b)} ${K(c)}`;
        break;
      case OP_GETTABLE:
      case OP_GETI:
        s += `${a} ${b} ${c}`;
        break;
      case OP_GETFIELD:
        s += `${a} ${b} ${c}${C}${K(c)}`;
        break;
      case OP_SETTABUP:
        s += `${a} ${b} ${c}${ISK}${C}${UPVALNAME(a)} ${K(b)}`;
        if (isk) s += ` ${K(c)}`;
        break;
      case OP_SETTABLE:
      case OP_SETI:
        s += `${a} ${b} ${c}${ISK}`;
        if (isk) s += `${C}${K(c)}`;
        break;
      case OP_SETFIELD:
        s += `${a} ${b} ${c}${ISK}${C}${K(b)}`;
        if (isk) s += ` ${K(c)}`;
        break;
      case OP_NEWTABLE:
        s += `${a} ${b} ${c}${C}${c + EXTRAARGC()}`;
        break;
      case OP_SELF:
        s += `${a} ${b} ${c}${ISK}`;
        if (isk) s += `${C}${K(c)}`;
        break;
      case OP_ADDI:
      case OP_SHRI:
      case OP_SHLI:
        s += `${a} ${b} ${sc}`;
        break;
      case OP_ADDK:
      case OP_SUBK:
      case OP_MULK:
      case OP_MODK:
      case OP_POWK:
      case OP_DIVK:
      case OP_IDIVK:
      case OP_BANDK:
      case OP_BORK:
      case OP_BXORK:
        s += `${a} ${b} ${c}${C}${K(c)}`;
        break;
      case OP_ADD:
      case OP_SUB:
      case OP_MUL:
      case OP_MOD:
      case OP_POW:
      case OP_DIV:
      case OP_IDIV:
      case OP_BAND:
      case OP_BOR:
      case OP_BXOR:
      case OP_SHL:
      case OP_SHR:
        s += `${a} ${b} ${c}`;
        break;
      case OP_MMBIN:
        s += `${a} ${b} ${c}${C}${eventnames[c]}`;
        break;
      case OP_MMBINI:
        s += `${a} ${sb} ${c} ${isk}${C}${eventnames[c]}`;
        if (isk) s += " flip";
        break;
      case OP_MMBINK:
        s += `${a} ${b} ${c} ${isk}${C}${eventnames[c]} ${K(b)}`;
        if (isk) s += " flip";
        break;
      case OP_UNM:
      case OP_BNOT:
      case OP_NOT:
      case OP_LEN:
      case OP_CONCAT:
        s += `${a} ${b}`;
        break;
      case OP_CLOSE:
      case OP_TBC:
        s += `${a}`;
        break;
      case OP_JMP:
        s += `${GETARG_sJ(i)}${C}to ${GETARG_sJ(i) + pc + 2}`;
        break;
      case OP_EQ:
      case OP_LT:
      case OP_LE:
        s += `${a} ${b} ${isk}`;
        break;
      case OP_EQK:
        s += `${a} ${b} ${isk}${C}${K(b)}`;
        break;
      case OP_EQI:
      case OP_LTI:
      case OP_LEI:
      case OP_GTI:
      case OP_GEI:
        s += `${a} ${sb} ${isk}`;
        break;
      case OP_TEST:
        s += `${a} ${isk}`;
        break;
      case OP_TESTSET:
        s += `${a} ${b} ${isk}`;
        break;
      case OP_CALL:
        s += `${a} ${b} ${c}${C}` + (b === 0 ? "all in " : `${b - 1} in `) + (c === 0 ? "all out" : `${c - 1} out`);
        break;
      case OP_TAILCALL:
        s += `${a} ${b} ${c}${ISK}${C}${b - 1} in`;
        break;
      case OP_RETURN:
        s += `${a} ${b} ${c}${ISK}${C}` + (b === 0 ? "all out" : `${b - 1} out`);
        break;
      case OP_RETURN0:
        break;
      case OP_RETURN1:
        s += `${a}`;
        break;
      case OP_FORLOOP:
      case OP_TFORLOOP:
        s += `${a} ${bx}${C}to ${pc - bx + 2}`;
        break;
      case OP_FORPREP:
        s += `${a} ${bx}${C}exit to ${pc + bx + 3}`;
        break;
      case OP_TFORPREP:
        s += `${a} ${bx}${C}to ${pc + bx + 2}`;
        break;
      case OP_TFORCALL:
        s += `${a} ${c}`;
        break;
      case OP_SETLIST:
        s += `${a} ${b} ${c}`;
        if (isk) s += `${C}${c + EXTRAARGC()}`;
        break;
      case OP_CLOSURE:
        s += `${a} ${bx}${C}${addr.of(f.p[bx]!)}`;
        break;
      case OP_VARARG:
        s += `${a} ${c}${C}` + (c === 0 ? "all out" : `${c - 1} out`);
        break;
      case OP_VARARGPREP:
        s += `${a}`;
        break;
      case OP_EXTRAARG:
        s += `${ax}`;
        break;
    }
    out += s + "\n";
  }
  return out;
}

function SS(x: number): string {
  return x === 1 ? "" : "s";
}

function PrintHeader(f: Proto, addr: Addresses): string {
  let s = f.source ? str(f.source) : "=?";
  if (s.startsWith("@") || s.startsWith("=")) s = s.slice(1);
  else if (s.startsWith("\x1bLua")) s = "(bstring)";
  else s = "(string)";
  const n = f.code.length;
  return (
    `\n${f.linedefined === 0 ? "main" : "function"} <${s}:${f.linedefined},${f.lastlinedefined}> ` +
    `(${n} instruction${SS(n)} at ${addr.of(f)})\n` +
    `${f.numparams}${f.is_vararg ? "+" : ""} param${SS(f.numparams)}, ${f.maxstacksize} slot${SS(f.maxstacksize)}, ` +
    `${f.upvalues.length} upvalue${SS(f.upvalues.length)}, ` +
    `${f.locvars.length} local${SS(f.locvars.length)}, ${f.k.length} constant${SS(f.k.length)}, ` +
    `${f.p.length} function${SS(f.p.length)}\n`
  );
}

function PrintDebug(f: Proto, addr: Addresses): string {
  const a = addr.of(f);
  let s = `constants (${f.k.length}) for ${a}:\n`;
  f.k.forEach((k, i) => (s += `\t${i}\t${PrintType(k)}\t${PrintConstant(k)}\n`));
  s += `locals (${f.locvars.length}) for ${a}:\n`;
  f.locvars.forEach((v, i) => (s += `\t${i}\t${str(v.varname)}\t${v.startpc + 1}\t${v.endpc + 1}\n`));
  s += `upvalues (${f.upvalues.length}) for ${a}:\n`;
  f.upvalues.forEach(
    (u, i) => (s += `\t${i}\t${u.name ? str(u.name) : "-"}\t${u.instack ? 1 : 0}\t${u.idx}\n`),
  );
  return s;
}

// #region PrintFunction
/** luac.c: PrintFunction: the listing of f and, recursively, of its nested functions. */
export function PrintFunction(f: Proto, full: boolean, addr = new Addresses()): string {
  let s = PrintHeader(f, addr) + PrintCode(f, addr);
  if (full) s += PrintDebug(f, addr);
  for (const p of f.p) s += PrintFunction(p, full, addr);
  return s;
}
// #endregion PrintFunction

/** Replace the addresses of a listing (ours or luac5.4's) by their order of first appearance, so that two
 * listings of the same code compare equal. */
export function normalizeListing(text: string): string {
  const seen = new Map<string, string>();
  return text.replace(/0x[0-9a-f]+/g, (m) => {
    let r = seen.get(m);
    if (r === undefined) {
      r = `0x${seen.size}`;
      seen.set(m, r);
    }
    return r;
  });
}
