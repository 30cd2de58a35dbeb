// npm run bench -- qemu: bottom halves per second, timer lateness on the real (libuv) poller, and the
// round trip of query-status over QMP on a unix socket, ours against qemu-system-x86_64 in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { report } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";
import { aio_bh_new, qemu_bh_schedule } from "../../src/qemu/async.ts";
import { aio_bh_poll } from "../../src/qemu/seams.ts";
import { MainLoop, main_loop_wait, qemu_timer_new } from "../../src/qemu/main-loop.ts";
import { QEMUClockType, SCALE_NS, timer_mod_ns } from "../../src/qemu/qemu-timer.ts";
import { SimPoller } from "../../src/qemu/sim-poller.ts";
import { UvPoller } from "../../src/qemu/uv-poller.ts";
import { QmpClient } from "../02-qemu-main-loop/qmp-client.ts";

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

// Bottom halves: 100 BHs, each scheduled and dispatched 2,000 times by aio_bh_poll.
{
  const loop = new MainLoop(new SimPoller());
  const ctx = loop.qemu_aio_context;
  let calls = 0;
  const bhs = Array.from({ length: 100 }, () => aio_bh_new(ctx, () => calls++));
  const t = process.hrtime.bigint();
  for (let round = 0; round < 2_000; round++) {
    for (const bh of bhs) qemu_bh_schedule(bh);
    aio_bh_poll(ctx);
  }
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`bottom halves: ${calls} scheduled and dispatched in ${(s * 1e3).toFixed(1)} ms: ${(calls / s / 1e6).toFixed(2)} million per second`);
}

// Timer lateness: 300 QEMU_CLOCK_REALTIME timers, one at a time, 0.2 to 5 ms ahead, on the libuv poller.
{
  const poller = new UvPoller();
  const loop = new MainLoop(poller);
  const late: number[] = [];
  let fired = false;
  let expire = 0;
  const timer = qemu_timer_new(loop, QEMUClockType.QEMU_CLOCK_REALTIME, SCALE_NS, () => {
    late.push(poller.monotonicNs() - expire);
    fired = true;
  });
  for (let i = 0; i < 300; i++) {
    expire = poller.monotonicNs() + 200_000 + ((i * 7919) % 4_800_000);
    fired = false;
    timer_mod_ns(timer, expire);
    while (!fired) await main_loop_wait(loop, false);
  }
  console.log(`timer lateness over 300 timers: median ${(percentile(late, 0.5) / 1e3).toFixed(0)} µs, p99 ${(percentile(late, 0.99) / 1e3).toFixed(0)} µs`);
}

// query-status round trips: the same client, our QEMU (its own process) and the real one, both running at
// once. Each is warmed up (our JIT compiles the path), then they take turns, 100 requests at a time, so a
// change in the machine's load falls on both alike.
async function negotiate(sock: string): Promise<QmpClient> {
  const { client } = await QmpClient.connect(sock);
  await client.exchange('{"execute":"qmp_capabilities"}');
  for (let i = 0; i < 300; i++) await client.exchange('{"execute":"query-status"}');
  return client;
}

async function batch(client: QmpClient, samples: number[]): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const t = process.hrtime.bigint();
    await client.exchange('{"execute":"query-status"}');
    samples.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
}

async function quit(client: QmpClient, child: ChildProcess): Promise<void> {
  await client.exchange('{"execute":"quit"}').catch(() => undefined);
  client.close();
  await new Promise((r) => (child.exitCode === null ? child.on("exit", r) : r(null)));
}

const dir = mkdtempSync(join(tmpdir(), "qemu-bench-"));
const ourSock = join(dir, "ours.sock");
const ourChild = spawn(process.execPath, ["--import", "tsx", "src/qemu/cli/qemu.ts", "-machine", "standin", "-S", "-serial", "null", "-qmp", `unix:${ourSock},server,nowait`], { stdio: "ignore" });
const ourClient = await negotiate(ourSock);
let real: { client: QmpClient; child: ChildProcess } | undefined;
if (oracle("qemu-system-x86_64").available) {
  const realSock = join(dir, "real.sock");
  const child = spawn("qemu-system-x86_64", ["-machine", "none", "-nographic", "-nodefaults", "-S", "-monitor", "none", "-serial", "none", "-qmp", `unix:${realSock},server,nowait`], { stdio: "ignore" });
  real = { client: await negotiate(realSock), child };
}
const oursSamples: number[] = [];
const theirSamples: number[] = [];
for (let round = 0; round < 10; round++) {
  await batch(ourClient, oursSamples);
  if (real) await batch(real.client, theirSamples);
}
await quit(ourClient, ourChild);
if (real) await quit(real.client, real.child);
const theirs = real ? percentile(theirSamples, 0.5) : "not installed";
report("query-status round trip over a unix socket (median of 1,000, taken in turns)", "qemu-system-x86_64", [{ case: "query-status", ours: percentile(oursSamples, 0.5), peer: theirs }]);
