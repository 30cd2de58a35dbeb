// The chapter 01 guests under our QEMU, on the software CPU: the ticker guest is stopped, resumed, saved
// and loaded over QMP; hello.s runs under our command and under qemu-system-x86_64 with the same options.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { assembleGuest } from "../../src/kvm/gas.ts";
import { pcMachine } from "../../src/qemu/boards.ts";
import { MemChardev } from "../../src/qemu/chardev.ts";
import { QmpMonitor } from "../../src/qemu/monitor/qmp.ts";
import { SimPoller } from "../../src/qemu/sim-poller.ts";
import { Qemu } from "../../src/qemu/vl.ts";

const MS = 1_000_000;
const dir = mkdtempSync(join(tmpdir(), "qemu-guests-"));
const image = (name: string, source: string) => {
  const path = join(dir, `${name}.img`);
  writeFileSync(path, assembleGuest(source).bytes);
  return path;
};
const ticker = image("ticker", new URL("../../src/qemu/guests/ticker.s", import.meta.url).pathname);
const hmc = (line: string) => JSON.stringify({ execute: "human-monitor-command", arguments: { "command-line": line } });

describe("the ticker guest on the software CPU", () => {
  test("stop stops its serial output, cont resumes it; loadvm replays the lines after savevm", async () => {
    const sim = new SimPoller();
    const serial = new MemChardev("serial");
    const qmp = new MemChardev("qmp");
    const qemu = new Qemu(sim, pcMachine("tcg", 1 << 20, ticker, serial), { startPaused: false, snapshotDir: join(dir, "snapshots"), cpu: { slice_ns: MS, budget: 200 } });
    new QmpMonitor(qemu, qmp);
    const marks: Record<string, number> = {};
    const at = (ms: number, line: string, mark?: string) =>
      sim.at(ms * MS, line, () => {
        if (mark) marks[mark] = serial.output.length;
        qmp.send(`${line}\n`);
      });
    at(0, '{"execute":"qmp_capabilities"}');
    at(3, '{"execute":"stop"}');
    sim.at(3.5 * MS, "mark", () => (marks.stopped = serial.output.length));
    at(6, '{"execute":"cont"}', "cont");
    at(7.5, '{"execute":"stop"}');
    at(7.6, hmc("savevm t"), "save");
    at(7.7, '{"execute":"cont"}');
    at(11.5, '{"execute":"stop"}');
    at(11.6, hmc("loadvm t"), "load");
    at(11.7, '{"execute":"cont"}');
    at(15.5, '{"execute":"quit"}');
    expect(await qemu.qemu_main_loop()).toBe(0);
    const out = serial.output;
    expect(marks.cont, "bytes written between 3.5 ms (after stop) and cont (6 ms)").toBe(marks.stopped);
    expect(out.length).toBeGreaterThan(marks.cont);
    const afterSave = out.slice(marks.save, marks.load);
    const afterLoad = out.slice(marks.load);
    const n = Math.min(afterSave.length, afterLoad.length);
    expect(n).toBeGreaterThan(20);
    expect(afterLoad.slice(0, n), "the output after loadvm repeats the output after savevm").toBe(afterSave.slice(0, n));
    expect(out.slice(0, 20)).toBe("tick 0\ntick 1\ntick 2");
  });
});

needs("qemu-system-x86_64").describe("hello.s under our qemu and qemu-system-x86_64", () => {
  test("the same options give the same serial bytes (after SeaBIOS's banner) and exit status", () => {
    const hello = image("hello", new URL("../../src/kvm/guests/hello.s", import.meta.url).pathname);
    const args = ["-nographic", "-drive", `file=${hello},format=raw`, "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-serial", "stdio", "-monitor", "none"];
    const ours = spawnSync(process.execPath, ["--import", "tsx", "src/qemu/cli/qemu.ts", "-accel", "tcg", ...args], { encoding: "latin1", timeout: 60_000 });
    const real = spawnSync("qemu-system-x86_64", args, { encoding: "latin1", timeout: 60_000 });
    expect(ours.stderr).toBe("");
    expect(ours.status).toBe(real.status);
    expect(ours.stdout.length).toBeGreaterThan(0);
    expect(real.stdout.endsWith(ours.stdout), `qemu-system-x86_64 printed ${JSON.stringify(real.stdout.slice(-80))}`).toBe(true);
  }, 120_000);
});
