// Real threads: a worker thread, standing where a vCPU thread stands in QEMU, takes the BQL while the
// main loop sleeps in its poll (the loop released it), then sets the main context's event notifier from
// its own thread and pokes the main thread, which wakes the blocked poll.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { expect, test } from "vitest";
import { MainLoop, main_loop_wait } from "../../src/qemu/main-loop.ts";
import { UvPoller } from "../../src/qemu/uv-poller.ts";

test("a vCPU-like thread takes the BQL during the poll and its notify wakes the blocked main loop", async () => {
  const loop = new MainLoop(new UvPoller());
  const notifier = loop.qemu_aio_context.notifier;
  const flag = new SharedArrayBuffer(4);
  // The main loop holds the BQL now: the worker must wait until main_loop_wait releases it to poll.
  expect(loop.bql.locked).toBe(true);
  // tsx's require hook lets the worker load TypeScript.
  const file = fileURLToPath(new URL("./bql-worker.ts", import.meta.url));
  const worker = new Worker(`require("tsx/cjs"); require(${JSON.stringify(file)});`, { eval: true, workerData: { bql: loop.bql.buffer, counter: notifier.counter.buffer, flag } });
  worker.on("message", () => notifier.fd.signal());
  await main_loop_wait(loop, false); // no timers, no BHs: only the worker can end this poll
  expect(Atomics.load(new Int32Array(flag), 0), "the worker ran under the BQL").toBe(1);
  expect(loop.bql.locked, "main_loop_wait returns holding the BQL").toBe(true);
  expect(Atomics.load(notifier.counter, 0), "the notifier was read (aio_notify_accept)").toBe(0);
  await worker.terminate();
});
