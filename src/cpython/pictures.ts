// The chapter's pictures, drawn from real runs of our list (which agrees with python3 slot for slot):
// the growth of `allocated` under appends, and the run stack of a sort as powersort builds and merges it.
import { PyList_New, _PyList_AppendTakeRef } from "./listobject.ts";
import { list_sort, type SortEvent } from "./listsort.ts";
import { PyLong_From } from "./longobject.ts";
import { Py_DECREF } from "./object.ts";

const FONT = `font-family="ui-monospace, SFMono-Regular, Menlo, monospace" font-size="11"`;

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** ob_size and allocated after each of `n` appends to an empty list, and the slots each realloc copied. */
export function growthTrace(n: number): { size: number; allocated: number; copied: number }[] {
  const a = PyList_New(0);
  const out: { size: number; allocated: number; copied: number }[] = [{ size: 0, allocated: 0, copied: 0 }];
  for (let i = 0; i < n; i++) {
    const before = a.allocated;
    _PyList_AppendTakeRef(a, PyLong_From(i));
    // A realloc may move the block: at worst it copies the ob_size - 1 items it held.
    out.push({ size: a.ob_size, allocated: a.allocated, copied: a.allocated !== before ? a.ob_size - 1 : 0 });
  }
  Py_DECREF(a);
  return out;
}

