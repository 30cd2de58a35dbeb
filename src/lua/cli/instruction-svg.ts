// Draws the bits of real instructions as an SVG for chapter 03: compiles a line of Lua with our compiler,
// takes one instruction of each format, and colours its fields.
//   npx tsx src/lua/cli/instruction-svg.ts > chapters/03-lua-opcodes/instruction-word.svg
import { luaY_parser } from "../lparser.ts";
import {
  GET_OPCODE, getOpMode, iABC, iABx, iAsBx, isJ, opnames, POS_A, POS_B, POS_C, POS_k, SIZE_A, SIZE_B,
  SIZE_Bx, SIZE_C, SIZE_OP, SIZE_sJ,
} from "../lopcodes.ts";

const source = "local t = {}\nfor i = 1, 3 do\n  if t[i] ~= i then t[i] = i * 2 end\nend\n";
const f = luaY_parser(new TextEncoder().encode(source), "=example");
const wanted = [iABC, iABx, iAsBx, isJ];
const picks = wanted.map((m) => f.code.find((i) => getOpMode(GET_OPCODE(i)) === m)!);

type Field = { name: string; pos: number; size: number; colour: string };
const op: Field = { name: "Op", pos: 0, size: SIZE_OP, colour: "#9ecae1" };
const A: Field = { name: "A", pos: POS_A, size: SIZE_A, colour: "#a1d99b" };
const layouts: Record<number, Field[]> = {
  [iABC]: [op, A, { name: "k", pos: POS_k, size: 1, colour: "#fdae6b" }, { name: "B", pos: POS_B, size: SIZE_B, colour: "#bcbddc" }, { name: "C", pos: POS_C, size: SIZE_C, colour: "#fc9272" }],
  [iABx]: [op, A, { name: "Bx", pos: POS_k, size: SIZE_Bx, colour: "#bcbddc" }],
  [iAsBx]: [op, A, { name: "sBx", pos: POS_k, size: SIZE_Bx, colour: "#bcbddc" }],
  [isJ]: [op, { name: "sJ", pos: POS_A, size: SIZE_sJ, colour: "#bcbddc" }],
};
const formatName: Record<number, string> = { [iABC]: "iABC", [iABx]: "iABx", [iAsBx]: "iAsBx", [isJ]: "isJ" };

const cell = 22;
const left = 150;
const rowH = 64;
let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${left + 32 * cell + 20}" height="${40 + picks.length * rowH}" font-family="monospace" font-size="12">\n`;
for (let b = 0; b < 32; b++) svg += `<text x="${left + (31 - b) * cell + cell / 2}" y="18" text-anchor="middle">${b}</text>\n`;
picks.forEach((ins, r) => {
  const mode = wanted[r]!;
  const y = 28 + r * rowH;
  svg += `<text x="4" y="${y + 16}">${formatName[mode]}</text>\n<text x="4" y="${y + 32}">${opnames[GET_OPCODE(ins)]}</text>\n`;
  svg += `<text x="4" y="${y + 48}">0x${ins.toString(16).padStart(8, "0")}</text>\n`;
  for (const fld of layouts[mode]!) {
    const x = left + (31 - (fld.pos + fld.size - 1)) * cell;
    svg += `<rect x="${x}" y="${y}" width="${fld.size * cell}" height="${cell * 2}" fill="${fld.colour}" stroke="#333"/>\n`;
    const value = Math.floor(ins / 2 ** fld.pos) % 2 ** fld.size;
    svg += `<text x="${x + (fld.size * cell) / 2}" y="${y + 15}" text-anchor="middle">${fld.name} = ${value}</text>\n`;
    for (let b = fld.pos; b < fld.pos + fld.size; b++) {
      const bit = Math.floor(ins / 2 ** b) % 2;
      svg += `<text x="${left + (31 - b) * cell + cell / 2}" y="${y + 36}" text-anchor="middle">${bit}</text>\n`;
    }
  }
});
svg += "</svg>\n";
process.stdout.write(svg);
