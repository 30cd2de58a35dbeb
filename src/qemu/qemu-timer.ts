// QEMU 7.2 util/qemu-timer.c and include/qemu/timer.h: clocks, timer lists sorted by expiry, deadlines.
// A timer belongs to one timer list; a timer list belongs to one clock and one timer-list group (one group
// per AioContext, plus main_loop_tlg). Times are nanoseconds held in JS numbers, where QEMU has int64_t:
// exact up to 2^53 ns (104 days) for the realtime and virtual clocks; the host clock, ns since 1970
// (about 1.7e18), has steps of 256 ns. -1 means "no deadline", as in QEMU.
import { timerlist_deadline_ns } from "./seams.ts";
import { trace } from "./trace.ts";

/** QEMU 7.2 include/qemu/timer.h: QEMUClockType (QEMU_CLOCK_VIRTUAL_RT is left out: it serves icount). */
export enum QEMUClockType {
  /** The host's monotonic clock: runs while the VM is stopped. Used by the monitor, UI, throttling. */
  QEMU_CLOCK_REALTIME = 0,
  /** Guest time: runs only while the VM runs (cpu_enable_ticks/cpu_disable_ticks). Device timers. */
  QEMU_CLOCK_VIRTUAL = 1,
  /** The host's wall clock: jumps when the host's time is set. Used for the RTC's base. */
  QEMU_CLOCK_HOST = 2,
}
export const QEMU_CLOCK_MAX = 3;
export const CLOCK_NAMES = ["realtime", "virtual", "host"] as const;

export const SCALE_NS = 1;
export const SCALE_US = 1_000;
export const SCALE_MS = 1_000_000;

/** Where the clocks get their time: the host's (for real I/O) or a simulated one (for tests and pictures). */
export interface TimeSource {
  /** A monotonic clock in ns (clock_gettime(CLOCK_MONOTONIC)). */
  monotonicNs(): number;
  /** The wall clock in ns since the Unix epoch (gettimeofday). */
  wallNs(): number;
}

/** QEMU 7.2 util/qemu-timer.c: QEMUClock. */
export class QEMUClock {
  enabled = true;
  /** The timer lists on this clock, one per group (main_loop_tlg and each AioContext's tlg). */
  readonly timerlists = new Set<QEMUTimerList>();
  constructor(readonly type: QEMUClockType) {}
}

// #region clocks
/**
 * The three clocks and the virtual clock's offset. QEMU 7.2 softmmu/cpu-timers.c keeps
 * timers_state.cpu_clock_offset: while ticks are enabled the virtual clock is the monotonic clock plus the
 * offset; cpu_disable_ticks freezes it, so guest time does not pass while the VM is stopped.
 */
export class Clocks {
  readonly clocks = [QEMUClockType.QEMU_CLOCK_REALTIME, QEMUClockType.QEMU_CLOCK_VIRTUAL, QEMUClockType.QEMU_CLOCK_HOST].map(
    (t) => new QEMUClock(t),
  );
  private cpu_ticks_enabled = false;
  private cpu_clock_offset: number;

  constructor(readonly source: TimeSource) {
    // The virtual clock starts at 0, frozen until the VM first runs.
    this.cpu_clock_offset = 0;
  }

  /** QEMU 7.2 util/qemu-timer.c: qemu_clock_get_ns. */
  qemu_clock_get_ns(type: QEMUClockType): number {
    switch (type) {
      case QEMUClockType.QEMU_CLOCK_REALTIME:
        return this.source.monotonicNs();
      case QEMUClockType.QEMU_CLOCK_VIRTUAL:
        // softmmu/cpu-timers.c: cpu_get_clock
        return this.cpu_ticks_enabled ? this.source.monotonicNs() + this.cpu_clock_offset : this.cpu_clock_offset;
      case QEMUClockType.QEMU_CLOCK_HOST:
        return this.source.wallNs();
    }
  }

  /** QEMU 7.2 softmmu/cpu-timers.c: cpu_enable_ticks, called by vm_start. */
  cpu_enable_ticks(): void {
    if (this.cpu_ticks_enabled) return;
    this.cpu_clock_offset -= this.source.monotonicNs();
    this.cpu_ticks_enabled = true;
  }

  /** QEMU 7.2 softmmu/cpu-timers.c: cpu_disable_ticks, called by vm_stop. */
  cpu_disable_ticks(): void {
    if (!this.cpu_ticks_enabled) return;
    this.cpu_clock_offset += this.source.monotonicNs();
    this.cpu_ticks_enabled = false;
  }

  /** loadvm: the virtual clock reads `ns` from now on (migration/savevm.c restores timers_state). */
  cpu_clock_set(ns: number): void {
    this.cpu_clock_offset = this.cpu_ticks_enabled ? ns - this.source.monotonicNs() : ns;
  }

  clock(type: QEMUClockType): QEMUClock {
    return this.clocks[type];
  }
}
// #endregion clocks

// #region timer
/** QEMU 7.2 include/qemu/timer.h: QEMUTimer. */
export class QEMUTimer {
  /** Absolute expiry in ns on its clock; -1 while the timer is not pending. */
  expire_time = -1;
  constructor(
    readonly timer_list: QEMUTimerList,
    readonly scale: number,
    readonly cb: () => void,
    readonly name = "timer",
  ) {}
}

/** QEMU 7.2 util/qemu-timer.c: QEMUTimerList. `active_timers` is kept sorted by expire_time. */
export class QEMUTimerList {
  readonly active_timers: QEMUTimer[] = [];
  constructor(
    readonly clocks: Clocks,
    readonly clock: QEMUClock,
    /** Called when the earliest deadline moves earlier: wakes whoever polls for this list. */
    readonly notify_cb: () => void,
  ) {
    clock.timerlists.add(this);
  }
}
// #endregion timer

