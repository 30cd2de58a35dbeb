// A real DHCP exchange, end to end: a pod in real network namespaces as a CNI plugin leaves it (cni-real.ts),
// a binding applied inside it by the real driver, our DHCP server (the dhcpd command) in the pod, and busybox
// udhcpc in a third namespace that stands in for the VM, attached by a veth where tap0 would be. udhcpc's
// lease script is our own: it configures only the VM namespace and writes only /etc/netns/<vm>/resolv.conf.
// Used by the real exchange test, the benchmark, and the capture of the chapter's packets.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { examplePod } from "./cni.ts";
import { realPod, type RealScene } from "./cni-real.ts";
import { dhcpdArgs } from "./cli/dhcpd-args.ts";
import type { Binding } from "./desired.ts";
import type { NetworkStatus } from "./driver.ts";
import { setupPodNetwork, type Plan } from "./netpod.ts";
import { RealDriver, run } from "./real-driver.ts";

export const LEASE_SCRIPT = `#!/bin/sh
# udhcpc lease script of the real exchange: it runs inside the VM namespace (ip netns exec) and
# configures only that namespace; DNS goes to $RESOLV_CONF (/etc/netns/<vm>/resolv.conf), the lease to $LEASE_ENV.
case "$1" in
  deconfig)
    ip link set dev "$interface" up
    ip -4 addr flush dev "$interface"
    ;;
  bound|renew)
    ip addr add "$ip/$mask" dev "$interface"
    [ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
    if [ -n "$staticroutes" ]; then
      set -- $staticroutes
      while [ $# -ge 2 ]; do
        if [ "$2" = 0.0.0.0 ]; then ip route add "$1" dev "$interface"; else ip route add "$1" via "$2" dev "$interface"; fi
        shift 2
      done
    elif [ -n "$router" ]; then
      ip route add default via "\${router%% *}" dev "$interface"
    fi
    { [ -n "$search" ] && echo "search $search"; for s in $dns; do echo "nameserver $s"; done; } > "$RESOLV_CONF"
    env | grep -E '^(ip|mask|subnet|router|dns|domain|search|mtu|staticroutes|hostname|lease|serverid)=' | sort > "$LEASE_ENV"
    ;;
esac
exit 0
`;

export interface Run {
  scene: RealScene;
  plan: Plan;
  lease: Record<string, string>;
  resolvConf: string;
  podStatus: NetworkStatus;
  log: string[];
}

/**
 * Stops a child process we started, and waits for it: SIGTERM, then SIGKILL after 15 s. A child spawned
 * `detached` leads its own process group (dhcpd: tsx, node, `ip netns exec`, node), and the whole group
 * gets the signal, so nothing of it outlives the namespace it served.
 */
export async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const pid = child.pid;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(detachedChildren.has(child) ? -pid : pid, s);
    } catch {
      // already gone
    }
  };
  const exited = new Promise((done) => child.once("exit", done));
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 15000);
  await exited;
  clearTimeout(timer);
  if (detachedChildren.has(child)) signal("SIGKILL"); // what is left of the group, if anything
}

const detachedChildren = new WeakSet<ChildProcess>();

/** Runs a command to its end without blocking the event loop; kills it after 30 s. */
export function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
  return new Promise((resolve) => child.once("exit", (status) => (clearTimeout(timer), resolve({ status, stderr }))));
}

/** Starts `npm run dhcpd`'s program with `args` and waits for its "serving" line; its lines go to `log`. */
export function startDhcpd(args: string[], log: string[]): Promise<ChildProcess> {
  const child = spawn(join("node_modules", ".bin", "tsx"), ["src/kubevirt/cli/dhcpd.ts", ...args], { stdio: ["ignore", "pipe", "pipe"], detached: true });
  detachedChildren.add(child);
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => {
      void stop(child); // ours, by its process group: never leave a server behind in a namespace about to go
      reject(new Error(`dhcpd did not start in 60 s: ${err}`));
    }, 60000);
    child.stderr!.on("data", (d) => (err += String(d)));
    child.stdout!.on("data", (d) => {
      for (const line of String(d).split("\n").filter(Boolean)) log.push(line);
      if (log.some((l) => l.startsWith("dhcpd: serving"))) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dhcpd exited with ${code}: ${err.trim()}`));
    });
  });
}

/** Runs busybox udhcpc once in namespace `vm` with the lease script above (written to `dir`). */
export async function udhcpc(vm: string, dir: string): Promise<{ status: number | null; stderr: string; env: Record<string, string>; resolvConf: string }> {
  const script = join(dir, "lease.sh");
  writeFileSync(script, LEASE_SCRIPT);
  chmodSync(script, 0o755);
  const resolvPath = `/etc/netns/${vm}/resolv.conf`;
  const leasePath = join(dir, "lease.env");
  // Asynchronously, so the server's log lines keep arriving while udhcpc runs.
  const r = await runAsync("ip", ["netns", "exec", vm, "udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "5", "-T", "2", "-s", script], {
    ...process.env,
    RESOLV_CONF: resolvPath,
    LEASE_ENV: leasePath,
  });
  if (r.status !== 0) return { ...r, env: {}, resolvConf: "" };
  const lines = readFileSync(leasePath, "utf8").trim().split("\n");
  const env = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  return { ...r, env, resolvConf: readFileSync(resolvPath, "utf8") };
}

/** Builds the pod, applies `binding`, runs our server and udhcpc; `then` checks while it is all still there. */
export async function exchange(binding: Binding, tag: string, then: (r: Run) => void | Promise<void>, dhcpdExtra: string[] = []): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "vmfs-udhcpc-"));
  let scene: RealScene | undefined;
  let server: ChildProcess | undefined;
  try {
    scene = realPod(examplePod, tag);
    const driver = new RealDriver(scene.pod, scene.vm);
    const ports = binding === "masquerade" ? [{ port: 8080, protocol: "tcp" }] : [];
    const plan = setupPodNetwork(driver, binding, { ports, hostname: `vmi-${binding}` });
    // libvirt would give the VM the MAC of its domain XML: the pod's.
    run("ip", ["-n", scene.vm, "link", "set", "eth0", "address", examplePod.podMAC]);
    const log: string[] = [];
    server = await startDhcpd([...dhcpdArgs(plan.dhcp!, scene.pod, "k6t-eth0"), ...dhcpdExtra], log);
    const lease = await udhcpc(scene.vm, dir);
    if (lease.status !== 0) throw new Error(`udhcpc failed:\n${lease.stderr}\nserver log:\n${log.join("\n")}`);
    await then({ scene, plan, lease: lease.env, resolvConf: lease.resolvConf, podStatus: driver.read(), log });
  } finally {
    await stop(server);
    scene?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

