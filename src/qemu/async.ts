// QEMU 7.2 util/async.c: the AioContext, bottom halves, and aio_notify.
// A bottom half (BH) is a callback scheduled to run soon on a context's thread: "after this handler
// returns, but before the loop sleeps". Scheduling one is cheap and safe from any thread, which is why
// timers, vCPU threads and I/O completions hand work to the loop through BHs.
import { aio_bh_poll } from "./seams.ts";
import { EventNotifier, type Poller } from "./poll.ts";
import { Clocks, QEMUTimerListGroup, qemu_soonest_timeout, timerlistgroup_deadline_ns } from "./qemu-timer.ts";
import { trace } from "./trace.ts";
import type { AioHandler } from "./aio-posix.ts";

// #region bh-flags
/** QEMU 7.2 util/async.c: the BH flags. */
/** Already enqueued and not yet dequeued by aio_bh_poll. */
export const BH_PENDING = 1 << 0;
/** Invoke the callback. */
export const BH_SCHEDULED = 1 << 1;
/** Delete without invoking the callback. */
export const BH_DELETED = 1 << 2;
/** Delete after invoking the callback. */
export const BH_ONESHOT = 1 << 3;
/** Schedule periodically when the event loop is idle. */
export const BH_IDLE = 1 << 4;
// #endregion bh-flags

/** QEMU 7.2 util/async.c: QEMUBH. */
export class QEMUBH {
  flags = 0;
  constructor(
    readonly ctx: AioContext,
    readonly name: string,
    readonly cb: () => void,
  ) {}
}

/**
 * QEMU 7.2 util/async.c: BHListSlice. aio_bh_poll moves the whole bh_list into a slice and walks it; BHs
 * scheduled while it walks land on the fresh bh_list and wait for the next aio_bh_poll.
 */
export interface BHListSlice {
  bh_list: QEMUBH[];
}

// #region aio-context
/** QEMU 7.2 include/block/aio.h: AioContext (the parts this course models). */
export class AioContext {
  /**
   * Newly enqueued BHs. QEMU's list is a QSLIST pushed at its head (QSLIST_INSERT_HEAD_ATOMIC) and taken
   * from its head, so the newest BH runs first; ours keeps the head at the array's end (push and pop).
   */
  bh_list: QEMUBH[] = [];
  /** Slices being walked by (possibly nested) aio_bh_poll calls. */
  readonly bh_slice_list: BHListSlice[] = [];
  /** Registered fd handlers (aio_set_fd_handler), keyed by descriptor. */
  readonly aio_handlers = new Map<object, AioHandler>();
  /** Wakes a poll blocked on this context: aio_notify sets it, aio_notify_accept clears it. */
  readonly notifier: EventNotifier;
  /** Bit 0: the main loop is about to poll (aio_ctx_prepare); += 2: aio_poll is about to block. */
  notify_me = 0;
  /** aio_notify happened since the last aio_notify_accept. */
  notified = false;
  readonly tlg: QEMUTimerListGroup;

  constructor(
    readonly name: string,
    clocks: Clocks,
    /** The host's poll: ppoll(2) in QEMU (fdmon-poll.c), libuv or a simulation here. */
    readonly poller: Poller,
  ) {
    this.notifier = new EventNotifier(`${name}-notifier`);
    // QEMU 7.2 util/async.c: aio_context_new: timerlistgroup_init(&ctx->tlg, aio_timerlist_notify, ctx)
    this.tlg = new QEMUTimerListGroup(clocks, () => aio_notify(this));
  }
}
// #endregion aio-context

/** QEMU 7.2 util/async.c: aio_bh_new (aio_bh_new_full). */
export function aio_bh_new(ctx: AioContext, cb: () => void, name = "bh"): QEMUBH {
  return new QEMUBH(ctx, name, cb);
}

// #region bh-enqueue
/** QEMU 7.2 util/async.c: aio_bh_enqueue. Sets flags; links the BH once; wakes the context. */
export function aio_bh_enqueue(bh: QEMUBH, new_flags: number): void {
  const old_flags = bh.flags; // qatomic_fetch_or
  bh.flags |= BH_PENDING | new_flags;
  if (!(old_flags & BH_PENDING)) bh.ctx.bh_list.push(bh);
  aio_notify(bh.ctx);
}

