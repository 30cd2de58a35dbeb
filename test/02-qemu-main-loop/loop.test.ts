// The loop on the simulated poller: the exact order of timers, bottom halves and fd handlers, and the
// virtual time at which each ran.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  aio_bh_new,
  aio_bh_schedule_oneshot,
  aio_compute_timeout,
  qemu_bh_cancel,
  qemu_bh_delete,
  qemu_bh_schedule,
  qemu_bh_schedule_idle,
} from "../../src/qemu/async.ts";
import { aio_bh_poll } from "../../src/qemu/seams.ts";
import { aio_poll, aio_set_fd_handler } from "../../src/qemu/aio-posix.ts";
import { MainLoop, main_loop_wait, qemu_notify_event, qemu_set_fd_handler, qemu_timer_new } from "../../src/qemu/main-loop.ts";
import { Fd, G_IO_IN } from "../../src/qemu/poll.ts";
import {
  QEMUClockType,
  SCALE_MS,
  SCALE_NS,
  qemu_clock_enable,
  timer_del,
  timer_mod_ns,
  timer_new,
  timerlist_run_timers,
  timerlistgroup_deadline_ns,
} from "../../src/qemu/qemu-timer.ts";
import { SimPoller } from "../../src/qemu/sim-poller.ts";
import { record } from "../../src/qemu/trace.ts";

const { QEMU_CLOCK_REALTIME, QEMU_CLOCK_VIRTUAL, QEMU_CLOCK_HOST } = QEMUClockType;

function setup() {
  const sim = new SimPoller();
  const loop = new MainLoop(sim);
  const log: string[] = [];
  // Rounded to the microsecond: host-clock times (ns since 1970) are doubles with 256 ns steps.
  const at = (what: string) => log.push(`${Math.round(sim.now / 1000) / 1000}ms ${what}`);
  return { sim, loop, log, at };
}

/** Turns the loop until `done()`; arming a timer at the head of a list kicks the loop once (timerlist_rearm). */
async function until(loop: MainLoop, done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await main_loop_wait(loop, false);
}

describe("timers", () => {
  test("timers on the three clocks fire in deadline order, each when its own clock reaches it", async () => {
    const { loop, log, at } = setup();
    loop.clocks.cpu_enable_ticks();
    const rt = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => at("realtime"));
    const vt = qemu_timer_new(loop, QEMU_CLOCK_VIRTUAL, SCALE_MS, () => at("virtual"));
    const ht = qemu_timer_new(loop, QEMU_CLOCK_HOST, SCALE_MS, () => at("host"));
    timer_mod_ns(rt, 5 * SCALE_MS);
    timer_mod_ns(vt, 3 * SCALE_MS);
    timer_mod_ns(ht, loop.clocks.qemu_clock_get_ns(QEMU_CLOCK_HOST) + 4 * SCALE_MS);
    await until(loop, () => log.length === 3);
    expect(log).toEqual(["3ms virtual", "4ms host", "5ms realtime"]);
  });

  test("timers due in the same turn run clock by clock (realtime, virtual, host), not by deadline", async () => {
    const { loop, log, at } = setup();
    loop.clocks.cpu_enable_ticks();
    const vt = qemu_timer_new(loop, QEMU_CLOCK_VIRTUAL, SCALE_MS, () => at("virtual@1"));
    const rt = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => at("realtime@2"));
    timer_mod_ns(vt, 1 * SCALE_MS);
    timer_mod_ns(rt, 2 * SCALE_MS);
    await main_loop_wait(loop, true); // nothing due yet
    expect(log).toEqual([]);
    (loop.poller as SimPoller).now = 2 * SCALE_MS; // the host was busy elsewhere for 2 ms
    await main_loop_wait(loop, true);
    expect(log).toEqual(["2ms realtime@2", "2ms virtual@1"]);
  });

  test("the virtual clock stands still while the VM is stopped, and its timers wait", async () => {
    const { sim, loop, log, at } = setup();
    loop.clocks.cpu_enable_ticks();
    const vt = qemu_timer_new(loop, QEMU_CLOCK_VIRTUAL, SCALE_MS, () => at("virtual"));
    const rt = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => at("realtime"));
    timer_mod_ns(vt, 10 * SCALE_MS);
    timer_mod_ns(rt, 4 * SCALE_MS);
    sim.at(2 * SCALE_MS, "vm_stop", () => {
      loop.clocks.cpu_disable_ticks();
      qemu_clock_enable(loop.clocks.clock(QEMU_CLOCK_VIRTUAL), false);
    });
    sim.at(20 * SCALE_MS, "vm_start", () => {
      loop.clocks.cpu_enable_ticks();
      qemu_clock_enable(loop.clocks.clock(QEMU_CLOCK_VIRTUAL), true);
    });
    await until(loop, () => log.length === 2);
    // Stopped from 2 ms to 20 ms: the virtual timer due at 10 ms of guest time fires at 28 ms of host time.
    expect(log).toEqual(["4ms realtime", "28ms virtual"]);
    expect(loop.clocks.qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)).toBe(10 * SCALE_MS);
  });

  test("a disabled clock sets no deadline; an expired timer gives deadline 0", () => {
    const { loop } = setup();
    const tl = loop.main_loop_tlg.tl[QEMU_CLOCK_REALTIME];
    const t = timer_new(tl, SCALE_NS, () => {});
    expect(timerlistgroup_deadline_ns(loop.main_loop_tlg)).toBe(-1);
    timer_mod_ns(t, 0);
    expect(timerlistgroup_deadline_ns(loop.main_loop_tlg)).toBe(0);
    qemu_clock_enable(tl.clock, false);
    expect(timerlistgroup_deadline_ns(loop.main_loop_tlg)).toBe(-1);
  });

  test("property: whatever the mods and dels, timers fire in expiry order, ties in the order they were set", () => {
    const op = fc.record({ timer: fc.integer({ min: 0, max: 7 }), expire: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { sim, loop } = setup();
        const tl = loop.main_loop_tlg.tl[QEMU_CLOCK_REALTIME];
        const fired: number[] = [];
        const timers = Array.from({ length: 8 }, (_, i) => timer_new(tl, SCALE_NS, () => fired.push(i)));
        const model = new Map<number, { expire: number; seq: number }>();
        ops.forEach(({ timer, expire }, seq) => {
          if (expire === undefined) {
            timer_del(timers[timer]);
            model.delete(timer);
          } else {
            timer_mod_ns(timers[timer], expire);
            model.set(timer, { expire, seq });
          }
        });
        sim.now = 100;
        timerlist_run_timers(tl);
        const expected = [...model.entries()].sort((a, b) => a[1].expire - b[1].expire || a[1].seq - b[1].seq).map(([i]) => i);
        expect(fired).toEqual(expected);
      }),
      { numRuns: 300, seed: 72 },
    );
  });
});

