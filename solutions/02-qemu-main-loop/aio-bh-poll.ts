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

/**
 * QEMU 7.2 util/async.c: aio_bh_poll. Takes everything on ctx.bh_list as one slice (so BHs scheduled by
 * the callbacks wait for the next call), then dequeues and calls each BH that is scheduled and not
 * deleted. Returns true if a non-idle BH ran ("progress"); idle BHs do not count.
 */
export function aio_bh_poll(ctx: AioContext): boolean {
  // QSLIST_MOVE_ATOMIC: take the list, leave an empty one for whatever the callbacks schedule.
  const slice: BHListSlice = { bh_list: ctx.bh_list };
  ctx.bh_list = [];
  ctx.bh_slice_list.push(slice);
  let ret = false;
  // A nested aio_bh_poll (a callback that polls) walks the same slices, so always take the oldest one.
  while (ctx.bh_slice_list.length > 0) {
    const s = ctx.bh_slice_list[0];
    const next = aio_bh_dequeue(s.bh_list);
    if (!next) {
      ctx.bh_slice_list.shift();
      continue;
    }
    const { bh, flags } = next;
    if ((flags & (BH_SCHEDULED | BH_DELETED)) === BH_SCHEDULED) {
      if (!(flags & BH_IDLE)) ret = true; // idle BHs don't count as progress
      aio_bh_call(bh);
    }
    // BH_DELETED and BH_ONESHOT BHs are freed here (g_free): nothing links to them any more.
  }
  return ret;
}
