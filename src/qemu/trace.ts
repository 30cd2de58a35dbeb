// The loop's trace points, in the spirit of QEMU's trace-events (util/trace-events in QEMU 7.2 has
// aio_co_schedule, timer_mod, ...). A recorder installs a sink; with none installed a trace point costs
// one comparison. The chapter's timeline picture is drawn from these events.
export type TraceKind = "iteration" | "prepare" | "poll-begin" | "poll-end" | "dispatch" | "bh" | "fd" | "timer" | "notify";

export interface TraceEvent {
  /** ns on the tracer's clock (the simulated poller's, in tests and pictures). */
  t: number;
  kind: TraceKind;
  name: string;
}

let sink: ((kind: TraceKind, name: string) => void) | null = null;

export function trace(kind: TraceKind, name: string): void {
  if (sink) sink(kind, name);
}

/** Records every trace point into the returned array, timestamped by `now`, until `stop()`. */
export function record(now: () => number): { events: TraceEvent[]; stop(): void } {
  const events: TraceEvent[] = [];
  sink = (kind, name) => events.push({ t: now(), kind, name });
  return { events, stop: () => void (sink = null) };
}
