// The monitor on the simulated loop: QMP negotiation, commands, events with timestamps from the host
// clock, errors, and HMP, all driving the stand-in guest, whose serial output shows what the VM did.
import { describe, expect, test } from "vitest";
import { MemChardev } from "../../src/qemu/chardev.ts";
import { main_loop_wait } from "../../src/qemu/main-loop.ts";
import { HmpMonitor } from "../../src/qemu/monitor/hmp.ts";
import { QmpMonitor } from "../../src/qemu/monitor/qmp.ts";
import { SimPoller } from "../../src/qemu/sim-poller.ts";
import { standInMachine } from "../../src/qemu/boards.ts";
import { Qemu } from "../../src/qemu/vl.ts";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MS = 1_000_000;

function boot(startPaused = true, snapshotDir: string | null = null) {
  const sim = new SimPoller();
  const serial = new MemChardev("serial0");
  const qmpChr = new MemChardev("qmp");
  const qemu = new Qemu(sim, standInMachine(1 << 16, serial), { startPaused, snapshotDir, cpu: { slice_ns: MS, budget: 7 } });
  new QmpMonitor(qemu, qmpChr);
  /** Starts the loop once the script is written (with nothing scripted the simulation cannot wait). */
  const run = () => qemu.qemu_main_loop();
  /** Sends one QMP line at virtual time `at` ms. */
  const qmp = (at: number, line: string) => sim.at(at * MS, `qmp ${line}`, () => qmpChr.send(`${line}\n`));
  const replies = () => qmpChr.output.split("\r\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { sim, serial, qmpChr, qemu, run, qmp, replies };
}

describe("QMP on the simulated loop", () => {
  test("greeting, negotiation, query-status, stop/cont with events, and quit", async () => {
    const { qmp, replies, serial, run } = boot();
    qmp(1, '{"execute":"query-status"}');
    qmp(2, '{"execute":"qmp_capabilities"}');
    qmp(3, '{"execute":"stop"}');
    qmp(4, '{"execute":"query-status","id":1}');
    qmp(5, '{"execute":"cont"}');
    qmp(9.5, '{"execute":"stop"}');
    qmp(20, '{"execute":"query-status"}');
    qmp(30, '{"execute":"quit"}');
    expect(await run()).toBe(0);
    const r = replies();
    expect(r[0]).toHaveProperty("QMP.capabilities", ["oob"]);
    expect(r[1]).toEqual({ error: { class: "CommandNotFound", desc: "Expecting capabilities negotiation with 'qmp_capabilities'" } });
    expect(r[2]).toEqual({ return: {} });
    expect(r[3]).toEqual({ return: {} }); // stop before the guest ever ran: no STOP event
    expect(r[4]).toEqual({ return: { status: "prelaunch", singlestep: false, running: false }, id: 1 });
    expect(r[5]).toMatchObject({ event: "RESUME", timestamp: { seconds: 1672531200, microseconds: 5000 } });
    expect(r[7]).toMatchObject({ event: "STOP", timestamp: { microseconds: 9500 } });
    expect(r[9]).toEqual({ return: { status: "paused", singlestep: false, running: false } });
    expect(r[10]).toMatchObject({ event: "SHUTDOWN", data: { guest: false, reason: "host-qmp-quit" } });
    expect(r[11]).toEqual({ return: {} });
    // The guest ran from 5 ms to 9.5 ms: slices at 5..9 ms of 7 exits each ("tick N\n" is 7 bytes).
    expect(serial.output).toBe("tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n");
  });

  test("system_reset sends RESET before its reply, restarts the guest, and a paused VM goes back to prelaunch", async () => {
    const { qmp, replies, serial, run } = boot(false);
    qmp(0, '{"execute":"qmp_capabilities"}');
    qmp(2.5, '{"execute":"system_reset"}');
    qmp(4.5, '{"execute":"stop"}');
    qmp(5, '{"execute":"system_reset"}');
    qmp(6, '{"execute":"query-status"}');
    qmp(7, '{"execute":"quit"}');
    await run();
    const kinds = replies().slice(1).map((r) => ("event" in r ? r.event : "return" in r ? JSON.stringify(r.return) : "error"));
    expect(kinds).toEqual(["{}", "RESET", "{}", "STOP", "{}", "RESET", "{}", '{"status":"prelaunch","singlestep":false,"running":false}', "SHUTDOWN", "{}"]);
    // Reset at 2.5 ms: the vCPU restarts at once (resume_all_vcpus), then runs at 3 and 4 ms until the stop.
    expect(serial.output).toBe("tick 0\ntick 1\ntick 2\ntick 0\ntick 1\ntick 2\n");
  });

  test("malformed JSON, unknown commands and bad arguments get QEMU's errors and the connection stays usable", async () => {
    const { qmp, replies, run } = boot();
    qmp(0, '{"execute":"qmp_capabilities"}');
    qmp(1, "{ bad json");
    qmp(2, "}");
    qmp(3, "[1,2]");
    qmp(4, '{"execute":"foo","id":7}');
    qmp(5, '{"execute":"query-status","arguments":{"a":1}}');
    qmp(6, '{"execute":"human-monitor-command"}');
    qmp(7, '{"exec":"query-status"}');
    qmp(8, '{"execute":"qmp_capabilities"}');
    qmp(9, '{"execute":"human-monitor-command","arguments":{"command-line":"foo"}}');
    qmp(10, '{"execute":"quit"}');
    await run();
    expect(replies().slice(2, 11)).toEqual([
      { error: { class: "GenericError", desc: "JSON parse error, invalid keyword 'bad'" } },
      { error: { class: "GenericError", desc: "QMP input must be a JSON object" } },
      { id: 7, error: { class: "CommandNotFound", desc: "The command foo has not been found" } },
      { error: { class: "GenericError", desc: "Parameter 'a' is unexpected" } },
      { error: { class: "GenericError", desc: "Parameter 'command-line' is missing" } },
      { error: { class: "GenericError", desc: "QMP input member 'exec' is unexpected" } },
      { error: { class: "CommandNotFound", desc: "Capabilities negotiation is already complete, command ignored" } },
      { return: "unknown command: 'foo'\r\n" },
      expect.objectContaining({ event: "SHUTDOWN" }),
    ]);
  });
});

describe("HMP and snapshots", () => {
  test("info status, stop, cont, x and info registers through an HMP monitor", async () => {
    const { sim, qemu, serial, run } = boot(false);
    const out: string[] = [];
    const hmp = new HmpMonitor(qemu, (t) => out.push(t));
    hmp.opened();
    sim.at(2.5 * MS, "hmp", () => hmp.input("info status\nstop\ninfo status\nxp /2xw 0x500\ninfo registers\n"));
    sim.at(10 * MS, "hmp", () => hmp.input("cont\n"));
    sim.at(11.5 * MS, "hmp", () => hmp.input("q\n"));
    await run();
    const text = out.join("");
    expect(text).toContain("QEMU 7.2.0 monitor - type 'help' for more information\r\n(qemu) ");
    expect(text).toContain("VM status: running\r\n(qemu) (qemu) VM status: paused\r\n");
    expect(text).toContain("0000000000000500: 0x00000003 0x00000000\r\n");
    expect(text).toMatch(/EAX=0000000a .*\r\nESI=00000000 .*\r\nEIP=00007c15 EFL=00000002 \[-------\] CPL=0/);
    expect(serial.output).toBe("tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n");
  });

  test("savevm mid-run, loadvm later: the output from the snapshot on repeats exactly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qemu-snap-"));
    const { sim, qemu, serial, run } = boot(false, dir);
    const out: string[] = [];
    const hmp = new HmpMonitor(qemu, (t) => out.push(t));
    let mark = 0;
    sim.at(3.5 * MS, "savevm", () => {
      hmp.input("savevm a\n");
      mark = serial.output.length;
    });
    sim.at(8.5 * MS, "loadvm", () => hmp.input("loadvm a\ninfo snapshots\n"));
    sim.at(13.5 * MS, "quit", () => hmp.input("quit\n"));
    await run();
    const text = serial.output;
    // Saved at 3.5 ms after four lines; loaded at 8.5 ms: the guest goes on from "tick 4" again.
    const after = text.slice(mark);
    const again = after.indexOf("tick 4", 1);
    expect(after.startsWith("tick 4\n")).toBe(true);
    expect(after.slice(again, again + again)).toBe(after.slice(0, again));
    expect(out.join("")).toMatch(/List of snapshots present on all disks:\r\nID        TAG               VM SIZE                DATE     VM CLOCK     ICOUNT\r\n1         a                64\.\d KiB \d{4}-\d\d-\d\d \d\d:\d\d:\d\d 00:00:00\.003/);
  });

  test("a corrupt or truncated snapshot is refused and the VM keeps its state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qemu-snap-"));
    const { sim, qemu, serial, run } = boot(false, dir);
    const out: string[] = [];
    const hmp = new HmpMonitor(qemu, (t) => out.push(t));
    sim.at(1.5 * MS, "savevm", () => {
      hmp.input("savevm good\n");
      const good = readFileSync(join(dir, "good.vmstate"));
      writeFileSync(join(dir, "cut.vmstate"), good.subarray(0, 1000));
      writeFileSync(join(dir, "bad.vmstate"), Buffer.concat([Buffer.from("XXXX"), good.subarray(4)]));
    });
    sim.at(3.5 * MS, "loadvm", () => hmp.input("loadvm cut\nloadvm bad\nloadvm none\ncont\n"));
    sim.at(5.5 * MS, "quit", () => hmp.input("quit\n"));
    await run();
    const text = out.join("");
    expect(text).toContain("Error: Error while loading snapshot 'cut': truncated at byte");
    expect(text).toContain(`Error: Error while loading snapshot 'bad': not a snapshot: magic 0x58585858, expected 0x5145564d ("QEVM")`);
    expect(text).toContain("Error: Snapshot 'none' does not exist in one or more devices");
    // No line repeats and none is skipped: the failed loads changed nothing.
    const lines = serial.output.trim().split("\n");
    expect(lines).toEqual(lines.map((_, i) => `tick ${i}`));
    expect(lines.length).toBeGreaterThan(4);
  });

  test("unknown HMP commands, help, and isa-debug-exit ending QEMU with (value << 1) | 1", async () => {
    const { qemu, sim, run } = boot();
    const out: string[] = [];
    const hmp = new HmpMonitor(qemu, (t) => out.push(t));
    sim.at(MS, "hmp", () => {
      hmp.input("foo\ninfo foo\nhelp stop\nstop now\n");
      qemu.machine.kvm_handle_io({ reason: "io", direction: "out", port: 0xf4, size: 1, count: 1, data: Uint8Array.of(3) });
    });
    expect(await run()).toBe(7);
    expect(out.join("")).toBe(
      "(qemu) unknown command: 'foo'\r\n(qemu) unknown command: 'info foo'\r\n(qemu) stop|s  -- stop emulation\r\n(qemu) stop|s: extraneous characters at the end of line\r\nTry \"help stop\" for more information\r\n(qemu) ".slice(7),
    );
  });
});
