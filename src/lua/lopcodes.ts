// Lua 5.4.4 lopcodes.h / lopcodes.c / lopnames.h: the instruction word, its fields, the 83 opcodes and
// their properties. An instruction is an unsigned 32-bit integer; we keep it as a JS number in 0..2^32-1
// (every helper returns `>>> 0`), and a Proto keeps its code in a Uint32Array.
import { getarg, setarg } from "./seams.ts";

// #region formats
/** lopcodes.h: enum OpMode, the basic instruction formats. */
export const iABC = 0;
export const iABx = 1;
export const iAsBx = 2;
export const iAx = 3;
export const isJ = 4;
export type OpMode = typeof iABC | typeof iABx | typeof iAsBx | typeof iAx | typeof isJ;

//        3 3 2 2 2 2 2 2 2 2 2 2 1 1 1 1 1 1 1 1 1 1 0 0 0 0 0 0 0 0 0 0
//        1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0 9 8 7 6 5 4 3 2 1 0
// iABC          C(8)     |      B(8)     |k|     A(8)      |   Op(7)     |
// iABx                Bx(17)               |     A(8)      |   Op(7)     |
// iAsBx              sBx (signed)(17)      |     A(8)      |   Op(7)     |
// iAx                           Ax(25)                     |   Op(7)     |
// isJ                           sJ(25)                     |   Op(7)     |
export const SIZE_C = 8;
export const SIZE_B = 8;
export const SIZE_Bx = SIZE_C + SIZE_B + 1;
export const SIZE_A = 8;
export const SIZE_Ax = SIZE_Bx + SIZE_A;
export const SIZE_sJ = SIZE_Bx + SIZE_A;
export const SIZE_OP = 7;
export const POS_OP = 0;
export const POS_A = POS_OP + SIZE_OP;
export const POS_k = POS_A + SIZE_A;
export const POS_B = POS_k + 1;
export const POS_C = POS_B + SIZE_B;
export const POS_Bx = POS_k;
export const POS_Ax = POS_A;
export const POS_sJ = POS_A;
// #endregion formats

/** Limits for opcode arguments. Signed arguments are stored in excess K (value + OFFSET). */
export const MAXARG_Bx = (1 << SIZE_Bx) - 1;
export const OFFSET_sBx = MAXARG_Bx >> 1;
export const MAXARG_Ax = (1 << SIZE_Ax) - 1;
export const MAXARG_sJ = (1 << SIZE_sJ) - 1;
export const OFFSET_sJ = MAXARG_sJ >> 1;
export const MAXARG_A = (1 << SIZE_A) - 1;
export const MAXARG_B = (1 << SIZE_B) - 1;
export const MAXARG_C = (1 << SIZE_C) - 1;
export const OFFSET_sC = MAXARG_C >> 1;
export const MAXINDEXRK = MAXARG_B;
/** An invalid register that fits in 8 bits. */
export const NO_REG = MAXARG_A;
/** lopcodes.h: number of list items to accumulate before a SETLIST instruction. */
export const LFIELDS_PER_FLUSH = 50;

export function int2sC(i: number): number {
  return i + OFFSET_sC;
}
export function sC2int(i: number): number {
  return i - OFFSET_sC;
}

