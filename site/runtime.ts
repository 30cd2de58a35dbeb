// The contract between the site's runner and a runtime. A runtime is a file site/runtimes/<kind>.ts whose
// default export is a Runtime; a fenced block ```<kind> run in a chapter runs on it, in a Web Worker in the
// browser and in Node under `npm test`. Adding a runtime is adding that file: nothing else changes.

/** Something a run shows besides its text output: a picture, a listing, a table of registers. */
export interface View {
  title: string;
  /** HTML made by the runtime (every piece of guest text escaped with `escapeHtml`). */
  html: string;
  /** Shown folded, behind its title, until the reader opens it (a long listing); open by default. */
  folded?: boolean;
}

/** What a run gives back, as the worker posts it to the page. */
export interface RunResult {
  output: string;
  /** The error as the command-line tool would print it; absent when the run finished cleanly. */
  error?: string;
  /** True when the error is the step budget running out. */
  budget?: boolean;
  views: View[];
  steps: number;
}

/** What a runtime gets to run a block: the step budget, and where its output and views go. */
export interface Session {
  /** The block's budget, for runtimes whose machine counts its own steps (the Lua VM). */
  readonly limit: number;
  /** Counts `n` steps of the guest program; throws BudgetExceeded when the budget is spent. */
  step(n?: number): void;
  print(text: string): void;
  view(view: View): void;
}

export interface Runtime {
  /** The shiki language the block's source is highlighted as. */
  language: string;
  /** The steps a block gets unless its info string says `steps=N`. */
  steps: number;
  /**
   * Runs `source`. Errors in the guest program are thrown as GuestError, in the real tool's words. A runtime
   * whose machine is asynchronous (the QEMU main loop awaits its poll) returns a promise; the budget still
   * holds (step() throws inside it), and Stop still ends the worker at once.
   */
  run(source: string, session: Session): void | Promise<void>;
}

/** An error of the guest program (a syntax error, an exception), with the message the real tool prints. */
export class GuestError extends Error {
  override name = "GuestError";
}

export class BudgetExceeded extends Error {
  override name = "BudgetExceeded";
  constructor(readonly steps: number) {
    super(`stopped: the step budget of ${steps.toLocaleString("en")} steps ran out (give the block more with steps=N after "run")`);
  }
}

/** Runs a block on a runtime with a budget of `steps`; never throws (a promise of it, for an async runtime). */
export function execute(runtime: Runtime, source: string, steps: number): RunResult | Promise<RunResult> {
  let output = "";
  let used = 0;
  const views: View[] = [];
  const session: Session = {
    limit: steps,
    step(n = 1) {
      used += n;
      if (used > steps) throw new BudgetExceeded(steps);
    },
    print(text) {
      output += text;
    },
    view(v) {
      views.push(v);
    },
  };
  const done = (): RunResult => ({ output, views, steps: used });
  const failed = (e: unknown): RunResult => {
    const error = e instanceof GuestError || e instanceof BudgetExceeded ? e.message : `internal error of the ${runtime.language} runtime: ${String(e)}`;
    return { output, error, budget: e instanceof BudgetExceeded, views, steps: Math.min(used, steps) };
  };
  try {
    const ran = runtime.run(source, session);
    return ran instanceof Promise ? ran.then(done, failed) : done();
  } catch (e) {
    return failed(e);
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