describe("bottom halves", () => {
  test("scheduled BHs run newest first (the list is pushed at its head), each once however often scheduled", () => {
    const { loop, log } = setup();
    const ctx = loop.qemu_aio_context;
    const bhs = ["a", "b", "c"].map((n) => aio_bh_new(ctx, () => log.push(n), n));
    for (const bh of bhs) qemu_bh_schedule(bh);
    qemu_bh_schedule(bhs[0]);
    expect(aio_bh_poll(ctx)).toBe(true);
    expect(log).toEqual(["c", "b", "a"]);
    expect(aio_bh_poll(ctx)).toBe(false);
  });

  test("a BH scheduled by a BH waits for the next aio_bh_poll; cancel, delete and oneshot", () => {
    const { loop, log } = setup();
    const ctx = loop.qemu_aio_context;
    const later = aio_bh_new(ctx, () => log.push("later"), "later");
    const first = aio_bh_new(ctx, () => {
      log.push("first");
      qemu_bh_schedule(later);
    });
    const cancelled = aio_bh_new(ctx, () => log.push("cancelled"));
    const deleted = aio_bh_new(ctx, () => log.push("deleted"));
    qemu_bh_schedule(first);
    qemu_bh_schedule(cancelled);
    qemu_bh_cancel(cancelled);
    qemu_bh_schedule(deleted);
    qemu_bh_delete(deleted);
    aio_bh_schedule_oneshot(ctx, () => log.push("oneshot"));
    aio_bh_poll(ctx);
    expect(log).toEqual(["oneshot", "first"]);
    aio_bh_poll(ctx);
    expect(log).toEqual(["oneshot", "first", "later"]);
    expect(ctx.bh_list).toEqual([]);
  });

  test("an idle BH lets the loop sleep up to 10 ms and does not count as progress", async () => {
    const { sim, loop, log, at } = setup();
    const ctx = loop.qemu_aio_context;
    const idle = aio_bh_new(ctx, () => at("idle"), "idle");
    qemu_bh_schedule_idle(idle);
    expect(aio_compute_timeout(ctx)).toBe(10 * SCALE_MS);
    await main_loop_wait(loop, false);
    expect(log).toEqual(["10ms idle"]);
    qemu_bh_schedule_idle(idle);
    expect(aio_bh_poll(ctx)).toBe(false);
    expect(sim.now).toBe(10 * SCALE_MS);
  });

  test("a BH scheduled from a timer runs on the next turn, with no time passing", async () => {
    const { loop, log, at } = setup();
    const bh = aio_bh_new(loop.qemu_aio_context, () => at("bh"), "from-timer");
    const t = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => {
      at("timer");
      qemu_bh_schedule(bh);
    });
    timer_mod_ns(t, 7 * SCALE_MS);
    await until(loop, () => log.length === 2);
    expect(log).toEqual(["7ms timer", "7ms bh"]);
  });
});

