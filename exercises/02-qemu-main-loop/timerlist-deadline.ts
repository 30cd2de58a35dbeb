// Exercise 02-qemu-main-loop/timerlist-deadline: how long the loop may sleep before a timer list's first timer.
// Points: 10. Grade it with: npm run grade -- 02-qemu-main-loop/timerlist-deadline
// Hints: exercises/02-qemu-main-loop/timerlist-deadline.hints.md. The chapter section: "Timers and their clocks".
import type { QEMUTimerList } from "../../src/qemu/qemu-timer.ts";
import { todo } from "../../src/course/todo.ts";

/**
 * QEMU 7.2 util/qemu-timer.c: timerlist_deadline_ns. The nanoseconds until the earliest timer of
 * `timer_list` expires, measured on the list's own clock: -1 when nothing can fire (no timer, or the clock
 * is disabled), 0 when the first timer is already due.
 */
export function timerlist_deadline_ns(timer_list: QEMUTimerList): number {
  return todo("02-qemu-main-loop/timerlist-deadline");
}
