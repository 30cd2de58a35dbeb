// The same QMP script against real qemu-system-x86_64 (7.2) and against ours; the replies must have the
// same shapes (keys and types), and the same run states, event names, error classes and error texts.
// HMP text that does not depend on the machine (help, status, memory dumps of zeroed RAM) must be equal.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { NullChardev, SocketChardev } from "../../src/qemu/chardev.ts";
import { QmpMonitor } from "../../src/qemu/monitor/qmp.ts";
import { standInMachine } from "../../src/qemu/boards.ts";
import { UvPoller } from "../../src/qemu/uv-poller.ts";
import { Qemu } from "../../src/qemu/vl.ts";
import { QmpClient, type Exchange, type Msg } from "./qmp-client.ts";

const hmc = (line: string) => JSON.stringify({ execute: "human-monitor-command", arguments: { "command-line": line } });

/** Each entry gets exactly one reply. Memory dumps come before the first `cont` (RAM is still zero). */
const SCRIPT = [
  '{"execute":"query-status"}',
  '{"execute":"qmp_capabilities"}',
  '{"execute":"qmp_capabilities"}',
  '{"execute":"query-status"}',
  '{"execute":"stop"}',
  '{"execute":"query-status"}',
  ...["xp /4xb 0x7c00", "xp /2xw 0x7c00", "xp /3xg 0x7c00", "xp /5db 0x7c00", "xp /2xh 0x7c00", "xp 0x7c00", "xp /20xb 0x7c00", "x /4xb 0x7c00", "x"].map(hmc),
  ...["info status", "foo", "info foo", "help stop", "help cont", "help system_reset", "help quit", "help x", "help xp", "help savevm", "help loadvm", "help help", "stop now"].map(hmc),
  '{"execute":"cont"}',
  '{"execute":"query-status"}',
  '{"execute":"cont"}',
  hmc("info status"),
  '{"execute":"stop"}',
  '{"execute":"query-status"}',
  '{"execute":"stop"}',
  hmc("info status"),
  '{"execute":"foo","id":7}',
  '{"execute":"query-status","id":"x"}',
  '{"execute":"query-status","arguments":{"a":1}}',
  '{"execute":"human-monitor-command"}',
  '{"execute":"human-monitor-command","arguments":{"command-line":5}}',
  '{"exec":"query-status"}',
  '{"id":1}',
  '{"execute":"stop","arguments":[]}',
  "[1,2]",
  '{"execute":5}',
  "{ bad json\n}",
  '"str"',
  "{'execute':'query-status'}",
  '{"execute":"query-version"}',
  '{"execute":"system_reset"}',
  '{"execute":"query-status"}',
  '{"execute":"cont"}',
  '{"execute":"system_reset"}',
  '{"execute":"query-status"}',
  hmc("stop"),
  hmc("c"),
  '{"execute":"quit"}',
];

async function session(path: string): Promise<{ greeting: Msg; exchanges: Exchange[] }> {
  const { client, greeting } = await QmpClient.connect(path);
  const exchanges: Exchange[] = [];
  for (const line of SCRIPT) exchanges.push(await client.exchange(line));
  client.close();
  return { greeting, exchanges };
}

/** What must agree: keys and types everywhere; exact values for states, events, classes and texts. */
function shape(v: unknown, key = ""): unknown {
  if (Array.isArray(v)) return v.map((x) => shape(x));
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shape((v as Record<string, unknown>)[k], k)]));
  }
  if (["status", "running", "singlestep", "event", "class", "desc", "reason", "guest", "id"].includes(key)) return v;
  if (key === "return" && typeof v === "string") return v; // HMP output
  return typeof v;
}

needs("qemu-system-x86_64").describe("QMP: ours against qemu-system-x86_64 7.2", () => {
  needs("qemu-system-x86_64").test("every implemented command, event and error has QEMU's shape", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qmp-diff-"));
    const realSock = join(dir, "real.sock");
    const real = spawn("qemu-system-x86_64", ["-machine", "pc", "-m", "2M", "-nographic", "-nodefaults", "-serial", "none", "-monitor", "none", "-S", "-qmp", `unix:${realSock},server,nowait`], { stdio: "ignore" });
    const realExit = new Promise<number | null>((r) => real.on("exit", (code) => r(code)));
    const theirs = await session(realSock);
    expect(await realExit).toBe(0);

    const ourSock = join(dir, "ours.sock");
    const chr = new SocketChardev(ourSock);
    await chr.listening;
    const qemu = new Qemu(new UvPoller(), standInMachine(2 << 20, new NullChardev("null")), { startPaused: true, snapshotDir: null });
    new QmpMonitor(qemu, chr);
    const ourExit = qemu.qemu_main_loop();
    const ours = await session(ourSock);
    expect(await ourExit).toBe(0);

    expect(shape(ours.greeting)).toEqual(shape(theirs.greeting));
    SCRIPT.forEach((line, i) => {
      const o = ours.exchanges[i];
      const t = theirs.exchanges[i];
      expect({ line, events: shape(o.events), reply: shape(o.reply) }, `reply to ${line}`).toEqual({ line, events: shape(t.events), reply: shape(t.reply) });
    });
  }, 30_000);
});