// #region fields
// getarg, setarg and CREATE_ABCk are exercise 03-lua-opcodes/instruction (src/lua/seams.ts).
export { CREATE_ABCk } from "./seams.ts";
/** MASK1(n,p): a mask with n 1 bits at position p. */
export function MASK1(n: number, p: number): number {
  return ((~(~0 << n)) << p) >>> 0;
}
export function GET_OPCODE(i: number): number {
  return i & 0x7f;
}
export function SET_OPCODE(i: number, o: number): number {
  return setarg(i, o, POS_OP, SIZE_OP);
}
export function GETARG_A(i: number): number {
  return getarg(i, POS_A, SIZE_A);
}
export function SETARG_A(i: number, v: number): number {
  return setarg(i, v, POS_A, SIZE_A);
}
export function GETARG_B(i: number): number {
  return getarg(i, POS_B, SIZE_B);
}
export function GETARG_sB(i: number): number {
  return sC2int(GETARG_B(i));
}
export function SETARG_B(i: number, v: number): number {
  return setarg(i, v, POS_B, SIZE_B);
}
export function GETARG_C(i: number): number {
  return getarg(i, POS_C, SIZE_C);
}
export function GETARG_sC(i: number): number {
  return sC2int(GETARG_C(i));
}
export function SETARG_C(i: number, v: number): number {
  return setarg(i, v, POS_C, SIZE_C);
}
export function GETARG_k(i: number): number {
  return getarg(i, POS_k, 1);
}
export function TESTARG_k(i: number): boolean {
  return (i & (1 << POS_k)) !== 0;
}
export function SETARG_k(i: number, v: number): number {
  return setarg(i, v, POS_k, 1);
}
export function GETARG_Bx(i: number): number {
  return i >>> POS_Bx;
}
export function SETARG_Bx(i: number, v: number): number {
  return setarg(i, v, POS_Bx, SIZE_Bx);
}
export function GETARG_Ax(i: number): number {
  return i >>> POS_Ax;
}
export function SETARG_Ax(i: number, v: number): number {
  return setarg(i, v, POS_Ax, SIZE_Ax);
}
export function GETARG_sBx(i: number): number {
  return (i >>> POS_Bx) - OFFSET_sBx;
}
export function SETARG_sBx(i: number, b: number): number {
  return SETARG_Bx(i, b + OFFSET_sBx);
}
export function GETARG_sJ(i: number): number {
  return (i >>> POS_sJ) - OFFSET_sJ;
}
export function SETARG_sJ(i: number, j: number): number {
  return setarg(i, j + OFFSET_sJ, POS_sJ, SIZE_sJ);
}
export function CREATE_ABx(o: number, a: number, bc: number): number {
  return ((o << POS_OP) | (a << POS_A) | (bc << POS_Bx)) >>> 0;
}
export function CREATE_Ax(o: number, a: number): number {
  return ((o << POS_OP) | (a << POS_Ax)) >>> 0;
}
export function CREATE_sJ(o: number, j: number, k: number): number {
  return ((o << POS_OP) | (j << POS_sJ) | (k << POS_k)) >>> 0;
}
// #endregion fields

// #region opcodes
/** lopcodes.h: enum OpCode (ORDER OP). */
export const OP_MOVE = 0;
export const OP_LOADI = 1;
export const OP_LOADF = 2;
export const OP_LOADK = 3;
export const OP_LOADKX = 4;
export const OP_LOADFALSE = 5;
export const OP_LFALSESKIP = 6;
export const OP_LOADTRUE = 7;
export const OP_LOADNIL = 8;
export const OP_GETUPVAL = 9;
export const OP_SETUPVAL = 10;
export const OP_GETTABUP = 11;
export const OP_GETTABLE = 12;
export const OP_GETI = 13;
export const OP_GETFIELD = 14;
export const OP_SETTABUP = 15;
export const OP_SETTABLE = 16;
export const OP_SETI = 17;
export const OP_SETFIELD = 18;
export const OP_NEWTABLE = 19;
export const OP_SELF = 20;
export const OP_ADDI = 21;
export const OP_ADDK = 22;
export const OP_SUBK = 23;
export const OP_MULK = 24;
export const OP_MODK = 25;
export const OP_POWK = 26;
export const OP_DIVK = 27;
export const OP_IDIVK = 28;
export const OP_BANDK = 29;
export const OP_BORK = 30;
export const OP_BXORK = 31;
export const OP_SHRI = 32;
export const OP_SHLI = 33;
export const OP_ADD = 34;
export const OP_SUB = 35;
export const OP_MUL = 36;
export const OP_MOD = 37;
export const OP_POW = 38;
export const OP_DIV = 39;
export const OP_IDIV = 40;
export const OP_BAND = 41;
export const OP_BOR = 42;
export const OP_BXOR = 43;
export const OP_SHL = 44;
export const OP_SHR = 45;
export const OP_MMBIN = 46;
export const OP_MMBINI = 47;
export const OP_MMBINK = 48;
export const OP_UNM = 49;
export const OP_BNOT = 50;
export const OP_NOT = 51;
export const OP_LEN = 52;
export const OP_CONCAT = 53;
export const OP_CLOSE = 54;
export const OP_TBC = 55;
export const OP_JMP = 56;
export const OP_EQ = 57;
export const OP_LT = 58;
export const OP_LE = 59;
export const OP_EQK = 60;
export const OP_EQI = 61;
export const OP_LTI = 62;
export const OP_LEI = 63;
export const OP_GTI = 64;
export const OP_GEI = 65;
export const OP_TEST = 66;
export const OP_TESTSET = 67;
export const OP_CALL = 68;
export const OP_TAILCALL = 69;
export const OP_RETURN = 70;
export const OP_RETURN0 = 71;
export const OP_RETURN1 = 72;
export const OP_FORLOOP = 73;
export const OP_FORPREP = 74;
export const OP_TFORPREP = 75;
export const OP_TFORCALL = 76;
export const OP_TFORLOOP = 77;
export const OP_SETLIST = 78;
export const OP_CLOSURE = 79;
export const OP_VARARG = 80;
export const OP_VARARGPREP = 81;
export const OP_EXTRAARG = 82;
export const NUM_OPCODES = OP_EXTRAARG + 1;
// #endregion opcodes

