// The site's `mainloop` runtime: a scenario script run by our QEMU on the simulated poller, printed as the
// loop's trace. Its output follows the loop's rules (newest BH first, timers after BHs, the virtual clock
// stopped until `cont`), its budget stops a scenario that never ends, and bad lines get one-line errors.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { execute, type RunResult } from "../../site/runtime.ts";
import mainloop from "../../site/runtimes/mainloop.ts";

const run = (source: string, steps = mainloop.steps): Promise<RunResult> => Promise.resolve(execute(mainloop, source, steps));
/** The printed steps as [ms, label, name]. */
const steps = (r: RunResult) =>
  r.output.split("\n").flatMap((l) => {
    const m = /^\s*([\d.]+)\s{4}(\S+(?: \S+)?)\s+(.*)$/.exec(l);
    return m ? [[Number(m[1]), m[2], m[3]] as const] : [];
  });

describe("the mainloop runtime", () => {
  test("bottom halves scheduled together run in one turn, newest first", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 6 }), async (names) => {
        const r = await run(names.map((n) => `bh ${n}`).join("\n"));
        expect(r.error).toBeUndefined();
        const ran = steps(r).filter(([, label, name]) => label === "bh" && names.includes(name)).map(([, , name]) => name);
        expect(ran).toEqual([...names].reverse());
      }),
      { numRuns: 15 },
    );
  });

  test("a BH scheduled by a timer runs in the turn after the timer; the virtual clock waits for cont", async () => {
    const r = await run("timer tick realtime 1 then bh after\ntimer guest virtual 2\nqmp 3 {\"execute\":\"cont\"}\nrun 8");
    expect(r.error).toBeUndefined();
    const lines = r.output.split("\n");
    const tick = lines.findIndex((l) => / timer +realtime tick$/.test(l));
    const after = lines.findIndex((l) => / bh +after$/.test(l));
    expect(tick).toBeGreaterThan(0);
    expect(lines.slice(tick, after).filter((l) => l.endsWith("  main_loop_wait")), "one new turn between the timer and its BH").toHaveLength(1);
    const s = steps(r);
    const cont = s.find(([, l, n]) => l === "qmp reply" && n.includes('"RESUME"'));
    const guest = s.find(([, l, n]) => l === "timer" && n === "virtual guest");
    expect(cont, "RESUME is sent").toBeDefined();
    expect(guest?.[0], "due 2 ms of guest time after the VM started").toBe(cont![0] + 2);
  });

  test("a scenario that never ends stops at its budget, with the budget's message", async () => {
    const r = await run("timer t realtime 0.01 every 0.01\nrun 1000", 300);
    expect(r.budget).toBe(true);
    expect(r.error).toMatch(/step budget of 300 steps ran out/);
  });

  test("bad lines say which line and what is wrong", async () => {
    expect((await run("timer t sundial 1")).error).toBe("line 1: unknown clock 'sundial' (realtime, virtual or host)");
    expect((await run("bh a\nfrobnicate")).error).toMatch(/^line 2: unknown line 'frobnicate' \(lines: timer NAME/);
    expect((await run("qmp soon {}")).error).toBe("line 1: qmp: expected a time in ms (such as 2.5), got 'soon'");
  });
});