// #region growth-svg
/** A step plot of allocated against ob_size for n appends, with the average copies per append below. */
export function growthSvg(n = 200): string {
  const trace = growthTrace(n);
  const W = 640;
  const H = 360;
  const left = 48;
  const top = 20;
  const plotW = W - left - 20;
  const plotH = 200;
  const maxY = Math.max(...trace.map((t) => t.allocated));
  const x = (i: number) => left + (i / n) * plotW;
  const y = (v: number) => top + plotH - (v / maxY) * plotH;
  let steps = `M ${x(0)} ${y(0)}`;
  for (let i = 1; i < trace.length; i++) steps += ` H ${x(i).toFixed(1)} V ${y(trace[i].allocated).toFixed(1)}`;
  const marks = trace
    .map((t, i) => (i > 0 && t.allocated !== trace[i - 1].allocated ? `<circle cx="${x(i).toFixed(1)}" cy="${y(t.allocated).toFixed(1)}" r="2.5" fill="#c0392b"/>` : ""))
    .join("");
  const labels = trace
    .filter((t, i) => i > 0 && t.allocated !== trace[i - 1].allocated && t.allocated <= 100)
    .map((t) => `<text x="${(x(t.size) - 4).toFixed(1)}" y="${(y(t.allocated) - 6).toFixed(1)}" ${FONT} text-anchor="end">${t.allocated}</text>`)
    .join("");
  // Amortized cost: slots copied so far, per append.
  const costTop = top + plotH + 40;
  const costH = 80;
  let copied = 0;
  const perAppend = trace.map((t, i) => ((copied += t.copied), i === 0 ? 0 : copied / i));
  const maxCost = Math.max(1, ...perAppend);
  const cy = (v: number) => costTop + costH - (v / maxCost) * costH;
  const cost = perAppend.map((v, i) => `${i === 0 ? "M" : "L"} ${x(i).toFixed(1)} ${cy(v).toFixed(1)}`).join(" ");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${left}" y="14" ${FONT}>allocated (red: a realloc) and ob_size, for ${n} appends to []</text>
<line x1="${left}" y1="${y(0)}" x2="${x(n)}" y2="${y(0)}" stroke="#999"/>
<line x1="${left}" y1="${top}" x2="${left}" y2="${y(0)}" stroke="#999"/>
<path d="M ${x(0)} ${y(0)} L ${x(n)} ${y(n)}" stroke="#7f8c8d" stroke-dasharray="4 3" fill="none"/>
<path d="${steps}" stroke="#2c3e50" stroke-width="1.5" fill="none"/>
${marks}${labels}
<text x="${left - 6}" y="${y(maxY) + 4}" ${FONT} text-anchor="end">${maxY}</text>
<text x="${left - 6}" y="${y(0) + 4}" ${FONT} text-anchor="end">0</text>
<text x="${x(n)}" y="${y(0) + 14}" ${FONT} text-anchor="end">ob_size ${n}</text>
<text x="${left}" y="${costTop - 8}" ${FONT}>items copied by reallocs so far, per append (at most ${maxCost.toFixed(2)}; now ${perAppend[n].toFixed(2)})</text>
<line x1="${left}" y1="${cy(0)}" x2="${x(n)}" y2="${cy(0)}" stroke="#999"/>
<path d="${cost}" stroke="#27ae60" stroke-width="1.5" fill="none"/>
</svg>
`;
}
// #endregion growth-svg

/** The events of sorting `data` (ints): every run pushed, every merge, with the stack after it. */
export function sortTrace(data: readonly number[]): { events: SortEvent[]; comparisons: number } {
  const a = PyList_New(0);
  for (const v of data) _PyList_AppendTakeRef(a, PyLong_From(v));
  const events: SortEvent[] = [];
  const { comparisons } = list_sort(a, null, false, (e) => events.push(e));
  Py_DECREF(a);
  return { events, comparisons };
}

/** Runs of random lengths, ascending or descending, from a fixed seed: data with a story to tell. */
export function runsData(n: number, seed = 7): number[] {
  let s = seed;
  const r = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8;
  const out: number[] = [];
  while (out.length < n) {
    const len = 20 + (r() % 400);
    const down = r() % 3 === 0;
    let v = r() % 100_000;
    for (let i = 0; i < len && out.length < n; i++) out.push(down ? (v -= 1 + (r() % 5)) : (v += 1 + (r() % 5)));
  }
  return out;
}

// #region run-stack-svg
/** One row per event: the run stack after it, each run a bar over its slice of the list, with its power. */
export function runStackSvg(data: readonly number[] = runsData(3000)): string {
  const { events, comparisons } = sortTrace(data);
  const n = data.length;
  const W = 680;
  const left = 150;
  const rowH = 18;
  const plotW = W - left - 16;
  const H = 40 + events.length * rowH + 10;
  const x = (i: number) => left + (i / n) * plotW;
  const colors = ["#2c3e50", "#2980b9", "#27ae60", "#f39c12", "#c0392b", "#8e44ad", "#16a085", "#d35400"];
  const rows = events
    .map((e, k) => {
      const yy = 34 + k * rowH;
      const label =
        e.kind === "run"
          ? `run ${e.base}+${e.natural}${e.descending ? " (desc)" : ""}${e.natural !== e.len ? `→${e.len}` : ""}`
          : `merge → ${e.len}`;
      const bars = e.stack
        .map((s, i) => {
          const top = i === e.stack.length - 1;
          const fill = top ? "#bdc3c7" : colors[Math.min(s.power, colors.length - 1)];
          const power = top ? "" : `<text x="${(x(s.base) + 3).toFixed(1)}" y="${yy + 11}" ${FONT} fill="#fff">${s.power}</text>`;
          return `<rect x="${x(s.base).toFixed(1)}" y="${yy}" width="${Math.max(1, x(s.base + s.len) - x(s.base) - 1).toFixed(1)}" height="${rowH - 4}" fill="${fill}"/>${power}`;
        })
        .join("");
      return `<text x="8" y="${yy + 11}" ${FONT}>${escape(label)}</text>${bars}`;
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="8" y="16" ${FONT}>sorting ${n} items (${comparisons} comparisons): bars are runs on the stack, numbers their powers, grey the newest</text>
${rows}
</svg>
`;
}
// #endregion run-stack-svg

/** Every picture of the chapter, by file name. */
export function chapterPictures(): Record<string, string> {
  return { "growth.svg": growthSvg(), "run-stack.svg": runStackSvg() };
}
