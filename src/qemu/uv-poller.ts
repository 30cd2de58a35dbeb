// The real poller: the loop rides on Node's own event loop (libuv), which is itself a poll loop
// (epoll_wait in uv__io_poll). A wait is a promise that a descriptor's signal() or a timer resolves;
// while it waits, libuv runs and reads sockets and pipes into the Fd sources' buffers.
import { pollReady, type PollFd, type Poller } from "./poll.ts";

export class UvPoller implements Poller {
  monotonicNs(): number {
    return Number(process.hrtime.bigint());
  }

  wallNs(): number {
    return Date.now() * 1_000_000;
  }

  // #region uv-poll
  poll(fds: PollFd[], timeout_ns: number): Promise<number> {
    const n = pollReady(fds);
    if (n > 0) return Promise.resolve(n);
    // A zero timeout still lets libuv run once (setImmediate comes after its poll phase), so sockets are
    // read even while a busy vCPU keeps the loop from ever sleeping.
    if (timeout_ns === 0) return new Promise((resolve) => setImmediate(() => resolve(pollReady(fds))));
    return new Promise((resolve) => {
      const unwatch: (() => void)[] = [];
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        if (timer) clearTimeout(timer);
        for (const u of unwatch) u();
        resolve(pollReady(fds));
      };
      for (const p of fds) unwatch.push(p.fd.watch(done));
      // libuv timers have millisecond resolution; round up, as qemu_timeout_ns_to_ms does, never early.
      if (timeout_ns > 0) timer = setTimeout(done, Math.ceil(timeout_ns / 1_000_000));
    });
  }
  // #endregion uv-poll
}
