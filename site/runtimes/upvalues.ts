// The `upvalues` runtime, chapter 04's stepper: a Lua block runs on our VM under the tracer (src/lua/ltrace.ts),
// one instruction at a time, and the page shows the stack, closures and upvalue arrows after each instruction
// that changed the upvalues (an OP_CLOSURE, a close on block exit, a return), in order.
import { stepSvg } from "../../src/lua/closure-svg.ts";
import { trace, type Step } from "../../src/lua/ltrace.ts";
import { BudgetExceeded, GuestError, type Runtime, type Session } from "../runtime.ts";

/** Pictures shown at most, the first ones being the ones that teach. */
const MAX_PICTURES = 12;

/** What the picture shows of a step: its open and closed upvalues, and who holds them. */
function upvalueState(s: Step): string {
  const show = (u: Step["open"][number]) => `${u.id}@${u.level}:${u.heldBy.map((h) => h.closure).join(",")}`;
  return `${s.open.map(show).join(" ")}|${s.closed.map(show).join(" ")}|${s.tbc.join(",")}`;
}

const upvalues: Runtime = {
  language: "lua",
  steps: 100_000,
  run(source: string, session: Session): void {
    const t = trace(source, { chunkname: "=stdin", limit: session.limit });
    session.step(t.steps.length);
    session.print(new TextDecoder().decode(Uint8Array.from(t.output, (c) => c.charCodeAt(0) & 0xff)));
    let before = "||";
    let shown = 0;
    for (const step of t.steps) {
      const now = upvalueState(step);
      if (now === before) continue;
      before = now;
      if (shown++ === MAX_PICTURES) break;
      const title = `after instruction ${step.n}: ${step.op} (line ${step.line}, ${step.fn})`;
      session.view({ title, html: stepSvg(step, title), folded: shown > 3 });
    }
    if (t.error !== null) {
      if (t.steps.length >= session.limit) throw new BudgetExceeded(session.limit);
      throw new GuestError(`lua: ${t.error}`);
    }
  },
};

export default upvalues;
