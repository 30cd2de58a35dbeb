// Graded suite for exercise 02-qemu-main-loop/timerlist-deadline: the learner's timerlist_deadline_ns
// decides how long our main loop sleeps. On the simulated poller the loop must wake exactly when each
// timer is due, on each clock, and never for a stopped clock.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { MainLoop, main_loop_wait, qemu_timer_new } from "../../../src/qemu/main-loop.ts";
import { QEMUClockType, SCALE_MS, SCALE_NS, qemu_clock_enable, timer_mod_ns } from "../../../src/qemu/qemu-timer.ts";
import { timerlist_deadline_ns } from "../../../src/qemu/seams.ts";
import { SimPoller } from "../../../src/qemu/sim-poller.ts";

const { QEMU_CLOCK_REALTIME, QEMU_CLOCK_VIRTUAL } = QEMUClockType;

function setup() {
  const sim = new SimPoller();
  const loop = new MainLoop(sim);
  return { sim, loop, tl: loop.main_loop_tlg.tl };
}

graded("an empty timer list has no deadline (-1)", 2, () => {
  const { tl } = setup();
  expect(timerlist_deadline_ns(tl[QEMU_CLOCK_REALTIME]), "deadline of a list with no timers").toBe(-1);
});

graded("the deadline is the first timer's expiry minus the list's clock, and 0 once it is due", 3, () => {
  const { sim, loop, tl } = setup();
  sim.now = 1_000;
  const later = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_NS, () => {});
  const sooner = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_NS, () => {});
  timer_mod_ns(later, 9_000);
  timer_mod_ns(sooner, 4_000);
  expect(timerlist_deadline_ns(tl[QEMU_CLOCK_REALTIME]), "timers at 4000 and 9000 ns, now is 1000 ns").toBe(3_000);
  sim.now = 4_000;
  expect(timerlist_deadline_ns(tl[QEMU_CLOCK_REALTIME]), "the first timer is due right now").toBe(0);
  sim.now = 5_000;
  expect(timerlist_deadline_ns(tl[QEMU_CLOCK_REALTIME]), "the first timer was due 1000 ns ago").toBe(0);
  loop.clocks.cpu_enable_ticks();
  const v = qemu_timer_new(loop, QEMU_CLOCK_VIRTUAL, SCALE_NS, () => {});
  timer_mod_ns(v, 2_500);
  expect(timerlist_deadline_ns(tl[QEMU_CLOCK_VIRTUAL]), "virtual clock at 0 (the VM just started), timer at 2500 ns").toBe(2_500);
});

graded("a disabled clock (a stopped VM's virtual clock) sets no deadline", 2, () => {
  const { loop, tl } = setup();
  const v = qemu_timer_new(loop, QEMU_CLOCK_VIRTUAL, SCALE_NS, () => {});
  timer_mod_ns(v, 0);
  qemu_clock_enable(loop.clocks.clock(QEMU_CLOCK_VIRTUAL), false);
  expect(timerlist_deadline_ns(tl[QEMU_CLOCK_VIRTUAL]), "deadline on a disabled clock").toBe(-1);
});

graded("the main loop sleeps exactly until each timer, and the timers fire in order", 3, async () => {
  const { sim, loop } = setup();
  const fired: string[] = [];
  for (const ms of [7, 3, 12]) {
    const t = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => fired.push(`${ms} ms timer at ${sim.now / SCALE_MS} ms`));
    timer_mod_ns(t, ms * SCALE_MS);
  }
  for (let i = 0; i < 10 && fired.length < 3; i++) await main_loop_wait(loop, false);
  expect(fired).toEqual(["3 ms timer at 3 ms", "7 ms timer at 7 ms", "12 ms timer at 12 ms"]);
  const sleeps = sim.polls.filter((p) => p.timeout !== 0).map((p) => p.timeout / SCALE_MS);
  expect(sleeps, "how long each poll was allowed to sleep, in ms").toEqual([3, 4, 5]);
});
