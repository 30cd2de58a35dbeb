// Benchmarks time our code and its real peer in the same run, on the same input, and print the ratio.
// They are run by `npm run bench`, never by `npm test`: a test never asserts a time.
import { spawnSync, type SpawnSyncOptions } from "node:child_process";

/** Median seconds of `runs` calls of `fn` (after one warm-up call). */
export function time(fn: () => unknown, runs = 5): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(samples);
}

/** Median seconds of `runs` runs of an external command; throws with its stderr when it fails. */
export function timeCommand(command: string, args: string[], runs = 3, options: SpawnSyncOptions = {}): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(command, args, { stdio: ["pipe", "ignore", "pipe"], ...options });
    if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${String(r.stderr).trim()}`);
    samples.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(samples);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export interface Row {
  case: string;
  /** Seconds for our code. */
  ours: number;
  /** Seconds for the real peer, or a reason it could not run. */
  peer: number | string;
}

/** Prints a table: case, ours, the peer, and ours/peer (below 1 means we are faster). */
export function report(title: string, peerName: string, rows: Row[]): void {
  const fmt = (s: number) => (s < 1e-3 ? `${(s * 1e6).toFixed(1)} µs` : s < 1 ? `${(s * 1e3).toFixed(1)} ms` : `${s.toFixed(2)} s`);
  const table = rows.map((r) => [r.case, fmt(r.ours), typeof r.peer === "number" ? fmt(r.peer) : r.peer, typeof r.peer === "number" ? `${(r.ours / r.peer).toFixed(2)}x` : "-"]);
  const header = ["case", "ours", peerName, "ours/" + peerName];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log(`\n${title}`);
  console.log(line(header));
  for (const r of table) console.log(line(r));
  const ratios = rows.filter((r) => typeof r.peer === "number").map((r) => r.ours / (r.peer as number));
  if (ratios.length > 1) console.log(`geometric mean ours/${peerName}: ${Math.exp(ratios.reduce((a, r) => a + Math.log(r), 0) / ratios.length).toFixed(2)}x`);
}
