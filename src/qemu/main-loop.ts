// QEMU 7.2 util/main-loop.c: the main loop. QEMU's main thread runs main_loop_wait over and over
// (softmmu/runstate.c: qemu_main_loop). Each call computes how long it may sleep, drops the BQL, polls
// every descriptor of the main AioContext and of the iohandler context, takes the BQL back, dispatches
// what became ready, and runs the expired timers of main_loop_tlg.
import {
  AioContext,
  aio_bh_new,
  aio_ctx_check,
  aio_ctx_prepare,
  qemu_bh_schedule,
  type QEMUBH,
} from "./async.ts";
import { aio_dispatch, aio_pollfds } from "./aio-posix.ts";
import { QemuMutex } from "./bql.ts";
import { G_IO_IN, type Fd, type PollFd, type Poller } from "./poll.ts";
import {
  Clocks,
  QEMUClockType,
  QEMUTimerListGroup,
  qemu_soonest_timeout,
  timer_new,
  timerlist_run_timers,
  type QEMUTimer,
} from "./qemu-timer.ts";
import { main_loop_wait } from "./seams.ts";
import { trace } from "./trace.ts";
import { aio_set_fd_handler } from "./aio-posix.ts";

// #region main-loop-state
/** The state util/main-loop.c keeps in globals (qemu_aio_context, iohandler_ctx, main_loop_tlg, ...). */
export class MainLoop {
  readonly clocks: Clocks;
  /** The main AioContext: BHs and fd handlers of the block layer, qemu_notify_event's BH. */
  readonly qemu_aio_context: AioContext;
  /**
   * The iohandler context: fd handlers set with qemu_set_fd_handler (chardevs, the monitor). It is a
   * separate context so that aio_poll(qemu_aio_context) in the block layer never runs them.
   */
  readonly iohandler_ctx: AioContext;
  /** Timers that are not tied to a context (qemu-timer.c: main_loop_tlg). */
  readonly main_loop_tlg: QEMUTimerListGroup;
  /** qemu_notify_event schedules it; its only job is to make the poll return. */
  readonly qemu_notify_bh: QEMUBH;
  /** The big QEMU lock: the main loop holds it except while it polls. */
  readonly bql: QemuMutex;

  constructor(
    readonly poller: Poller,
    bql = new QemuMutex(),
  ) {
    this.clocks = new Clocks(poller);
    this.qemu_aio_context = new AioContext("qemu_aio_context", this.clocks, poller);
    this.iohandler_ctx = new AioContext("iohandler_ctx", this.clocks, poller);
    // qemu_init_main_loop: init_clocks(qemu_timer_notify_cb), which calls qemu_notify_event.
    this.main_loop_tlg = new QEMUTimerListGroup(this.clocks, () => qemu_notify_event(this));
    this.qemu_notify_bh = aio_bh_new(this.qemu_aio_context, () => {}, "notify_event_cb");
    this.bql = bql;
    this.bql.lock();
  }
}
// #endregion main-loop-state

/** QEMU 7.2 util/main-loop.c: qemu_notify_event: wake the main loop from a poll, from any thread. */
export function qemu_notify_event(loop: MainLoop): void {
  qemu_bh_schedule(loop.qemu_notify_bh);
}

/** QEMU 7.2 util/main-loop.c: qemu_set_fd_handler: an fd handler on the iohandler context. */
export function qemu_set_fd_handler(loop: MainLoop, fd: Fd, fd_read: (() => void) | null, fd_write: (() => void) | null): void {
  aio_set_fd_handler(loop.iohandler_ctx, fd, fd_read, fd_write);
}

/** QEMU 7.2 include/qemu/timer.h: timer_new_ns etc. on main_loop_tlg (QEMU_CLOCK_* timers of devices). */
export function qemu_timer_new(loop: MainLoop, type: QEMUClockType, scale: number, cb: () => void, name?: string): QEMUTimer {
  return timer_new(loop.main_loop_tlg.tl[type], scale, cb, name);
}

/** One context's part of the poll: its descriptors and its notifier, and the timeout it allows. */
interface Source {
  ctx: AioContext;
  fds: PollFd[];
}

/** What glib_pollfds_fill gathered for one iteration. */
export interface PollSet {
  sources: Source[];
  fds: PollFd[];
  timeout_ns: number;
}

// #region fill-poll-dispatch
/**
 * QEMU 7.2 util/main-loop.c: glib_pollfds_fill. glib asks each attached GSource to prepare (for an
 * AioContext that is aio_ctx_prepare: "I have a BH, do not sleep" or "my first timer is in 3 ms") and
 * gathers their descriptors; the shortest timeout wins.
 */
export function glib_pollfds_fill(loop: MainLoop, timeout_ns: number): PollSet {
  trace("prepare", "glib_pollfds_fill");
  const sources: Source[] = [];
  const fds: PollFd[] = [];
  for (const ctx of [loop.qemu_aio_context, loop.iohandler_ctx]) {
    timeout_ns = qemu_soonest_timeout(timeout_ns, aio_ctx_prepare(ctx));
    const own = aio_pollfds(ctx);
    own.push({ fd: ctx.notifier.fd, events: G_IO_IN, revents: 0 });
    sources.push({ ctx, fds: own });
    fds.push(...own);
  }
  return { sources, fds, timeout_ns };
}

/** QEMU 7.2 util/qemu-timer.c: qemu_poll_ns: ppoll(2) with a nanosecond timeout; here, the poller. */
export async function qemu_poll_ns(loop: MainLoop, fds: PollFd[], timeout_ns: number): Promise<number> {
  trace("poll-begin", `timeout ${timeout_ns < 0 ? "infinite" : `${timeout_ns} ns`}`);
  const ret = await loop.poller.poll(fds, timeout_ns);
  trace("poll-end", `${ret} ready`);
  return ret;
}

/** QEMU 7.2 util/main-loop.c: glib_pollfds_poll: g_main_context_check, then dispatch each ready source. */
export function glib_pollfds_poll(set: PollSet): void {
  for (const { ctx, fds } of set.sources) {
    let fdReady = false;
    for (const p of fds) if (p.fd !== ctx.notifier.fd && p.revents !== 0) fdReady = true;
    if (aio_ctx_check(ctx, fdReady)) aio_dispatch(ctx);
  }
}

/** QEMU 7.2 util/qemu-timer.c: qemu_clock_run_all_timers: the expired timers of main_loop_tlg, clock by clock. */
export function qemu_clock_run_all_timers(loop: MainLoop): boolean {
  let progress = false;
  for (const tl of loop.main_loop_tlg.tl) progress = timerlist_run_timers(tl) || progress;
  return progress;
}
// #endregion fill-poll-dispatch

export { main_loop_wait };

/** Runs main_loop_wait until `done()` says stop (QEMU 7.2 softmmu/runstate.c: qemu_main_loop). */
export async function run_main_loop(loop: MainLoop, done: () => boolean): Promise<void> {
  while (!done()) await main_loop_wait(loop, false);
}