describe("fd handlers and notification", () => {
  test("a descriptor that becomes readable wakes the poll and its read handler runs", async () => {
    const { sim, loop, log, at } = setup();
    let bytes = 0;
    const fd = new Fd("serial", () => (bytes > 0 ? G_IO_IN : 0));
    qemu_set_fd_handler(loop, fd, () => {
      at(`read ${bytes} bytes`);
      bytes = 0;
    }, null);
    sim.at(3 * SCALE_MS, "bytes arrive", () => {
      bytes = 5;
      fd.signal();
    });
    const t = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => at("timer"));
    timer_mod_ns(t, 9 * SCALE_MS);
    await until(loop, () => log.length === 2);
    expect(log).toEqual(["3ms read 5 bytes", "9ms timer"]);
  });

  test("qemu_notify_event from another thread wakes a poll that would block forever", async () => {
    const { sim, loop } = setup();
    sim.at(42 * SCALE_MS, "vCPU thread: qemu_notify_event", () => qemu_notify_event(loop));
    await main_loop_wait(loop, false);
    expect(sim.polls.map((p) => [p.timeout, p.end, p.woke])).toEqual([[-1, 42 * SCALE_MS, "qemu_aio_context-notifier"]]);
  });

  test("with nothing to wait for, the simulated loop says it would block forever", async () => {
    const { loop } = setup();
    await expect(main_loop_wait(loop, false)).rejects.toThrow(/block forever/);
    expect(loop.bql.locked).toBe(true);
  });

  test("aio_poll runs BHs, then fd handlers, then timers, and a BH set from a handler kicks a blocking aio_poll", async () => {
    const { sim, loop, log, at } = setup();
    const ctx = loop.qemu_aio_context;
    let ready = 0;
    const fd = new Fd("pipe", () => ready);
    aio_set_fd_handler(ctx, fd, () => {
      at("fd");
      ready = 0;
    }, null);
    const t = timer_new(ctx.tlg.tl[QEMU_CLOCK_REALTIME], SCALE_MS, () => at("timer"));
    timer_mod_ns(t, 5 * SCALE_MS);
    sim.at(5 * SCALE_MS, "data", () => {
      ready = G_IO_IN;
      fd.signal();
    });
    aio_bh_schedule_oneshot(ctx, () => at("bh"));
    expect(await aio_poll(ctx, true)).toBe(true);
    expect(await aio_poll(ctx, true)).toBe(true);
    expect(log).toEqual(["0ms bh", "5ms fd", "5ms timer"]);
  });

  test("one turn traces prepare, poll, dispatch and timers in QEMU's order", async () => {
    const { sim, loop } = setup();
    const t = qemu_timer_new(loop, QEMU_CLOCK_REALTIME, SCALE_MS, () => aio_bh_schedule_oneshot(loop.qemu_aio_context, () => {}, "rtc-update"), "tick");
    timer_mod_ns(t, 2 * SCALE_MS);
    await main_loop_wait(loop, true); // the kick from arming the timer: the notify BH runs
    const rec = record(() => sim.now);
    await main_loop_wait(loop, false);
    await main_loop_wait(loop, false);
    rec.stop();
    expect(rec.events.map((e) => `${e.kind}:${e.name}`)).toEqual([
      "iteration:main_loop_wait",
      "prepare:glib_pollfds_fill",
      "poll-begin:timeout 2000000 ns",
      "poll-end:0 ready",
      "timer:realtime tick",
      "iteration:main_loop_wait",
      "prepare:glib_pollfds_fill",
      "poll-begin:timeout 0 ns",
      "poll-end:0 ready",
      "dispatch:qemu_aio_context",
      "bh:rtc-update",
    ]);
  });
});

describe("the chapter's timeline", () => {
  test("timeline.svg is the picture of a fresh run of the traced scenario", async () => {
    const { readFileSync } = await import("node:fs");
    const { renderSvg, traceScenario } = await import("../../src/qemu/timeline.ts");
    const committed = readFileSync(new URL("../../chapters/02-qemu-main-loop/timeline.svg", import.meta.url), "utf8");
    expect(renderSvg(await traceScenario()), "regenerate with npm run -s qemu:timeline > chapters/02-qemu-main-loop/timeline.svg").toBe(committed);
  });
});
