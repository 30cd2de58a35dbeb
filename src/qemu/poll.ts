// What the loop polls: file descriptors with readiness, and the interface both pollers implement.
// QEMU 7.2 polls GPollFD arrays with qemu_poll_ns (util/qemu-timer.c, ppoll(2) underneath). Ours are
// objects that say whether they are ready; a real one is fed by a Node stream, a simulated one by a script.
import { sharedMemory } from "./bql.ts";
import type { TimeSource } from "./qemu-timer.ts";

/** glib's GIOCondition bits, as QEMU uses them (G_IO_IN for read handlers, G_IO_OUT for write handlers). */
export const G_IO_IN = 1;
export const G_IO_OUT = 4;
export const G_IO_ERR = 8;
export const G_IO_HUP = 16;

/** A descriptor the loop can wait on. `ready()` says which of G_IO_IN/G_IO_OUT/G_IO_HUP hold now. */
export class Fd {
  private readonly wakers = new Set<() => void>();
  constructor(
    readonly name: string,
    readonly ready: () => number,
  ) {}

  /** The source's readiness may have changed (data arrived, a peer hung up): wake any poller waiting on it. */
  signal(): void {
    for (const w of [...this.wakers]) w();
  }

  /** Called by a poller while it waits: `waker` runs at the next signal(), until unwatch(waker). */
  watch(waker: () => void): void {
    this.wakers.add(waker);
  }

  unwatch(waker: () => void): void {
    this.wakers.delete(waker);
  }
}

/** GPollFD: a descriptor, the events asked for, and the events that happened. */
export interface PollFd {
  fd: Fd;
  events: number;
  revents: number;
}

/**
 * The one thing the loop needs from the host: wait until a descriptor is ready or `timeout_ns` passes
 * (-1: forever, 0: do not block), then fill in revents. It also provides the time the clocks read.
 */
export interface Poller extends TimeSource {
  poll(fds: PollFd[], timeout_ns: number): Promise<number>;
}

/** Fills revents from each descriptor's readiness; returns how many are ready (what ppoll returns). */
export function pollReady(fds: PollFd[]): number {
  let n = 0;
  for (const p of fds) {
    p.revents = p.fd.ready() & (p.events | G_IO_HUP | G_IO_ERR);
    if (p.revents) n++;
  }
  return n;
}

// #region event-notifier
/**
 * QEMU 7.2 util/event_notifier-posix.c: EventNotifier, an eventfd: set() makes it readable until
 * test_and_clear() reads it. The counter lives in a SharedArrayBuffer, so another thread can set it
 * (Atomics.store); that thread then pokes the main thread (a MessagePort message, which is libuv's own
 * cross-thread wake-up, uv_async_send) and the main thread calls signal().
 */
export class EventNotifier {
  readonly counter = new Int32Array(sharedMemory(4));
  readonly fd: Fd;
  constructor(name: string) {
    this.fd = new Fd(name, () => (Atomics.load(this.counter, 0) ? G_IO_IN : 0));
  }

  /** event_notifier_set */
  set(): void {
    Atomics.store(this.counter, 0, 1);
    this.fd.signal();
  }

  /** event_notifier_test_and_clear */
  test_and_clear(): boolean {
    return Atomics.exchange(this.counter, 0, 0) !== 0;
  }
}
// #endregion event-notifier
