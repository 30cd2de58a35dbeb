// thread=multi: the vCPU runs in a worker thread of its own (kvm_vcpu_thread_fn), on the software CPU and
// on KVM. Its exits are answered on the main thread with the BQL held; pause_all_vcpus returns only once
// the thread is parked, so `stop` stops the serial output at once; registers are read on the vCPU's thread
// (run_on_cpu) while it runs; savevm/loadvm replay the output from the snapshot on.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, threadId } from "node:worker_threads";
import { describe, expect, test } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { assembleGuest } from "../../src/kvm/gas.ts";
import { pcMachine } from "../../src/qemu/boards.ts";
import { MemChardev } from "../../src/qemu/chardev.ts";
import { main_loop_wait } from "../../src/qemu/main-loop.ts";
import { qmp_cont, qmp_human_monitor_command, qmp_stop } from "../../src/qemu/monitor/qmp-cmds.ts";
import { UvPoller } from "../../src/qemu/uv-poller.ts";
import { Word } from "../../src/qemu/vcpu-mailbox.ts";
import { VcpuThread } from "../../src/qemu/vcpu-threads.ts";
import { Qemu } from "../../src/qemu/vl.ts";

const dir = mkdtempSync(join(tmpdir(), "qemu-threads-"));
const ticker = join(dir, "ticker.img");
writeFileSync(ticker, assembleGuest(new URL("../../src/qemu/guests/ticker.s", import.meta.url).pathname).bytes);

async function scenario(accel: "tcg" | "kvm"): Promise<void> {
  const serial = new MemChardev("serial");
  const qemu = new Qemu(new UvPoller(), pcMachine(accel, 1 << 20, ticker, serial), { startPaused: true, snapshotDir: join(dir, accel), thread: "multi" });
  const vcpu = qemu.machine.vcpu;
  expect(vcpu, "thread=multi gives the VM a vCPU thread").toBeInstanceOf(VcpuThread);
  const thread = vcpu as VcpuThread;
  expect(thread.worker.threadId, "the vCPU has a thread of its own").not.toBe(threadId);
  const underBql: boolean[] = [];
  const handle_io = qemu.machine.kvm_handle_io.bind(qemu.machine);
  qemu.machine.kvm_handle_io = (exit) => {
    underBql.push(isMainThread && qemu.loop.bql.locked);
    handle_io(exit);
  };
  const lines = () => serial.output.split("\n").length - 1;
  const until = async (done: () => boolean) => {
    while (!done()) await main_loop_wait(qemu.loop, true);
  };

  qmp_cont(qemu);
  await until(() => lines() >= 3);
  expect(serial.output.startsWith("tick 0\ntick 1\ntick 2\n")).toBe(true);
  const rip = qmp_human_monitor_command(qemu, "info registers");
  expect(rip, "info registers reads the running vCPU on its thread").toMatch(/EIP=00007c[0-9a-f]{2}/);

  qmp_stop(qemu);
  expect(thread.mailbox.get(Word.STOPPED), "stop returns with the vCPU thread parked").toBe(1);
  const stoppedAt = serial.output.length;
  for (let i = 0; i < 50; i++) await main_loop_wait(qemu.loop, true);
  expect(serial.output.length, "no byte after stop").toBe(stoppedAt);

  expect(qmp_human_monitor_command(qemu, "savevm t")).toBe("");
  const saved = serial.output.length;
  qmp_cont(qemu);
  await until(() => serial.output.length >= saved + 40);
  qmp_stop(qemu);
  expect(qmp_human_monitor_command(qemu, "loadvm t")).toBe("");
  const loaded = serial.output.length;
  qmp_cont(qemu);
  await until(() => serial.output.length >= loaded + 40);
  qmp_stop(qemu);
  expect(serial.output.slice(loaded, loaded + 40), "the output after loadvm repeats the output after savevm").toBe(serial.output.slice(saved, saved + 40));

  expect(underBql.length).toBeGreaterThan(40);
  expect(underBql.every(Boolean), "every exit is handled on the main thread with the BQL held").toBe(true);
  expect(qemu.cpu.exits).toBe(underBql.length);
  qemu.machine.vm.close();
  await thread.ended;
}

describe("vCPU threads", () => {
  test("the software CPU in a worker thread: stop, cont, info registers, savevm/loadvm", { timeout: 60_000 }, () => scenario("tcg"));
  needs("/dev/kvm").test("KVM_RUN in a worker thread: stop, cont, info registers, savevm/loadvm", () => scenario("kvm"), 60_000);
});
