// Graded suite for exercise 02-qemu-main-loop/main-loop-wait: the learner's main_loop_wait is our main
// loop. Its trace must show QEMU's order, its polls the right timeouts, and the BQL must be free while it
// sleeps and held otherwise.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { aio_bh_schedule_oneshot } from "../../../src/qemu/async.ts";
import { MainLoop, qemu_set_fd_handler, qemu_timer_new } from "../../../src/qemu/main-loop.ts";
import { Fd, G_IO_IN } from "../../../src/qemu/poll.ts";
import { QEMUClockType, SCALE_MS, timer_mod_ns } from "../../../src/qemu/qemu-timer.ts";
import { main_loop_wait } from "../../../src/qemu/seams.ts";
import { SimPoller } from "../../../src/qemu/sim-poller.ts";
import { record } from "../../../src/qemu/trace.ts";

function setup() {
  const sim = new SimPoller();
  return { sim, loop: new MainLoop(sim) };
}

graded("one turn: prepare, poll, dispatch the contexts, then the main loop's timers", 4, async () => {
  const { sim, loop } = setup();
  let ready = 0;
  const fd = new Fd("chardev", () => ready);
  qemu_set_fd_handler(loop, fd, () => (ready = 0), null);
  const t = qemu_timer_new(loop, QEMUClockType.QEMU_CLOCK_REALTIME, SCALE_MS, () => {}, "rtc");
  timer_mod_ns(t, 5 * SCALE_MS);
  sim.at(5 * SCALE_MS, "a byte arrives", () => {
    ready = G_IO_IN;
    fd.signal();
    aio_bh_schedule_oneshot(loop.qemu_aio_context, () => {}, "block-completion");
  });
  await main_loop_wait(loop, true); // absorbs the kick that arming the timer gave
  const rec = record(() => sim.now);
  await main_loop_wait(loop, false);
  rec.stop();
  expect(rec.events.map((e) => `${e.kind} ${e.name}`), "the trace of one main_loop_wait").toEqual([
    "iteration main_loop_wait",
    "prepare glib_pollfds_fill",
    "poll-begin timeout 5000000 ns",
    "notify qemu_aio_context", // the BH scheduled by "another thread" kicks the poll
    "poll-end 2 ready",
    "dispatch qemu_aio_context",
    "bh block-completion",
    "dispatch iohandler_ctx",
    "fd chardev read",
    "timer realtime rtc",
  ]);
});

graded("the poll's timeout: the earliest main-loop timer, 0 with a BH scheduled or when nonblocking", 3, async () => {
  const { sim, loop } = setup();
  const t = qemu_timer_new(loop, QEMUClockType.QEMU_CLOCK_REALTIME, SCALE_MS, () => {}, "t");
  timer_mod_ns(t, 8 * SCALE_MS);
  await main_loop_wait(loop, false); // the notify BH from arming the timer: no sleep
  await main_loop_wait(loop, false); // sleeps 8 ms
  aio_bh_schedule_oneshot(loop.qemu_aio_context, () => {});
  await main_loop_wait(loop, false); // a BH is scheduled: no sleep
  timer_mod_ns(t, 20 * SCALE_MS);
  await main_loop_wait(loop, true); // nonblocking
  expect(sim.polls.map((p) => p.timeout), "timeouts given to the four polls, in ns").toEqual([0, 8 * SCALE_MS, 0, 0]);
});

graded("the BQL is released while the loop polls and held again afterwards", 3, async () => {
  const { sim, loop } = setup();
  const seen: boolean[] = [];
  sim.at(SCALE_MS, "a vCPU thread looks at the BQL", () => {
    seen.push(loop.bql.locked);
    aio_bh_schedule_oneshot(loop.qemu_aio_context, () => seen.push(loop.bql.locked));
  });
  await main_loop_wait(loop, false);
  expect(seen, "BQL held? [during the poll, in the BH]").toEqual([false, true]);
  expect(loop.bql.locked, "BQL held after main_loop_wait").toBe(true);
});
