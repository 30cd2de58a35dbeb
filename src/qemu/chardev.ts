// QEMU 7.2 chardev/: character devices, the backends a frontend (the UART, a monitor) reads and writes
// through. A backend's input reaches the loop as an fd handler on the iohandler context
// (chardev/char-fe.c: qemu_chr_fe_set_handlers); output is written straight to the host (qemu_chr_fe_write).
// Backends: `null`, `stdio`, `file:PATH` (output only) and `unix:PATH,server,nowait` (a listening socket,
// one client at a time), plus `mem`, an in-memory pair for tests.
import { appendFileSync, existsSync, unlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { qemu_set_fd_handler, type MainLoop } from "./main-loop.ts";
import { Fd, G_IO_IN } from "./poll.ts";

/** QEMU 7.2 include/chardev/char.h: QEMUChrEvent (the two this course uses). */
export type QEMUChrEvent = "CHR_EVENT_OPENED" | "CHR_EVENT_CLOSED";

export interface ChrFrontend {
  /** IOReadHandler: bytes the backend received. */
  chr_read(bytes: Uint8Array): void;
  /** IOEventHandler: a client connected or went away. */
  chr_event(event: QEMUChrEvent): void;
}

// #region chardev
export abstract class Chardev {
  /** Readable while input or an event waits for the frontend. */
  readonly fd: Fd;
  protected readonly queue: ({ bytes: Uint8Array } | { event: QEMUChrEvent })[] = [];
  constructor(readonly label: string) {
    this.fd = new Fd(label, () => (this.queue.length ? G_IO_IN : 0));
  }

  /** qemu_chr_fe_write: send bytes to the host side; dropped when nobody is connected, as QEMU does. */
  abstract write(bytes: Uint8Array): void;

  /** Whether a frontend connecting now should be told CHR_EVENT_OPENED (a connected socket, stdio). */
  abstract get be_open(): boolean;

  close(): void {}

  protected received(item: { bytes: Uint8Array } | { event: QEMUChrEvent }): void {
    this.queue.push(item);
    this.fd.signal();
  }

  /** The fd handler: hand everything queued to the frontend, in order. */
  drain(fe: ChrFrontend): void {
    for (let item = this.queue.shift(); item; item = this.queue.shift()) {
      if ("bytes" in item) fe.chr_read(item.bytes);
      else fe.chr_event(item.event);
    }
  }
}
// #endregion chardev

/** QEMU 7.2 chardev/char-fe.c: qemu_chr_fe_set_handlers: the frontend's callbacks on the main loop. */
export function qemu_chr_fe_set_handlers(loop: MainLoop, chr: Chardev, fe: ChrFrontend): void {
  qemu_set_fd_handler(loop, chr.fd, () => chr.drain(fe), null);
  if (chr.be_open) fe.chr_event("CHR_EVENT_OPENED");
}

export class NullChardev extends Chardev {
  write(): void {}
  get be_open(): boolean {
    return false;
  }
}

export class FileChardev extends Chardev {
  constructor(readonly path: string) {
    super(`file:${path}`);
    writeFileSync(path, "");
  }
  write(bytes: Uint8Array): void {
    appendFileSync(this.path, bytes);
  }
  get be_open(): boolean {
    return true;
  }
}

export class StdioChardev extends Chardev {
  private readonly onData = (b: Buffer) => this.received({ bytes: new Uint8Array(b) });
  constructor() {
    super("stdio");
    process.stdin.on("data", this.onData);
  }
  write(bytes: Uint8Array): void {
    process.stdout.write(bytes);
  }
  get be_open(): boolean {
    return true;
  }
  close(): void {
    process.stdin.off("data", this.onData);
    process.stdin.pause();
  }
}

/** Both ends in memory: `host` is what the outside world would see; `send` types into the device. */
export class MemChardev extends Chardev {
  readonly host: Uint8Array[] = [];
  write(bytes: Uint8Array): void {
    this.host.push(bytes.slice());
  }
  get be_open(): boolean {
    return true;
  }
  send(text: string): void {
    this.received({ bytes: new TextEncoder().encode(text) });
  }
  get output(): string {
    return Buffer.concat(this.host).toString("latin1");
  }
}

// #region socket-chardev
/**
 * QEMU 7.2 chardev/char-socket.c with `server=on,wait=off`: listen at once and let the VM start; accept one
 * client; while it is connected, further clients wait in the listen queue; when it leaves, accept the next.
 */
export class SocketChardev extends Chardev {
  private client: Socket | null = null;
  /** The connection the frontend has been told about: events reach it later, on the main loop, and until
   * then its output still belongs to the connection it knew (a reply never goes to the next client). */
  private visible: Socket | null = null;
  /** The connection each queued event hands over to (null for CHR_EVENT_CLOSED), in queue order. */
  private readonly handovers: (Socket | null)[] = [];
  /** Whether a frontend takes the events (a monitor does; an output-only serial port never does). */
  private followed = false;
  private readonly waiting: Socket[] = [];
  readonly server: Server;
  readonly listening: Promise<void>;

  constructor(readonly path: string) {
    super(`unix:${path}`);
    if (existsSync(path)) unlinkSync(path);
    this.server = createServer((s) => this.accept(s));
    this.listening = new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(path, () => resolve());
    });
  }

  private accept(s: Socket): void {
    s.on("error", () => {}); // a client that vanishes mid-reply is just a closed connection
    if (this.client) {
      s.pause();
      this.waiting.push(s);
      s.on("close", () => this.waiting.splice(this.waiting.indexOf(s), 1));
      return;
    }
    this.client = s;
    s.on("data", (b: Buffer) => this.received({ bytes: new Uint8Array(b) }));
    s.on("close", () => {
      this.client = null;
      this.handovers.push(null);
      this.received({ event: "CHR_EVENT_CLOSED" });
      const next = this.waiting.shift();
      if (next) {
        next.removeAllListeners("close");
        next.resume();
        this.accept(next);
      }
    });
    this.handovers.push(s);
    this.received({ event: "CHR_EVENT_OPENED" });
  }

  override drain(fe: ChrFrontend): void {
    this.frontend = fe;
    super.drain(this.follower);
  }

  /** The frontend, seen through the handovers: an event switches the connection its output goes to. */
  private frontend: ChrFrontend | null = null;
  private readonly follower: ChrFrontend = {
    chr_read: (bytes) => this.frontend!.chr_read(bytes),
    chr_event: (event) => {
      this.followed = true;
      this.visible = this.handovers.shift() ?? null;
      this.frontend!.chr_event(event);
    },
  };

  write(bytes: Uint8Array): void {
    const to = this.followed ? this.visible : this.client;
    if (to && !to.destroyed) to.write(bytes);
  }

  get be_open(): boolean {
    return this.client !== null;
  }

  close(): void {
    this.client?.destroy();
    for (const s of this.waiting) s.destroy();
    this.server.close();
  }
}
// #endregion socket-chardev

/** QEMU 7.2 chardev/char.c: qemu_chr_new_from_opts, for the spellings -serial, -qmp and -monitor accept. */
export function qemu_chr_new(spec: string): Chardev {
  if (spec === "null" || spec === "none") return new NullChardev(spec);
  if (spec === "stdio") return new StdioChardev();
  if (spec.startsWith("file:")) return new FileChardev(spec.slice(5));
  if (spec.startsWith("unix:")) {
    const [path, ...opts] = spec.slice(5).split(",");
    const server = opts.includes("server") || opts.includes("server=on");
    const nowait = opts.includes("nowait") || opts.includes("wait=off");
    if (!server || !nowait) throw new Error(`chardev '${spec}': only unix:PATH,server,nowait is supported (add ,server,nowait)`);
    return new SocketChardev(path);
  }
  throw new Error(`chardev '${spec}': unknown backend (use stdio, null, file:PATH or unix:PATH,server,nowait)`);
}
