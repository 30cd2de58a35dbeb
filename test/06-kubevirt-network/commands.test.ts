// The commands, as a user runs them: the plan on the example pod, and one-line errors for bad input.
import { spawn } from "node:child_process";
import { expect, test } from "vitest";
import { NOBODY, needs } from "../../src/course/oracle.ts";
import { asUser } from "../../src/course/sandbox.ts";

/** Runs `npm run -s NAME -- args` the way npm would (tsx on the command's file); `as` runs it as nobody. */
function command(file: string, args: string[], as: "me" | "nobody" = "me"): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const tsx = ["node_modules/.bin/tsx", `src/kubevirt/cli/${file}.ts`, ...args];
  const [command, ...rest] = as === "me" ? tsx : [...asUser(NOBODY), ...tsx];
  const child = spawn(command, rest);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += String(d)));
  child.stderr.on("data", (d) => (stderr += String(d)));
  return new Promise((done) => child.on("close", (status) => done({ status, stdout, stderr })));
}

const oneLine = (s: string) => s.trim().split("\n").length === 1;

test("pod-network prints the plan of the masquerade binding for the example pod", { timeout: 60_000 }, async () => {
  const r = await command("pod-network", ["--binding", "masquerade", "--example", "--dry-run", "--port", "8080/tcp"]);
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^k6t-eth0\s+bridge\s+create\s+up\s+1400\s+-\s+10\.0\.2\.1\/24\s+02:00:00:00:00:00, route_localnet=1$/m);
  expect(r.stdout).toContain("nftables: table ip nat, KUBEVIRT_PREINBOUND/KUBEVIRT_POSTINBOUND, ports tcp/8080 to 10.0.2.2");
});

test("bad input gets one line naming the problem, and exit status 2", { timeout: 60_000 }, async () => {
  const root = process.getuid?.() === 0;
  const runs = await Promise.all([
    command("pod-network", ["--binding", "macvtap", "--example"]),
    command("pod-network", ["--binding", "bridge", "--netns", "vmfs-no-such-namespace"]),
    command("dhcpd", ["--vm-mac", "0a:58:0a:f4:01:05"]),
    command("dhcpd", ["--iface", "k6t-eth0", "--vm-mac", "zz", "--ip", "10.244.1.5/24", "--server-ip", "169.254.75.10"]),
    command("dhcpd", ["--netns", "vmfs-no-such-namespace", "--iface", "k6t-eth0", "--vm-mac", "any", "--ip", "10.0.2.2/24", "--server-ip", "10.0.2.1"]),
  ]);
  const expected = [
    'pod-network: --binding must be bridge or masquerade, not "macvtap"',
    root ? 'pod-network: no network namespace "vmfs-no-such-namespace" (create it with: ip netns add vmfs-no-such-namespace)' : "pod-network: the real driver needs root",
    "dhcpd: --iface is required",
    'dhcpd: not a MAC address: "zz"',
    root ? 'dhcpd: no network namespace "vmfs-no-such-namespace"' : "dhcpd: entering network namespace vmfs-no-such-namespace needs root",
  ];
  runs.forEach((r, i) => {
    expect(r.stderr.startsWith(expected[i]), `stderr: ${r.stderr}`).toBe(true);
    expect(oneLine(r.stderr), `one line: ${r.stderr}`).toBe(true);
    expect(r.status).toBe(2);
  });
});

// As root, the command once more without root: as nobody.
needs("unprivileged user").test("without root, the real driver says so in one line", async () => {
  const r = await command("pod-network", ["--binding", "bridge", "--netns", "vmfs-no-such-namespace"], "nobody");
  expect(r.stderr).toBe("pod-network: the real driver needs root to change network namespace vmfs-no-such-namespace: run as root (or try the plan on the in-memory example pod: --example)\n");
  expect(r.status).toBe(2);
}, 60_000);
