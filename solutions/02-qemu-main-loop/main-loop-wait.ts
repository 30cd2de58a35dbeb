// Exercise 02-qemu-main-loop/main-loop-wait: one iteration of QEMU's main loop, its steps in QEMU's order.
// Points: 10. Grade it with: npm run grade -- 02-qemu-main-loop/main-loop-wait
// Hints: exercises/02-qemu-main-loop/main-loop-wait.hints.md. The chapter section: "One turn of main_loop_wait".
import {
  glib_pollfds_fill,
  glib_pollfds_poll,
  qemu_clock_run_all_timers,
  qemu_poll_ns,
  type MainLoop,
} from "../../src/qemu/main-loop.ts";
import { qemu_soonest_timeout, timerlistgroup_deadline_ns } from "../../src/qemu/qemu-timer.ts";
import { trace } from "../../src/qemu/trace.ts";

/**
 * QEMU 7.2 util/main-loop.c: main_loop_wait (with os_host_main_loop_wait inlined). Sleep no longer than
 * the earliest main-loop timer and whatever the contexts allow (nonblocking: not at all); poll without
 * the BQL; with the BQL again, dispatch the ready contexts, then run the main loop's expired timers.
 */
export async function main_loop_wait(loop: MainLoop, nonblocking: boolean): Promise<void> {
  trace("iteration", "main_loop_wait");
  let timeout_ns = nonblocking ? 0 : -1;
  timeout_ns = qemu_soonest_timeout(timeout_ns, timerlistgroup_deadline_ns(loop.main_loop_tlg));
  const set = glib_pollfds_fill(loop, timeout_ns);
  // vCPU threads may take the lock to handle their exits while we sleep.
  loop.bql.unlock();
  try {
    await qemu_poll_ns(loop, set.fds, set.timeout_ns);
  } finally {
    loop.bql.lock();
  }
  glib_pollfds_poll(set);
  qemu_clock_run_all_timers(loop);
}