/** lopnames.h: opnames, as luac prints them. */
export const opnames: readonly string[] = [
  "MOVE",
  "LOADI",
  "LOADF",
  "LOADK",
  "LOADKX",
  "LOADFALSE",
  "LFALSESKIP",
  "LOADTRUE",
  "LOADNIL",
  "GETUPVAL",
  "SETUPVAL",
  "GETTABUP",
  "GETTABLE",
  "GETI",
  "GETFIELD",
  "SETTABUP",
  "SETTABLE",
  "SETI",
  "SETFIELD",
  "NEWTABLE",
  "SELF",
  "ADDI",
  "ADDK",
  "SUBK",
  "MULK",
  "MODK",
  "POWK",
  "DIVK",
  "IDIVK",
  "BANDK",
  "BORK",
  "BXORK",
  "SHRI",
  "SHLI",
  "ADD",
  "SUB",
  "MUL",
  "MOD",
  "POW",
  "DIV",
  "IDIV",
  "BAND",
  "BOR",
  "BXOR",
  "SHL",
  "SHR",
  "MMBIN",
  "MMBINI",
  "MMBINK",
  "UNM",
  "BNOT",
  "NOT",
  "LEN",
  "CONCAT",
  "CLOSE",
  "TBC",
  "JMP",
  "EQ",
  "LT",
  "LE",
  "EQK",
  "EQI",
  "LTI",
  "LEI",
  "GTI",
  "GEI",
  "TEST",
  "TESTSET",
  "CALL",
  "TAILCALL",
  "RETURN",
  "RETURN0",
  "RETURN1",
  "FORLOOP",
  "FORPREP",
  "TFORPREP",
  "TFORCALL",
  "TFORLOOP",
  "SETLIST",
  "CLOSURE",
  "VARARG",
  "VARARGPREP",
  "EXTRAARG"
];

// #region opmodes
/**
 * lopcodes.c: luaP_opmodes. Bits 0-2: op mode; bit 3: sets register A; bit 4: a test (next instruction
 * must be a jump); bit 5: uses L->top set by the previous instruction (B == 0); bit 6: sets L->top for the
 * next instruction (C == 0); bit 7: a metamethod instruction.
 */
