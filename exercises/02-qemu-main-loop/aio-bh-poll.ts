// Exercise 02-qemu-main-loop/aio-bh-poll: run a context's scheduled bottom halves, once each.
// Points: 10. Grade it with: npm run grade -- 02-qemu-main-loop/aio-bh-poll
// Hints: exercises/02-qemu-main-loop/aio-bh-poll.hints.md. The chapter section: "Bottom halves".
import {
  BH_DELETED,
  BH_IDLE,
  BH_ONESHOT,
  BH_SCHEDULED,
  aio_bh_call,
  aio_bh_dequeue,
  type AioContext,
  type BHListSlice,
} from "../../src/qemu/async.ts";
import { todo } from "../../src/course/todo.ts";

/**
 * QEMU 7.2 util/async.c: aio_bh_poll. Takes everything on ctx.bh_list as one slice (so BHs scheduled by
 * the callbacks wait for the next call), then dequeues and calls each BH that is scheduled and not
 * deleted. Returns true if a non-idle BH ran ("progress"); idle BHs do not count.
 */
export function aio_bh_poll(ctx: AioContext): boolean {
  return todo("02-qemu-main-loop/aio-bh-poll");
}
