// Exercise 02-qemu-main-loop/timerlist-deadline: how long the loop may sleep before a timer list's first timer.
// Points: 10. Grade it with: npm run grade -- 02-qemu-main-loop/timerlist-deadline
// Hints: exercises/02-qemu-main-loop/timerlist-deadline.hints.md. The chapter section: "Timers and their clocks".
import type { QEMUTimerList } from "../../src/qemu/qemu-timer.ts";

/**
 * QEMU 7.2 util/qemu-timer.c: timerlist_deadline_ns. The nanoseconds until the earliest timer of
 * `timer_list` expires, measured on the list's own clock: -1 when nothing can fire (no timer, or the clock
 * is disabled), 0 when the first timer is already due.
 */
export function timerlist_deadline_ns(timer_list: QEMUTimerList): number {
  // A disabled clock (the virtual clock of a stopped VM) fires nothing, so it sets no deadline.
  if (timer_list.active_timers.length === 0 || !timer_list.clock.enabled) return -1;
  // The list is sorted: its head expires first.
  const expire_time = timer_list.active_timers[0].expire_time;
  const delta = expire_time - timer_list.clocks.qemu_clock_get_ns(timer_list.clock.type);
  return delta <= 0 ? 0 : delta;
}
