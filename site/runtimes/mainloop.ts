// The `mainloop` runtime, chapter 02's loop on the simulated poller: a block is a small scenario (timers on
// their clocks, bottom halves, QMP commands arriving on the monitor's socket), our QEMU runs it with virtual
// time, and the page shows every step of every main_loop_wait, from the loop's own trace points, with the
// monitor's replies where they were written, and the timeline picture of the chapter.
//   timer NAME realtime|virtual|host AT [every MS] [then bh NAME2]   a timer due AT ms on its clock
//   bh NAME [at MS]          schedule a bottom half now, or at MS from another thread
//   idle NAME [at MS]        an idle bottom half (qemu_bh_schedule_idle)
//   qmp AT JSON              these bytes arrive on the QMP socket at AT ms
//   run UNTIL                end the run at UNTIL ms (default 10)
// The VM is started with -S: the virtual clock stands still until a `cont` arrives.
import { aio_bh_new, qemu_bh_schedule, qemu_bh_schedule_idle, type QEMUBH } from "../../src/qemu/async.ts";
import { MemChardev, NullChardev } from "../../src/qemu/chardev.ts";
import { main_loop_wait, qemu_notify_event, qemu_timer_new } from "../../src/qemu/main-loop.ts";
import { QmpMonitor } from "../../src/qemu/monitor/qmp.ts";
import { CLOCK_NAMES, QEMUClockType, SCALE_MS, SCALE_NS, timer_mod_ns } from "../../src/qemu/qemu-timer.ts";
import { SimPoller } from "../../src/qemu/sim-poller.ts";
import { StandInAccelerator, standInBoard } from "../../src/qemu/standin-cpu.ts";
import { renderSvg } from "../../src/qemu/timeline.ts";
import { record, type TraceEvent } from "../../src/qemu/trace.ts";
import { Qemu } from "../../src/qemu/vl.ts";
import { GuestError, type Runtime, type Session } from "../runtime.ts";

type Line =
  | { kind: "timer"; name: string; clock: QEMUClockType; at: number; every?: number; then?: string }
  | { kind: "bh" | "idle"; name: string; at?: number }
  | { kind: "qmp"; at: number; json: string }
  | { kind: "run"; until: number };

const USAGE = "timer NAME realtime|virtual|host AT [every MS] [then bh NAME], bh NAME [at MS], idle NAME [at MS], qmp AT JSON, run UNTIL";

function ms(text: string | undefined, what: string): number {
  const v = Number(text);
  if (text === undefined || text === "" || !Number.isFinite(v) || v < 0) throw new Error(`${what}: expected a time in ms (such as 2.5), got '${text ?? ""}'`);
  return v;
}

function parse(source: string): Line[] {
  const lines: Line[] = [];
  source.split("\n").forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) return;
    const [word, ...args] = line.split(/\s+/);
    try {
      if (word === "timer") {
        const [name, clock, at, ...rest] = args;
        const type = CLOCK_NAMES.indexOf(clock as (typeof CLOCK_NAMES)[number]);
        if (!name) throw new Error("timer needs a name");
        if (type < 0) throw new Error(`unknown clock '${clock ?? ""}' (realtime, virtual or host)`);
        const t: Line = { kind: "timer", name, clock: type, at: ms(at, "timer") };
        for (let j = 0; j < rest.length; j += 2) {
          if (rest[j] === "every") t.every = ms(rest[j + 1], "every");
          else if (rest[j] === "then" && rest[j + 1] === "bh" && rest[j + 2]) t.then = rest[++j + 1];
          else throw new Error(`unexpected '${rest.slice(j).join(" ")}' (say 'every MS' or 'then bh NAME')`);
        }
        if (t.every === 0) throw new Error("every 0 would fire for ever in the same instant");
        lines.push(t);
      } else if (word === "bh" || word === "idle") {
        const [name, atWord, at] = args;
        if (!name) throw new Error(`${word} needs a name`);
        if (atWord !== undefined && atWord !== "at") throw new Error(`unexpected '${atWord}' (say '${word} ${name} at MS')`);
        lines.push({ kind: word, name, at: atWord ? ms(at, word) : undefined });
      } else if (word === "qmp") {
        const at = ms(args[0], "qmp");
        const json = line.replace(/^qmp\s+\S+\s*/, "");
        if (!json) throw new Error("qmp needs the bytes that arrive, such as {\"execute\":\"query-status\"}");
        lines.push({ kind: "qmp", at, json });
      } else if (word === "run") {
        lines.push({ kind: "run", until: ms(args[0], "run") });
      } else throw new Error(`unknown line '${word}' (lines: ${USAGE})`);
    } catch (e) {
      throw new GuestError(`line ${i + 1}: ${(e as Error).message}`);
    }
  });
  return lines;
}

