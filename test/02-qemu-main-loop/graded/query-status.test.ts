// Graded suite for exercise 02-qemu-main-loop/query-status: the learner's qmp_query_status answers QMP's
// query-status and the learner's hmp_info_status answers HMP's `info status`, in our QEMU; both must say
// what real qemu-system-x86_64 7.2 says in the same states.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { MemChardev } from "../../../src/qemu/chardev.ts";
import { QmpMonitor } from "../../../src/qemu/monitor/qmp.ts";
import { SimPoller } from "../../../src/qemu/sim-poller.ts";
import { standInMachine } from "../../../src/qemu/boards.ts";
import { Qemu } from "../../../src/qemu/vl.ts";
import { QmpClient } from "../qmp-client.ts";

const SCRIPT = ['{"execute":"qmp_capabilities"}'];
const STATES = ["prelaunch", "running after cont", "paused after stop", "prelaunch after system_reset"];
const STEPS = [[], ['{"execute":"cont"}'], ['{"execute":"stop"}'], ['{"execute":"system_reset"}']];
const ASK = ['{"execute":"query-status"}', JSON.stringify({ execute: "human-monitor-command", arguments: { "command-line": "info status" } })];

/** The replies of our QEMU (simulated loop, in-memory QMP) to the script: [query-status, info status] per state. */
async function ours(): Promise<unknown[][]> {
  const sim = new SimPoller();
  const chr = new MemChardev("qmp");
  const qemu = new Qemu(sim, standInMachine(1 << 16, new MemChardev("serial")), { startPaused: true, snapshotDir: null });
  new QmpMonitor(qemu, chr);
  const lines = [...SCRIPT, ...STEPS.flatMap((s) => [...s, ...ASK]), '{"execute":"quit"}'];
  lines.forEach((l, i) => sim.at((i + 1) * 1_000_000, l, () => chr.send(`${l}\n`)));
  await qemu.qemu_main_loop();
  const replies = chr.output.split("\r\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).filter((m) => "return" in m || "error" in m);
  return answers(replies.slice(1));
}

/** Picks the replies to ASK out of the replies to the steps. */
function answers(replies: Record<string, unknown>[]): unknown[][] {
  const out: unknown[][] = [];
  let i = 0;
  for (const step of STEPS) {
    i += step.length;
    out.push([replies[i], replies[i + 1]]);
    i += 2;
  }
  return out;
}

async function theirs(): Promise<unknown[][]> {
  const sock = join(mkdtempSync(join(tmpdir(), "qs-")), "qmp.sock");
  const q = spawn("qemu-system-x86_64", ["-machine", "none", "-nographic", "-nodefaults", "-S", "-monitor", "none", "-serial", "none", "-qmp", `unix:${sock},server,nowait`], { stdio: "ignore" });
  try {
    const { client } = await QmpClient.connect(sock);
    const replies: Record<string, unknown>[] = [];
    for (const l of SCRIPT) await client.exchange(l);
    for (const step of STEPS) for (const l of [...step, ...ASK]) replies.push((await client.exchange(l)).reply!);
    client.close();
    return answers(replies);
  } finally {
    q.kill();
  }
}

graded("query-status and info status agree with each other in every state", 4, async () => {
  const got = await ours();
  got.forEach(([qs, hmp], i) => {
    const r = (qs as { return: { status: string; running: boolean } }).return;
    expect(r, `query-status when ${STATES[i]}`).toBeDefined();
    expect(r.running, `query-status "running" when the status is "${r.status}"`).toBe(r.status === "running");
    expect((hmp as { return: string }).return, `info status when ${STATES[i]}`).toContain(r.running ? "running" : "paused");
  });
}, { timeout: 8_000 });

graded("query-status and info status say what qemu-system-x86_64 7.2 says, state by state", 6, async () => {
  const [mine, real] = await Promise.all([ours(), theirs()]);
  STATES.forEach((state, i) => {
    expect(mine[i][0], `query-status reply when ${state}`).toEqual(real[i][0]);
    expect(mine[i][1], `info status reply when ${state}`).toEqual(real[i][1]);
  });
}, { needs: ["qemu-system-x86_64"], timeout: 8_000 });
