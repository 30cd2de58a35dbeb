// Draws the chapter's picture of main_loop_wait from a real trace: the simulated loop runs a small
// scenario (a QMP `stop` arrives on the monitor's socket while the loop sleeps until a device timer), the
// trace points record every step, and each step becomes a box in its lane, in the order it happened, with
// the virtual time at which it happened. The command is src/qemu/cli/timeline.ts.
import { MemChardev } from "./chardev.ts";
import { qemu_timer_new } from "./main-loop.ts";
import { QmpMonitor } from "./monitor/qmp.ts";
import { QEMUClockType, SCALE_MS, timer_mod_ns } from "./qemu-timer.ts";
import { SimPoller } from "./sim-poller.ts";
import { StandInAccelerator, standInBoard } from "./standin-cpu.ts";
import { record, type TraceEvent } from "./trace.ts";
import { Qemu } from "./vl.ts";
import { main_loop_wait } from "./main-loop.ts";

/** Runs the scenario and returns the trace of the turns from the QMP command's arrival to its reply. */
export async function traceScenario(): Promise<TraceEvent[]> {
  const sim = new SimPoller();
  const chr = new MemChardev("qmp-socket");
  const qemu = new Qemu(sim, standInBoard(new StandInAccelerator(), 1 << 16, new MemChardev("serial")), { startPaused: true, snapshotDir: null });
  new QmpMonitor(qemu, chr);
  chr.send('{"execute":"qmp_capabilities"}\n');
  for (let i = 0; i < 4; i++) await main_loop_wait(qemu.loop, true);
  qemu.runstate.vm_start();
  qemu.cpu.pause(); // keep the vCPU out of the picture: this is about the main loop
  const rtc = qemu_timer_new(qemu.loop, QEMUClockType.QEMU_CLOCK_REALTIME, SCALE_MS, () => {}, "rtc-tick");
  timer_mod_ns(rtc, sim.now + 4 * SCALE_MS);
  await main_loop_wait(qemu.loop, true);
  sim.after(2.5 * SCALE_MS, "QMP bytes arrive", () => chr.send('{"execute":"stop"}\n'));
  const rec = record(() => sim.now);
  for (let i = 0; i < 4; i++) await main_loop_wait(qemu.loop, false);
  rec.stop();
  const t0 = rec.events[0].t;
  return rec.events.map((e) => ({ ...e, t: e.t - t0 }));
}

const LANES: { title: string; kinds: TraceEvent["kind"][]; color: string }[] = [
  { title: "main_loop_wait", kinds: ["iteration", "prepare"], color: "#dbeafe" },
  { title: "poll (BQL released)", kinds: ["poll-begin", "poll-end", "notify"], color: "#fde68a" },
  { title: "dispatch: contexts", kinds: ["dispatch"], color: "#e9d5ff" },
  { title: "bottom halves", kinds: ["bh"], color: "#bbf7d0" },
  { title: "fd handlers", kinds: ["fd"], color: "#fecaca" },
  { title: "timers", kinds: ["timer"], color: "#fed7aa" },
];

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One column per trace event, one row per lane. */
export function renderSvg(events: TraceEvent[], title = "Four turns of main_loop_wait on the simulated loop (times are virtual ms)"): string {
  const colW = 118;
  const rowH = 46;
  const left = 150;
  const top = 40;
  const width = left + events.length * colW + 20;
  const height = top + LANES.length * rowH + 40;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  out.push(`<rect width="100%" height="100%" fill="white"/>`);
  out.push(`<text x="10" y="20" font-size="13" font-weight="bold">${esc(title)}</text>`);
  LANES.forEach((lane, i) => {
    const y = top + i * rowH;
    out.push(`<rect x="0" y="${y}" width="${width}" height="${rowH}" fill="${i % 2 ? "#f8fafc" : "white"}"/>`);
    out.push(`<text x="10" y="${y + rowH / 2 + 4}" font-weight="bold">${esc(lane.title)}</text>`);
  });
  events.forEach((e, j) => {
    const lane = LANES.findIndex((l) => l.kinds.includes(e.kind));
    const x = left + j * colW;
    const y = top + lane * rowH + 6;
    if (e.kind === "iteration") out.push(`<line x1="${x - 4}" y1="${top}" x2="${x - 4}" y2="${top + LANES.length * rowH}" stroke="#64748b" stroke-dasharray="4 3"/>`);
    out.push(`<rect x="${x}" y="${y}" width="${colW - 8}" height="${rowH - 12}" rx="4" fill="${LANES[lane].color}" stroke="#475569"/>`);
    const label = e.kind === "poll-begin" ? `poll: ${e.name.replace("timeout ", "")}` : e.kind === "poll-end" ? `woke: ${e.name}` : e.name;
    const [a, b] = label.length > 18 ? [label.slice(0, 18), label.slice(18, 36)] : [label, ""];
    out.push(`<text x="${x + 5}" y="${y + 14}">${esc(a)}</text>`);
    if (b) out.push(`<text x="${x + 5}" y="${y + 27}">${esc(b)}</text>`);
    out.push(`<text x="${x + 5}" y="${top + LANES.length * rowH + 16}" fill="#475569">${(e.t / SCALE_MS).toFixed(1)}</text>`);
  });
  out.push(`<text x="10" y="${top + LANES.length * rowH + 16}" fill="#475569">virtual time (ms)</text>`);
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