/** QEMU 7.2 util/async.c: aio_bh_dequeue. Takes the head and clears PENDING, SCHEDULED and IDLE. */
export function aio_bh_dequeue(list: QEMUBH[]): { bh: QEMUBH; flags: number } | undefined {
  const bh = list.pop();
  if (!bh) return undefined;
  const flags = bh.flags; // qatomic_fetch_and
  bh.flags &= ~(BH_PENDING | BH_SCHEDULED | BH_IDLE);
  return { bh, flags };
}
// #endregion bh-enqueue

/** QEMU 7.2 util/async.c: aio_bh_call. */
export function aio_bh_call(bh: QEMUBH): void {
  trace("bh", bh.name);
  bh.cb();
}

/** QEMU 7.2 util/async.c: qemu_bh_schedule. */
export function qemu_bh_schedule(bh: QEMUBH): void {
  aio_bh_enqueue(bh, BH_SCHEDULED);
}

/** QEMU 7.2 util/async.c: qemu_bh_schedule_idle: runs when the loop is idle, at least every 10 ms. */
export function qemu_bh_schedule_idle(bh: QEMUBH): void {
  aio_bh_enqueue(bh, BH_SCHEDULED | BH_IDLE);
}

/** QEMU 7.2 util/async.c: aio_bh_schedule_oneshot: a BH that runs once and is freed. */
export function aio_bh_schedule_oneshot(ctx: AioContext, cb: () => void, name = "oneshot"): void {
  aio_bh_enqueue(new QEMUBH(ctx, name, cb), BH_SCHEDULED | BH_ONESHOT);
}

/** QEMU 7.2 util/async.c: qemu_bh_cancel: it stays linked, but aio_bh_poll will not call it. */
export function qemu_bh_cancel(bh: QEMUBH): void {
  bh.flags &= ~BH_SCHEDULED;
}

/** QEMU 7.2 util/async.c: qemu_bh_delete: freed by the next aio_bh_poll, never called. */
export function qemu_bh_delete(bh: QEMUBH): void {
  aio_bh_enqueue(bh, BH_DELETED);
}

// #region notify
/** QEMU 7.2 util/async.c: aio_notify. Only kicks the notifier when someone is (about to be) polling. */
export function aio_notify(ctx: AioContext): void {
  ctx.notified = true;
  if (ctx.notify_me) {
    trace("notify", ctx.name);
    ctx.notifier.set();
  }
}

/** QEMU 7.2 util/async.c: aio_notify_accept. */
export function aio_notify_accept(ctx: AioContext): void {
  ctx.notified = false;
  ctx.notifier.test_and_clear();
}
// #endregion notify

// #region compute-timeout
/**
 * QEMU 7.2 util/async.c: aio_compute_timeout. 0 if a BH is scheduled (it must run now), 10 ms if only
 * idle BHs are, otherwise the context's earliest timer deadline (-1 if none).
 */
export function aio_compute_timeout(ctx: AioContext): number {
  let timeout = -1;
  const lists = [ctx.bh_list, ...ctx.bh_slice_list.map((s) => s.bh_list)];
  for (const list of lists) {
    for (const bh of list) {
      if ((bh.flags & (BH_SCHEDULED | BH_DELETED)) === BH_SCHEDULED) {
        if (bh.flags & BH_IDLE) timeout = 10_000_000; // idle bottom halves will be polled at least every 10ms
        else return 0; // non-idle bottom halves will be executed immediately
      }
    }
  }
  const deadline = timerlistgroup_deadline_ns(ctx.tlg);
  if (deadline === 0) return 0;
  return qemu_soonest_timeout(timeout, deadline);
}
// #endregion compute-timeout

/** QEMU 7.2 util/async.c: aio_ctx_prepare (the GSource prepare of a context attached to the main loop). */
export function aio_ctx_prepare(ctx: AioContext): number {
  ctx.notify_me |= 1;
  return aio_compute_timeout(ctx);
}

/** QEMU 7.2 util/async.c: aio_ctx_check: is there anything to dispatch after the poll? */
export function aio_ctx_check(ctx: AioContext, anyFdReady: boolean): boolean {
  ctx.notify_me &= ~1;
  aio_notify_accept(ctx);
  for (const list of [ctx.bh_list, ...ctx.bh_slice_list.map((s) => s.bh_list)]) {
    for (const bh of list) if ((bh.flags & (BH_SCHEDULED | BH_DELETED)) === BH_SCHEDULED) return true;
  }
  return anyFdReady || timerlistgroup_deadline_ns(ctx.tlg) === 0;
}

export { aio_bh_poll };
