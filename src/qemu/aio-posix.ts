// QEMU 7.2 util/aio-posix.c: fd handlers on an AioContext, and aio_poll, the loop of a context that is
// not the main loop (an IOThread, or a block job waiting in place with AIO_WAIT_WHILE).
import { aio_bh_poll, aio_compute_timeout, aio_notify_accept, type AioContext } from "./async.ts";
import { G_IO_ERR, G_IO_HUP, G_IO_IN, G_IO_OUT, pollReady, type Fd, type PollFd } from "./poll.ts";
import { timerlistgroup_run_timers } from "./qemu-timer.ts";
import { trace } from "./trace.ts";

/** QEMU 7.2 util/aio-posix.h: AioHandler. */
export interface AioHandler {
  fd: Fd;
  io_read: (() => void) | null;
  io_write: (() => void) | null;
  /** The events seen by the last poll. */
  pfd: PollFd;
}

// #region set-fd-handler
/**
 * QEMU 7.2 util/aio-posix.c: aio_set_fd_handler. Registers (or, with both handlers null, removes) the
 * read and write callbacks of a descriptor; the next poll of the context watches it.
 */
export function aio_set_fd_handler(ctx: AioContext, fd: Fd, io_read: (() => void) | null, io_write: (() => void) | null): void {
  if (!io_read && !io_write) {
    ctx.aio_handlers.delete(fd);
  } else {
    const events = (io_read ? G_IO_IN : 0) | (io_write ? G_IO_OUT : 0);
    ctx.aio_handlers.set(fd, { fd, io_read, io_write, pfd: { fd, events, revents: 0 } });
  }
  // aio_notify: a poll already blocked must pick up the new set of descriptors.
  if (ctx.notify_me) ctx.notifier.set();
}
// #endregion set-fd-handler

/** The descriptors a poll of `ctx` waits on: its handlers' plus its notifier (aio_context_new registers it). */
export function aio_pollfds(ctx: AioContext): PollFd[] {
  const fds: PollFd[] = [];
  for (const h of ctx.aio_handlers.values()) fds.push(h.pfd);
  return fds;
}

// #region dispatch-handlers
/** QEMU 7.2 util/aio-posix.c: aio_dispatch_handler(s): call the read/write callbacks of ready descriptors. */
export function aio_dispatch_handlers(ctx: AioContext): boolean {
  let progress = false;
  for (const node of [...ctx.aio_handlers.values()]) {
    const revents = node.pfd.revents;
    node.pfd.revents = 0;
    if (ctx.aio_handlers.get(node.fd) !== node) continue; // removed by an earlier callback
    if (revents & (G_IO_IN | G_IO_HUP | G_IO_ERR) && node.io_read) {
      trace("fd", `${node.fd.name} read`);
      node.io_read();
      progress = true;
    }
    if (revents & (G_IO_OUT | G_IO_ERR) && node.io_write) {
      trace("fd", `${node.fd.name} write`);
      node.io_write();
      progress = true;
    }
  }
  return progress;
}
// #endregion dispatch-handlers

/**
 * QEMU 7.2 util/aio-posix.c: aio_dispatch, which the main loop calls through the context's GSource
 * (aio_ctx_dispatch): bottom halves, then fd handlers, then the context's timers.
 */
export function aio_dispatch(ctx: AioContext): void {
  trace("dispatch", ctx.name);
  aio_bh_poll(ctx);
  aio_dispatch_handlers(ctx);
  timerlistgroup_run_timers(ctx.tlg);
}

// #region aio-poll
/**
 * QEMU 7.2 util/aio-posix.c: aio_poll. One iteration of a context's own loop: when blocking, announce it
 * (notify_me += 2, so aio_notify kicks the notifier), wait up to the context's timeout, then run BHs, fd
 * handlers and timers. Returns whether any callback made progress.
 */
export async function aio_poll(ctx: AioContext, blocking: boolean): Promise<boolean> {
  if (blocking) ctx.notify_me += 2;
  const timeout = blocking ? aio_compute_timeout(ctx) : 0;
  const fds = [...aio_pollfds(ctx), { fd: ctx.notifier.fd, events: G_IO_IN, revents: 0 }];
  if (timeout === 0) pollReady(fds);
  else await ctx.poller.poll(fds, timeout);
  if (blocking) {
    ctx.notify_me -= 2;
    aio_notify_accept(ctx);
  }
  let progress = aio_bh_poll(ctx);
  progress = aio_dispatch_handlers(ctx) || progress;
  progress = timerlistgroup_run_timers(ctx.tlg) || progress;
  return progress;
}
// #endregion aio-poll