function opmode(mm: number, ot: number, it: number, t: number, a: number, m: OpMode): number {
  return (mm << 7) | (ot << 6) | (it << 5) | (t << 4) | (a << 3) | m;
}
export const luaP_opmodes: readonly number[] = [
  opmode(0, 0, 0, 0, 1, iABC), // OP_MOVE,
  opmode(0, 0, 0, 0, 1, iAsBx), // OP_LOADI,
  opmode(0, 0, 0, 0, 1, iAsBx), // OP_LOADF,
  opmode(0, 0, 0, 0, 1, iABx), // OP_LOADK,
  opmode(0, 0, 0, 0, 1, iABx), // OP_LOADKX,
  opmode(0, 0, 0, 0, 1, iABC), // OP_LOADFALSE,
  opmode(0, 0, 0, 0, 1, iABC), // OP_LFALSESKIP,
  opmode(0, 0, 0, 0, 1, iABC), // OP_LOADTRUE,
  opmode(0, 0, 0, 0, 1, iABC), // OP_LOADNIL,
  opmode(0, 0, 0, 0, 1, iABC), // OP_GETUPVAL,
  opmode(0, 0, 0, 0, 0, iABC), // OP_SETUPVAL,
  opmode(0, 0, 0, 0, 1, iABC), // OP_GETTABUP,
  opmode(0, 0, 0, 0, 1, iABC), // OP_GETTABLE,
  opmode(0, 0, 0, 0, 1, iABC), // OP_GETI,
  opmode(0, 0, 0, 0, 1, iABC), // OP_GETFIELD,
  opmode(0, 0, 0, 0, 0, iABC), // OP_SETTABUP,
  opmode(0, 0, 0, 0, 0, iABC), // OP_SETTABLE,
  opmode(0, 0, 0, 0, 0, iABC), // OP_SETI,
  opmode(0, 0, 0, 0, 0, iABC), // OP_SETFIELD,
  opmode(0, 0, 0, 0, 1, iABC), // OP_NEWTABLE,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SELF,
  opmode(0, 0, 0, 0, 1, iABC), // OP_ADDI,
  opmode(0, 0, 0, 0, 1, iABC), // OP_ADDK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SUBK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_MULK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_MODK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_POWK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_DIVK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_IDIVK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BANDK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BORK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BXORK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SHRI,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SHLI,
  opmode(0, 0, 0, 0, 1, iABC), // OP_ADD,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SUB,
  opmode(0, 0, 0, 0, 1, iABC), // OP_MUL,
  opmode(0, 0, 0, 0, 1, iABC), // OP_MOD,
  opmode(0, 0, 0, 0, 1, iABC), // OP_POW,
  opmode(0, 0, 0, 0, 1, iABC), // OP_DIV,
  opmode(0, 0, 0, 0, 1, iABC), // OP_IDIV,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BAND,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BOR,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BXOR,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SHL,
  opmode(0, 0, 0, 0, 1, iABC), // OP_SHR,
  opmode(1, 0, 0, 0, 0, iABC), // OP_MMBIN,
  opmode(1, 0, 0, 0, 0, iABC), // OP_MMBINI,
  opmode(1, 0, 0, 0, 0, iABC), // OP_MMBINK,
  opmode(0, 0, 0, 0, 1, iABC), // OP_UNM,
  opmode(0, 0, 0, 0, 1, iABC), // OP_BNOT,
  opmode(0, 0, 0, 0, 1, iABC), // OP_NOT,
  opmode(0, 0, 0, 0, 1, iABC), // OP_LEN,
  opmode(0, 0, 0, 0, 1, iABC), // OP_CONCAT,
  opmode(0, 0, 0, 0, 0, iABC), // OP_CLOSE,
  opmode(0, 0, 0, 0, 0, iABC), // OP_TBC,
  opmode(0, 0, 0, 0, 0, isJ), // OP_JMP,
  opmode(0, 0, 0, 1, 0, iABC), // OP_EQ,
  opmode(0, 0, 0, 1, 0, iABC), // OP_LT,
  opmode(0, 0, 0, 1, 0, iABC), // OP_LE,
  opmode(0, 0, 0, 1, 0, iABC), // OP_EQK,
  opmode(0, 0, 0, 1, 0, iABC), // OP_EQI,
  opmode(0, 0, 0, 1, 0, iABC), // OP_LTI,
  opmode(0, 0, 0, 1, 0, iABC), // OP_LEI,
  opmode(0, 0, 0, 1, 0, iABC), // OP_GTI,
  opmode(0, 0, 0, 1, 0, iABC), // OP_GEI,
  opmode(0, 0, 0, 1, 0, iABC), // OP_TEST,
  opmode(0, 0, 0, 1, 1, iABC), // OP_TESTSET,
  opmode(0, 1, 1, 0, 1, iABC), // OP_CALL,
  opmode(0, 1, 1, 0, 1, iABC), // OP_TAILCALL,
  opmode(0, 0, 1, 0, 0, iABC), // OP_RETURN,
  opmode(0, 0, 0, 0, 0, iABC), // OP_RETURN0,
  opmode(0, 0, 0, 0, 0, iABC), // OP_RETURN1,
  opmode(0, 0, 0, 0, 1, iABx), // OP_FORLOOP,
  opmode(0, 0, 0, 0, 1, iABx), // OP_FORPREP,
  opmode(0, 0, 0, 0, 0, iABx), // OP_TFORPREP,
  opmode(0, 0, 0, 0, 0, iABC), // OP_TFORCALL,
  opmode(0, 0, 0, 0, 1, iABx), // OP_TFORLOOP,
  opmode(0, 0, 1, 0, 0, iABC), // OP_SETLIST,
  opmode(0, 0, 0, 0, 1, iABx), // OP_CLOSURE,
  opmode(0, 1, 0, 0, 1, iABC), // OP_VARARG,
  opmode(0, 0, 1, 0, 1, iABC), // OP_VARARGPREP,
  opmode(0, 0, 0, 0, 0, iAx), // OP_EXTRAARG
];
// #endregion opmodes

export function getOpMode(m: number): OpMode {
  return (luaP_opmodes[m]! & 7) as OpMode;
}
export function testAMode(m: number): boolean {
  return (luaP_opmodes[m]! & (1 << 3)) !== 0;
}
export function testTMode(m: number): boolean {
  return (luaP_opmodes[m]! & (1 << 4)) !== 0;
}
export function testITMode(m: number): boolean {
  return (luaP_opmodes[m]! & (1 << 5)) !== 0;
}
export function testOTMode(m: number): boolean {
  return (luaP_opmodes[m]! & (1 << 6)) !== 0;
}
export function testMMMode(m: number): boolean {
  return (luaP_opmodes[m]! & (1 << 7)) !== 0;
}
/** "out top": the instruction sets top for the next one. */
export function isOT(i: number): boolean {
  return (testOTMode(GET_OPCODE(i)) && GETARG_C(i) === 0) || GET_OPCODE(i) === OP_TAILCALL;
}
/** "in top": the instruction uses top from the previous one. */
export function isIT(i: number): boolean {
  return testITMode(GET_OPCODE(i)) && GETARG_B(i) === 0;
}