/** QEMU 7.2 include/qemu/timer.h: qemu_soonest_timeout. -1 (infinite) compares as the largest unsigned. */
export function qemu_soonest_timeout(timeout1: number, timeout2: number): number {
  const u = (t: number) => (t < 0 ? Infinity : t);
  return u(timeout1) < u(timeout2) ? timeout1 : timeout2;
}

/** QEMU 7.2 util/qemu-timer.c: timer_expired_ns. */
export function timer_expired_ns(ts: QEMUTimer | undefined, current_time: number): boolean {
  return ts !== undefined && ts.expire_time >= 0 && ts.expire_time <= current_time;
}

/** QEMU 7.2 include/qemu/timer.h: timer_new_ns / timer_new_ms (timer_init_full). */
export function timer_new(timer_list: QEMUTimerList, scale: number, cb: () => void, name?: string): QEMUTimer {
  return new QEMUTimer(timer_list, scale, cb, name);
}

/** QEMU 7.2 util/qemu-timer.c: timer_pending. */
export function timer_pending(ts: QEMUTimer): boolean {
  return ts.expire_time >= 0;
}

/** QEMU 7.2 util/qemu-timer.c: timer_del. */
export function timer_del(ts: QEMUTimer): void {
  const list = ts.timer_list.active_timers;
  const i = list.indexOf(ts);
  if (i >= 0) list.splice(i, 1);
  ts.expire_time = -1;
}

// #region timer-mod
/**
 * QEMU 7.2 util/qemu-timer.c: timer_mod_ns (with timer_mod_ns_locked). The timer goes after every timer
 * that expires at or before it, so timers with equal expiry run in the order they were set. If it lands
 * at the head, the list's deadline moved earlier and the poller must wake to recompute its timeout.
 */
export function timer_mod_ns(ts: QEMUTimer, expire_time: number): void {
  timer_del(ts);
  const list = ts.timer_list.active_timers;
  let i = 0;
  while (i < list.length && timer_expired_ns(list[i], expire_time)) i++;
  ts.expire_time = Math.max(expire_time, 0);
  list.splice(i, 0, ts);
  if (i === 0) ts.timer_list.notify_cb(); // timerlist_rearm
}
// #endregion timer-mod

/** QEMU 7.2 util/qemu-timer.c: timer_mod: `expire_time` in the timer's scale (ns, us or ms). */
export function timer_mod(ts: QEMUTimer, expire_time: number): void {
  timer_mod_ns(ts, expire_time * ts.scale);
}

// #region run-timers
/**
 * QEMU 7.2 util/qemu-timer.c: timerlist_run_timers. Reads the clock once, then pops and runs each timer
 * whose expiry has passed. A timer is unlinked before its callback runs, so the callback may re-arm it;
 * a re-armed timer that is already due again runs in this same pass.
 */
export function timerlist_run_timers(timer_list: QEMUTimerList): boolean {
  if (timer_list.active_timers.length === 0 || !timer_list.clock.enabled) return false;
  const current_time = timer_list.clocks.qemu_clock_get_ns(timer_list.clock.type);
  let progress = false;
  for (;;) {
    const ts = timer_list.active_timers[0];
    if (!timer_expired_ns(ts, current_time)) break;
    timer_list.active_timers.shift();
    ts.expire_time = -1;
    trace("timer", `${CLOCK_NAMES[timer_list.clock.type]} ${ts.name}`);
    ts.cb();
    progress = true;
  }
  return progress;
}
// #endregion run-timers

/** QEMU 7.2 include/qemu/timer.h: QEMUTimerListGroup, one timer list per clock. */
export class QEMUTimerListGroup {
  readonly tl: QEMUTimerList[];
  constructor(
    readonly clocks: Clocks,
    notify_cb: () => void,
  ) {
    this.tl = clocks.clocks.map((c) => new QEMUTimerList(clocks, c, notify_cb));
  }
}

/** QEMU 7.2 util/qemu-timer.c: timerlistgroup_deadline_ns: the soonest deadline over the group's clocks. */
export function timerlistgroup_deadline_ns(tlg: QEMUTimerListGroup): number {
  let deadline = -1;
  for (const tl of tlg.tl) deadline = qemu_soonest_timeout(deadline, timerlist_deadline_ns(tl));
  return deadline;
}

/** QEMU 7.2 util/qemu-timer.c: timerlistgroup_run_timers. */
export function timerlistgroup_run_timers(tlg: QEMUTimerListGroup): boolean {
  let progress = false;
  for (const tl of tlg.tl) progress = timerlist_run_timers(tl) || progress;
  return progress;
}

/** QEMU 7.2 util/qemu-timer.c: qemu_clock_enable (the VIRTUAL clock is disabled while the VM stops). */
export function qemu_clock_enable(clock: QEMUClock, enabled: boolean): void {
  const old = clock.enabled;
  clock.enabled = enabled;
  if (enabled && !old) for (const tl of clock.timerlists) tl.notify_cb(); // qemu_clock_notify
}

/** QEMU 7.2 util/qemu-timer.c: qemu_timeout_ns_to_ms: round up, so a poll never wakes before a deadline. */
export function qemu_timeout_ns_to_ms(ns: number): number {
  if (ns < 0) return -1;
  if (ns === 0) return 0;
  return Math.ceil(ns / SCALE_MS);
}