/** The QMP socket: what the monitor writes is kept, with where it fell in the trace. */
class Socket extends MemChardev {
  readonly replies: { at: number; t: number; text: string }[] = [];
  constructor(private readonly position: () => { at: number; t: number }) {
    super("qmp-socket");
  }
  override write(bytes: Uint8Array): void {
    super.write(bytes);
    this.replies.push({ ...this.position(), text: new TextDecoder().decode(bytes).trimEnd() });
  }
}

const LABEL: Record<TraceEvent["kind"], string> = {
  iteration: "", prepare: "prepare", "poll-begin": "poll", "poll-end": "poll returned", dispatch: "dispatch",
  bh: "bh", fd: "fd handler", timer: "timer", notify: "aio_notify",
};
/** Columns of the picture: a long run is drawn up to here (the text shows all of it). */
const PICTURE_EVENTS = 40;

const mainloop: Runtime = {
  language: "text",
  steps: 2_000,
  async run(source: string, session: Session): Promise<void> {
    const lines = parse(source);
    const sim = new SimPoller();
    let events: TraceEvent[] = [];
    const chr = new Socket(() => ({ at: events.length, t: sim.now }));
    const qemu = new Qemu(sim, standInBoard(new StandInAccelerator(), 1 << 16, new NullChardev("null")), { startPaused: true, snapshotDir: null, cpu: { slice_ns: SCALE_MS, budget: 7 } });
    const loop = qemu.loop;
    new QmpMonitor(qemu, chr);
    // The client connects and negotiates before the scenario starts.
    chr.send('{"execute":"qmp_capabilities"}\n');
    for (let i = 0; i < 4; i++) await main_loop_wait(loop, true);
    chr.replies.length = 0;

    const bhs = new Map<string, QEMUBH>();
    const bh = (name: string) => bhs.get(name) ?? bhs.set(name, aio_bh_new(loop.qemu_aio_context, () => {}, name)).get(name)!;
    let until = 10;
    for (const l of lines) {
      if (l.kind === "timer") {
        const clock = l.clock;
        const timer = qemu_timer_new(loop, clock, SCALE_NS, () => {
          if (l.then) qemu_bh_schedule(bh(l.then));
          if (l.every) timer_mod_ns(timer, loop.clocks.qemu_clock_get_ns(clock) + l.every * SCALE_MS);
        }, l.name);
        timer_mod_ns(timer, loop.clocks.qemu_clock_get_ns(clock) + l.at * SCALE_MS);
      } else if (l.kind === "bh" || l.kind === "idle") {
        const schedule = l.kind === "bh" ? () => qemu_bh_schedule(bh(l.name)) : () => qemu_bh_schedule_idle(bh(l.name));
        if (l.at === undefined) schedule();
        else sim.at(l.at * SCALE_MS, `${l.kind} ${l.name}`, schedule);
      } else if (l.kind === "qmp") sim.at(l.at * SCALE_MS, "qmp", () => chr.send(`${l.json}\n`));
      else if (l.kind === "run") until = l.until;
    }
    let done = false;
    sim.at(until * SCALE_MS, "end of the run", () => {
      done = true;
      qemu_notify_event(loop); // wake the poll so the run ends on time
    });

    const rec = record(() => sim.now);
    events = rec.events;
    try {
      while (!done) {
        session.step();
        await main_loop_wait(loop, false);
        if (qemu.runstate.main_loop_should_exit()) break; // a `quit` arrived
      }
    } finally {
      rec.stop();
    }

    const out: string[] = [];
    const time = (t: number) => (t / SCALE_MS).toFixed(3).padStart(8);
    let r = 0;
    const replies = (upTo: number) => {
      for (; r < chr.replies.length && chr.replies[r].at <= upTo; r++) out.push(`${time(chr.replies[r].t)}    ${"qmp reply".padEnd(13)} ${chr.replies[r].text}`);
    };
    events.forEach((e, i) => {
      replies(i);
      out.push(e.kind === "iteration" ? `${time(e.t)}  main_loop_wait` : `${time(e.t)}    ${LABEL[e.kind].padEnd(13)} ${e.name}`);
    });
    replies(Infinity);
    out.push(`run ended at ${(sim.now / SCALE_MS).toFixed(3)} ms (virtual time); VM ${qemu.runstate.current_run_state}`);
    session.print(`${out.join("\n")}\n`);
    const t0 = events[0]?.t ?? 0;
    const shown = events.slice(0, PICTURE_EVENTS).map((e) => ({ ...e, t: e.t - t0 }));
    const title = events.length > PICTURE_EVENTS ? `The first ${PICTURE_EVENTS} of ${events.length} steps` : "Every step of the run";
    session.view({ title, html: renderSvg(shown, `${title} on the simulated loop (times are virtual ms)`), folded: true });
  },
};

export default mainloop;
