// Our QEMU on the real poller (Node's libuv loop) with real unix sockets: the guest's serial port on one
// socket, QMP on another, and a run of the command itself.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { SocketChardev } from "../../src/qemu/chardev.ts";
import { QmpMonitor } from "../../src/qemu/monitor/qmp.ts";
import { standInMachine } from "../../src/qemu/boards.ts";
import { UvPoller } from "../../src/qemu/uv-poller.ts";
import { Qemu } from "../../src/qemu/vl.ts";
import { QmpClient } from "./qmp-client.ts";

/** Collects what the guest writes to the serial socket. */
class SerialReader {
  text = "";
  private waiters: (() => void)[] = [];
  constructor(readonly socket: Socket) {
    socket.on("data", (d) => {
      this.text += d.toString("latin1");
      for (const w of this.waiters.splice(0)) w();
    });
  }
  /** Resolves once the output holds `count` complete lines. */
  async lines(count: number): Promise<string[]> {
    while (this.text.split("\n").length - 1 < count) await new Promise<void>((r) => this.waiters.push(r));
    return this.text.split("\n").slice(0, count);
  }
}

async function start(dir: string, snapshotDir: string | null = null) {
  const serialChr = new SocketChardev(join(dir, "serial.sock"));
  const qmpChr = new SocketChardev(join(dir, "qmp.sock"));
  await Promise.all([serialChr.listening, qmpChr.listening]);
  const qemu = new Qemu(new UvPoller(), standInMachine(1 << 16, serialChr), { startPaused: true, snapshotDir, cpu: { slice_ns: 1_000_000, budget: 7 } });
  new QmpMonitor(qemu, qmpChr);
  const exit = qemu.qemu_main_loop();
  const serialSocket = await new Promise<Socket>((r) => {
    const s = connect(join(dir, "serial.sock"), () => r(s));
  });
  const serial = new SerialReader(serialSocket);
  const { client } = await QmpClient.connect(join(dir, "qmp.sock"));
  await client.exchange('{"execute":"qmp_capabilities"}');
  return { qemu, exit, serial, client, serialSocket };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("real sockets", () => {
  test("stop over QMP stops the serial output; cont resumes it where it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qemu-sock-"));
    const { exit, serial, client, serialSocket } = await start(dir);
    expect(serial.text).toBe(""); // -S: nothing runs before cont
    await client.exchange('{"execute":"cont"}');
    await serial.lines(5);
    const stop = await client.exchange('{"execute":"stop"}');
    expect(stop.events.map((e) => e.event)).toEqual(["STOP"]);
    await settle(20); // bytes already written may still be in flight
    const frozen = serial.text;
    await settle(100);
    expect(serial.text).toBe(frozen);
    await client.exchange('{"execute":"cont"}');
    const n = frozen.split("\n").length - 1;
    const lines = await serial.lines(n + 3);
    expect(lines).toEqual(lines.map((_, i) => `tick ${i}`));
    await client.exchange('{"execute":"quit"}');
    serialSocket.destroy();
    expect(await exit).toBe(0);
  });

  test("a QMP client that disconnects mid-command leaves the VM running; the next client is served", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qemu-sock-"));
    const { exit, serial, client, serialSocket } = await start(dir);
    await client.exchange('{"execute":"cont"}');
    client.socket.write('{"execute":"query-status"}\n{"execute":"query-');
    client.close();
    const { client: second, greeting } = await QmpClient.connect(join(dir, "qmp.sock"));
    expect(greeting).toHaveProperty("QMP");
    await second.exchange('{"execute":"qmp_capabilities"}');
    const before = (await serial.lines(3)).length;
    expect((await second.exchange('{"execute":"query-status"}')).reply).toEqual({ return: { status: "running", singlestep: false, running: true } });
    expect((await serial.lines(before + 3)).length).toBe(before + 3);
    await second.exchange('{"execute":"quit"}');
    serialSocket.destroy();
    expect(await exit).toBe(0);
  });

  test("savevm mid-run and loadvm later over human-monitor-command: the lines after the snapshot repeat", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qemu-sock-"));
    const { exit, serial, client, serialSocket } = await start(dir, join(dir, "snapshots"));
    await client.exchange('{"execute":"cont"}');
    await serial.lines(3);
    const stopped = await client.exchange('{"execute":"stop"}');
    expect(stopped.events.map((e) => e.event)).toEqual(["STOP"]);
    await settle(20);
    const atSave = serial.text.split("\n").length - 1;
    expect((await client.exchange(JSON.stringify({ execute: "human-monitor-command", arguments: { "command-line": "savevm mid" } }))).reply).toEqual({ return: "" });
    await client.exchange('{"execute":"cont"}');
    await serial.lines(atSave + 4);
    await client.exchange('{"execute":"stop"}');
    await settle(20);
    const atLoad = serial.text.split("\n").length - 1;
    expect((await client.exchange(JSON.stringify({ execute: "human-monitor-command", arguments: { "command-line": "loadvm mid" } }))).reply).toEqual({ return: "" });
    await client.exchange('{"execute":"cont"}');
    const lines = await serial.lines(atLoad + 4);
    expect(lines.slice(atLoad)).toEqual(lines.slice(atSave, atSave + 4));
    await client.exchange('{"execute":"quit"}');
    serialSocket.destroy();
    expect(await exit).toBe(0);
  });

  test("the command: -serial file:, -monitor stdio, and an unknown flag spelled as QEMU reports it", { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), "qemu-cli-"));
    const run = (args: string[], input = "") => spawnSync(process.execPath, ["--import", "tsx", "src/qemu/cli/qemu.ts", ...args], { input, encoding: "utf8", env: { ...process.env, INIT_CWD: dir } });
    const ok = run(["-machine", "standin", "-S", "-serial", "file:out.txt", "-monitor", "stdio", "-nographic"], "info status\ncont\nstop\ninfo status\nquit\n");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain("(qemu) VM status: paused (prelaunch)\r\n");
    expect(ok.stdout).toContain("(qemu) VM status: paused\r\n");
    expect(readFileSync(join(dir, "out.txt"), "latin1")).toMatch(/^(tick \d+\n)*[tick \d]*$/);
    const bad = run(["-frobnicate"]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.split("\n")[0]).toBe("qemu: -frobnicate: invalid option");
  });
});
