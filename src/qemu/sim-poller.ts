// A simulated host for the loop: virtual time that only moves when the loop would block, and a script of
// events (a byte arrives, another thread calls aio_notify) at chosen instants. The same loop code runs on
// it as on the real poller, deterministically, so tests can assert the exact order of callbacks and the
// chapter's timeline is drawn from a real run.
import { pollReady, type PollFd, type Poller } from "./poll.ts";

interface Scripted {
  at: number;
  seq: number;
  name: string;
  fn: () => void;
}

export class SimPoller implements Poller {
  /** Virtual monotonic time in ns. */
  now = 0;
  /** The wall clock at now = 0: 2023-01-01T00:00:00Z, so timestamps are the same in every run. */
  readonly epochNs = 1_672_531_200_000_000_000;
  private readonly script: Scripted[] = [];
  private seq = 0;
  /** Every poll: when it began, how long it was allowed to block, when it returned, and why. */
  readonly polls: { begin: number; timeout: number; end: number; woke: string }[] = [];

  monotonicNs(): number {
    return this.now;
  }

  wallNs(): number {
    return this.epochNs + this.now;
  }

  /** Runs `fn` when virtual time reaches `at` ns (events at the same instant run in the order given). */
  at(at: number, name: string, fn: () => void): void {
    this.script.push({ at, seq: this.seq++, name, fn });
    this.script.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Runs `fn` `delay` ns from now. */
  after(delay: number, name: string, fn: () => void): void {
    this.at(this.now + delay, name, fn);
  }

  // #region sim-poll
  /**
   * ppoll on the simulation: return at once if a descriptor is ready; otherwise jump virtual time to the
   * next scripted event or to the timeout, whichever is first. With no timeout and nothing scripted the
   * real loop would sleep forever; the simulation says so instead of hanging.
   */
  async poll(fds: PollFd[], timeout_ns: number): Promise<number> {
    const begin = this.now;
    const deadline = timeout_ns < 0 ? Infinity : this.now + timeout_ns;
    for (;;) {
      const n = pollReady(fds);
      if (n > 0 || timeout_ns === 0) {
        this.polls.push({ begin, timeout: timeout_ns, end: this.now, woke: n > 0 ? fds.filter((p) => p.revents).map((p) => p.fd.name).join(",") : "timeout" });
        return n;
      }
      const next = this.script[0];
      if (!next || next.at > deadline) {
        if (deadline === Infinity) throw new Error("the simulated loop would block forever: no timer, no BH and no scripted event");
        this.now = deadline;
        this.polls.push({ begin, timeout: timeout_ns, end: this.now, woke: "timeout" });
        return 0;
      }
      this.script.shift();
      this.now = Math.max(this.now, next.at);
      next.fn();
    }
  }
  // #endregion sim-poll

  /** Scripted events still to come. */
  get pending(): number {
    return this.script.length;
  }
}
