// The `pylist` runtime: lines of the pylist subset of Python run one by one on our CPython list
// (src/cpython/pylist/session.ts), as python3's interactive interpreter runs them: an expression's repr is
// printed. The first exception stops the block, printed as python3 prints it. The view shows the ob_item
// block of each list after each statement.
import type { ListPicture } from "../../src/cpython/pylist/session.ts";
import { Session } from "../../src/cpython/pylist/session.ts";
import { GuestError, escapeHtml, type Runtime } from "../runtime.ts";

/** Slots drawn before the block is abbreviated. */
const SHOWN_SLOTS = 64;

function picture(p: ListPicture): string {
  const slots: string[] = [];
  for (let i = 0; i < Math.min(p.allocated, SHOWN_SLOTS); i++) {
    slots.push(i < p.ob_size ? `<span class="slot used">${escapeHtml(p.items[i])}</span>` : `<span class="slot free"></span>`);
  }
  if (p.allocated > SHOWN_SLOTS) slots.push(`<span class="more">+${p.allocated - SHOWN_SLOTS} slots</span>`);
  const block = p.null ? `<span class="null">ob_item = NULL</span>` : slots.join("");
  return `<div class="list"><code>${escapeHtml(p.name)}</code><div class="slots">${block}</div><div class="sizes">ob_size ${p.ob_size}, allocated ${p.allocated}, sys.getsizeof ${p.sizeof}</div></div>`;
}

/** python3's report of an exception in line `n` of a script. */
function traceback(n: number, source: string, error: string): string {
  if (/^(SyntaxError|IndentationError)\b/.test(error)) return `  File "<block>", line ${n}\n    ${source.trim()}\n${error}`;
  return `Traceback (most recent call last):\n  File "<block>", line ${n}, in <module>\n    ${source.trim()}\n${error}`;
}

const pylist: Runtime = {
  language: "python",
  steps: 10_000,
  run(source, session) {
    const py = new Session();
    const rows: string[] = [];
    try {
      source.split("\n").forEach((line, i) => {
        if (line.trim() === "" || line.trim().startsWith("#")) return;
        session.step();
        const r = py.run(line);
        if (r.error) throw new GuestError(traceback(i + 1, line, r.output));
        if (r.output) session.print(`${r.output}\n`);
        if (r.lists.length) rows.push(`<tr><td><code>${escapeHtml(line.trim())}</code></td><td>${r.lists.map(picture).join("")}</td></tr>`);
      });
    } finally {
      if (rows.length) session.view({ title: "ob_item after each statement", html: `<table class="pylist">${rows.join("")}</table>` });
      py.close();
    }
  },
};

export default pylist;
