// The real poller: the loop rides on Node's own event loop (libuv), which is itself a poll loop
// (epoll_wait in uv__io_poll). A wait is a promise that a descriptor's signal() or a timer resolves;
// while it waits, libuv runs and reads sockets and pipes into the Fd sources' buffers.
import { pollReady, type PollFd, type Poller } from "./poll.ts";

/** How long the loop may go on without letting libuv run (and read the sockets). */
const UV_TURN_NS = 1_000_000;

export class UvPoller implements Poller {
  /** When libuv last ran: a wait ended in a libuv callback. */
  private lastTurn = 0;

  monotonicNs(): number {
    return Number(process.hrtime.bigint());
  }

  wallNs(): number {
    return Date.now() * 1_000_000;
  }

  // #region uv-poll
  poll(fds: PollFd[], timeout_ns: number): Promise<number> {
    const n = pollReady(fds);
    // Something is ready, or the loop must not sleep: go on at once (a microtask, no libuv turn), unless
    // libuv has not run for UV_TURN_NS. A loop kept busy by BHs, timers or a vCPU must still let libuv read
    // the sockets; a loop that just woke for a socket need not wait for another turn to handle it.
    if ((n > 0 || timeout_ns === 0) && this.monotonicNs() - this.lastTurn < UV_TURN_NS) return Promise.resolve(n);
    if (n > 0 || timeout_ns === 0) {
      // setImmediate runs after libuv's poll phase: one turn of libuv without sleeping.
      return new Promise((resolve) => setImmediate(() => {
        this.lastTurn = this.monotonicNs();
        resolve(pollReady(fds));
      }));
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        for (const p of fds) p.fd.unwatch(done);
        this.lastTurn = this.monotonicNs();
        resolve(pollReady(fds));
      };
      for (const p of fds) p.fd.watch(done);
      // libuv timers have millisecond resolution; round up, as qemu_timeout_ns_to_ms does, never early.
      if (timeout_ns > 0) timer = setTimeout(done, Math.ceil(timeout_ns / 1_000_000));
    });
  }
  // #endregion uv-poll
}
