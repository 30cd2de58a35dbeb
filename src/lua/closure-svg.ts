// Draws one Step of a trace (ltrace.ts) as SVG: the stack on the left, the upvalues in the middle (open
// ones with an arrow to the stack slot they point at, closed ones holding their value), and on the right
// the closures with an arrow from each of their upvalue entries to the upvalue it shares.
import type { Step, UpvalView } from "./ltrace.ts";

const ROW = 22;
const STACK_X = 10;
const STACK_W = 230;
const UV_X = 320;
const UV_W = 190;
const CL_X = 600;
const CL_W = 170;
const TOP = 44;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1) + "…";
}

function arrow(x1: number, y1: number, x2: number, y2: number, colour: string): string {
  const mx = (x1 + x2) / 2;
  return `<path d="M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}" fill="none" stroke="${colour}" ` +
    `stroke-width="1.5" marker-end="url(#head)"/>\n`;
}

/** The picture of `step`, with `title` on top. Only upvalues held by a closure or still open are drawn;
 * `hideEnv` leaves out the _ENV upvalue that every chunk has. */
export function stepSvg(step: Step, title: string, hideEnv = true): string {
  const keep = (u: UpvalView): boolean => !(hideEnv && u.heldBy.length > 0 && u.heldBy.every((h) => h.name === "_ENV"));
  const uvs = [...step.open, ...step.closed].filter(keep);
  // Closures: every closure holding one of the drawn upvalues, in order of number.
  const closures = new Map<number, { index: number; name: string; uv: number }[]>();
  for (const u of uvs) {
    for (const h of u.heldBy) {
      if (hideEnv && h.name === "_ENV") continue;
      const list = closures.get(h.closure) ?? [];
      list.push({ index: h.index, name: h.name, uv: u.id });
      closures.set(h.closure, list);
    }
  }
  const clIds = [...closures.keys()].sort((a, b) => a - b);
  const slotY = new Map<number, number>();
  step.stack.forEach((s, j) => slotY.set(s.level, TOP + j * ROW));
  const uvY = new Map<number, number>();
  uvs.forEach((u, j) => uvY.set(u.id, TOP + j * (ROW + 14)));
  let clHeight = 0;
  const clY = new Map<number, number>();
  for (const c of clIds) {
    clY.set(c, TOP + clHeight);
    clHeight += (closures.get(c)!.length + 1) * ROW + 14;
  }
  const height = Math.max(TOP + step.stack.length * ROW, TOP + uvs.length * (ROW + 14), TOP + clHeight) + 50;
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CL_X + CL_W + 10}" height="${height}" ` +
    `font-family="monospace" font-size="12">\n`;
  svg += `<defs><marker id="head" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto">` +
    `<path d="M0,0 L8,4 L0,8 z" fill="#444"/></marker></defs>\n`;
  svg += `<rect width="100%" height="100%" fill="white"/>\n`;
  svg += `<text x="${STACK_X}" y="16" font-weight="bold">${esc(title)}</text>\n`;
  svg += `<text x="${STACK_X}" y="32">stack</text><text x="${UV_X}" y="32">upvalues</text>` +
    `<text x="${CL_X}" y="32">closures</text>\n`;
  const funcLevels = new Set(step.frames.map((f) => f.func));
  for (const s of step.stack) {
    const y = slotY.get(s.level)!;
    const isFunc = funcLevels.has(s.level);
    const isTbc = step.tbc.includes(s.level);
    const fill = isFunc ? "#e0e0e0" : isTbc ? "#fde0c5" : "#ffffff";
    svg += `<rect x="${STACK_X}" y="${y}" width="${STACK_W}" height="${ROW}" fill="${fill}" stroke="#888"/>\n`;
    const label = `[${s.level}] ${s.name ?? (isFunc ? "(function)" : "")}`.padEnd(14) + " " + s.value;
    svg += `<text x="${STACK_X + 4}" y="${y + 15}">${esc(clip(label + (isTbc ? "  <close>" : ""), 34))}</text>\n`;
  }
  for (const u of uvs) {
    const y = uvY.get(u.id)!;
    const open = u.level !== null;
    svg += `<rect x="${UV_X}" y="${y}" width="${UV_W}" height="${ROW}" rx="4" fill="${open ? "#deebf7" : "#e5f5e0"}" ` +
      `stroke="${open ? "#3182bd" : "#31a354"}"/>\n`;
    const text = open ? `upval#${u.id} open → [${u.level}]` : `upval#${u.id} closed = ${u.value}`;
    svg += `<text x="${UV_X + 4}" y="${y + 15}">${esc(clip(text, 27))}</text>\n`;
    if (open && slotY.has(u.level!)) {
      svg += arrow(UV_X, y + ROW / 2, STACK_X + STACK_W, slotY.get(u.level!)! + ROW / 2, "#3182bd");
    }
  }
  for (const c of clIds) {
    const y = clY.get(c)!;
    const entries = closures.get(c)!.sort((a, b) => a.index - b.index);
    svg += `<rect x="${CL_X}" y="${y}" width="${CL_W}" height="${(entries.length + 1) * ROW}" fill="#f7f7f7" stroke="#636363"/>\n`;
    svg += `<text x="${CL_X + 4}" y="${y + 15}" font-weight="bold">function#${c}</text>\n`;
    entries.forEach((e, j) => {
      const ey = y + (j + 1) * ROW;
      svg += `<text x="${CL_X + 4}" y="${ey + 15}">${esc(clip(`upvals[${e.index}] ${e.name}`, 22))}</text>\n`;
      svg += arrow(CL_X, ey + ROW / 2, UV_X + UV_W, uvY.get(e.uv)! + ROW / 2, "#636363");
    });
  }
  const foot = `after ${step.op} (${step.fn}, pc ${step.pc}, line ${step.line})` +
    (step.tbc.length > 0 ? `; to-be-closed: ${step.tbc.map((l) => `[${l}]`).join(" ")}` : "");
  svg += `<text x="${STACK_X}" y="${height - 14}">${esc(foot)}</text>\n`;
  return svg + "</svg>\n";
}
