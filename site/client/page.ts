// The page script: the theme toggle, and the runnable blocks. A block's runtime is a Web Worker
// (assets/worker-<kind>.js) created the first time the block runs; Stop terminates it at once.
import type { RunResult } from "../runtime.ts";

const root = document.documentElement;

function currentTheme(): "light" | "dark" {
  const set = root.dataset.theme;
  if (set === "light" || set === "dark") return set;
  return matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

document.querySelector(".theme-toggle")?.addEventListener("click", () => {
  const next = currentTheme() === "dark" ? "light" : "dark";
  root.dataset.theme = next;
  try {
    localStorage.setItem("theme", next);
  } catch {
    // Storage may be off (a private window): the toggle still applies to this page.
  }
});

/** The message the page sends a worker. */
export interface RunRequest {
  source: string;
  steps?: number;
}

function setupBlock(el: HTMLElement): void {
  const src = el.querySelector<HTMLTextAreaElement>(".run-src")!;
  const go = el.querySelector<HTMLButtonElement>(".run-go")!;
  const stop = el.querySelector<HTMLButtonElement>(".run-stop")!;
  const reset = el.querySelector<HTMLButtonElement>(".run-reset")!;
  const status = el.querySelector<HTMLElement>(".run-status")!;
  const result = el.querySelector<HTMLElement>(".run-result")!;
  const out = el.querySelector<HTMLElement>(".run-out")!;
  const views = el.querySelector<HTMLElement>(".run-views")!;
  const original = src.value;
  let worker: Worker | null = null;
  let started = 0;

  const finish = (state: string, label: string) => {
    el.dataset.state = state;
    status.textContent = label;
    go.disabled = false;
    stop.disabled = true;
  };
  const kill = () => {
    worker?.terminate();
    worker = null;
  };

  go.addEventListener("click", () => {
    kill();
    worker = new Worker(el.dataset.worker!);
    started = performance.now();
    el.dataset.state = "running";
    status.textContent = "running…";
    go.disabled = true;
    stop.disabled = false;
    worker.onmessage = (e: MessageEvent<RunResult>) => {
      const r = e.data;
      result.hidden = false;
      out.textContent = r.output + (r.error ? (r.output && !r.output.endsWith("\n") ? "\n" : "") + r.error : "") || "(no output)";
      out.classList.toggle("has-error", Boolean(r.error));
      views.replaceChildren();
      for (const v of r.views) {
        const d = document.createElement("details");
        d.open = !v.folded;
        d.className = "run-view";
        const s = document.createElement("summary");
        s.textContent = v.title;
        const body = document.createElement("div");
        body.innerHTML = v.html;
        d.append(s, body);
        views.append(d);
      }
      const ms = Math.round(performance.now() - started);
      finish(r.error ? (r.budget ? "budget" : "error") : "done", `${r.error ? (r.budget ? "budget ran out" : "error") : "done"}: ${r.steps.toLocaleString("en")} steps, ${ms} ms`);
      kill();
    };
    worker.onerror = (e) => {
      e.preventDefault();
      result.hidden = false;
      out.textContent = `the ${el.dataset.kind} runtime failed to load: ${e.message}`;
      out.classList.add("has-error");
      finish("error", "error");
      kill();
    };
    const request: RunRequest = { source: src.value, steps: el.dataset.steps ? Number(el.dataset.steps) : undefined };
    worker.postMessage(request);
  });

  stop.addEventListener("click", () => {
    kill();
    result.hidden = false;
    out.textContent = "stopped";
    finish("stopped", "stopped");
  });

  reset.addEventListener("click", () => {
    src.value = original;
  });

  // Tab inserts indentation instead of leaving the editor; Shift+Tab removes it; Escape then Tab leaves.
  let escaped = false;
  src.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      escaped = true;
      return;
    }
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (!go.disabled) go.click();
      return;
    }
    if (e.key !== "Tab" || escaped) {
      escaped = false;
      return;
    }
    e.preventDefault();
    const { selectionStart: a, selectionEnd: b, value } = src;
    const lineStart = value.lastIndexOf("\n", a - 1) + 1;
    if (e.shiftKey) {
      const strip = /^ {1,4}/.exec(value.slice(lineStart))?.[0].length ?? 0;
      src.setRangeText("", lineStart, lineStart + strip, "preserve");
    } else if (a === b) {
      src.setRangeText("    ", a, b, "end");
    } else {
      const block = value.slice(lineStart, b).replace(/^/gm, "    ");
      src.setRangeText(block, lineStart, b, "select");
    }
  });
}

document.querySelectorAll<HTMLElement>(".run").forEach(setupBlock);
