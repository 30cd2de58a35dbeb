// A small QMP client for tests and the benchmark: one line out, then every message until the reply,
// with the events that came before it.
import { connect, type Socket } from "node:net";

export type Msg = Record<string, unknown>;

export interface Exchange {
  sent: string;
  events: Msg[];
  reply: Msg | undefined;
}

export class QmpClient {
  private buffer = "";
  private readonly queue: Msg[] = [];
  private wake: (() => void) | null = null;
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (d) => {
      this.buffer += d.toString("utf8");
      let nl: number;
      while ((nl = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line) this.queue.push(JSON.parse(line) as Msg);
      }
      this.wake?.();
    });
    socket.on("close", () => {
      this.closed = true;
      this.wake?.();
    });
    socket.on("error", () => {});
  }

  /** Connects, retrying while the server is still starting; resolves with the client and the greeting. */
  static async connect(path: string): Promise<{ client: QmpClient; greeting: Msg }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const socket = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path, () => resolve(s));
          s.once("error", reject);
        });
        const client = new QmpClient(socket);
        return { client, greeting: await client.next() };
      } catch (e) {
        if (attempt > 200) throw e;
        await new Promise((r) => setTimeout(r, 25));
      }
    }
  }

  /** The next message; rejects if the connection closes first. */
  async next(): Promise<Msg> {
    while (this.queue.length === 0) {
      if (this.closed) throw new Error("QMP connection closed");
      await new Promise<void>((r) => (this.wake = r));
      this.wake = null;
    }
    return this.queue.shift()!;
  }

  /** Sends `line` and collects messages up to the first reply ("return" or "error"). */
  async exchange(line: string): Promise<Exchange> {
    this.socket.write(`${line}\n`);
    const events: Msg[] = [];
    for (;;) {
      const m = await this.next();
      if ("event" in m) events.push(m);
      else return { sent: line, events, reply: m };
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
