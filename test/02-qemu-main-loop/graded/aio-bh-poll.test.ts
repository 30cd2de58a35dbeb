// Graded suite for exercise 02-qemu-main-loop/aio-bh-poll: the learner's aio_bh_poll runs the bottom
// halves of our main loop: from the contexts' dispatch, and from aio_poll.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import {
  aio_bh_new,
  aio_bh_schedule_oneshot,
  qemu_bh_cancel,
  qemu_bh_delete,
  qemu_bh_schedule,
  qemu_bh_schedule_idle,
} from "../../../src/qemu/async.ts";
import { MainLoop, main_loop_wait } from "../../../src/qemu/main-loop.ts";
import { aio_bh_poll } from "../../../src/qemu/seams.ts";
import { SimPoller } from "../../../src/qemu/sim-poller.ts";

function setup() {
  const loop = new MainLoop(new SimPoller());
  return { loop, ctx: loop.qemu_aio_context, log: [] as string[] };
}

graded("scheduled BHs each run once, newest first, and aio_bh_poll reports progress", 3, () => {
  const { ctx, log } = setup();
  const [a, b, c] = ["a", "b", "c"].map((n) => aio_bh_new(ctx, () => log.push(n), n));
  qemu_bh_schedule(a);
  qemu_bh_schedule(b);
  qemu_bh_schedule(c);
  qemu_bh_schedule(a); // already pending: not linked twice
  expect(aio_bh_poll(ctx), "aio_bh_poll's return value after running BHs").toBe(true);
  expect(log, "BHs called (bh_list is pushed at its head, so the newest runs first)").toEqual(["c", "b", "a"]);
  expect(aio_bh_poll(ctx), "aio_bh_poll with nothing scheduled").toBe(false);
  expect(log).toEqual(["c", "b", "a"]);
});

graded("a BH scheduled by a BH's callback waits for the next aio_bh_poll", 2, () => {
  const { ctx, log } = setup();
  const second = aio_bh_new(ctx, () => log.push("second"), "second");
  const first = aio_bh_new(ctx, () => {
    log.push("first");
    qemu_bh_schedule(second);
    qemu_bh_schedule(first); // rescheduling itself: must not loop forever
  }, "first");
  qemu_bh_schedule(first);
  aio_bh_poll(ctx);
  expect(log, "after one aio_bh_poll").toEqual(["first"]);
  aio_bh_poll(ctx);
  expect(log, "after two").toEqual(["first", "first", "second"]);
});

graded("cancelled and deleted BHs are not called; oneshot BHs run once", 3, () => {
  const { ctx, log } = setup();
  const cancelled = aio_bh_new(ctx, () => log.push("cancelled"));
  const deleted = aio_bh_new(ctx, () => log.push("deleted"));
  qemu_bh_schedule(cancelled);
  qemu_bh_cancel(cancelled);
  qemu_bh_schedule(deleted);
  qemu_bh_delete(deleted);
  aio_bh_schedule_oneshot(ctx, () => log.push("oneshot"));
  aio_bh_poll(ctx);
  aio_bh_poll(ctx);
  expect(log, "BHs called").toEqual(["oneshot"]);
  expect(ctx.bh_list, "ctx.bh_list once everything has been polled").toEqual([]);
  expect(ctx.bh_slice_list, "ctx.bh_slice_list once aio_bh_poll returned").toEqual([]);
});

graded("idle BHs run but are not progress; the main loop runs a BH scheduled from a timer", 2, async () => {
  const { loop, ctx, log } = setup();
  const idle = aio_bh_new(ctx, () => log.push("idle"), "idle");
  qemu_bh_schedule_idle(idle);
  expect(aio_bh_poll(ctx), "progress when only an idle BH ran").toBe(false);
  expect(log).toEqual(["idle"]);
  aio_bh_schedule_oneshot(ctx, () => log.push("from the loop"));
  await main_loop_wait(loop, true);
  expect(log, "after one turn of main_loop_wait").toEqual(["idle", "from the loop"]);
});
