// The real exchange: a pod in real network namespaces as a CNI plugin leaves it, our bindings applied inside
// it by the real driver, our DHCP server in the pod, and busybox udhcpc in a third namespace standing in for
// the VM (a veth where tap0 would be). udhcpc's lease script is this test's own: it configures only the VM
// namespace and writes only /etc/netns/<vm>/resolv.conf. Everything is removed afterwards, also on failure.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { examplePod, modelPod } from "../../src/kubevirt/cni.ts";
import { realPod, type RealScene } from "../../src/kubevirt/cni-real.ts";
import { dhcpdArgs } from "../../src/kubevirt/cli/dhcpd-args.ts";
import { MemoryDriver } from "../../src/kubevirt/model.ts";
import { setupPodNetwork, type Plan } from "../../src/kubevirt/netpod.ts";
import { RealDriver, run } from "../../src/kubevirt/real-driver.ts";
import type { Binding } from "../../src/kubevirt/desired.ts";
import type { NetworkStatus } from "../../src/kubevirt/driver.ts";

const LEASE_SCRIPT = `#!/bin/sh
# udhcpc lease script of the real exchange test: it runs inside the VM namespace (ip netns exec) and
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

interface Run {
  scene: RealScene;
  plan: Plan;
  lease: Record<string, string>;
  resolvConf: string;
  podStatus: NetworkStatus;
  log: string[];
}

/** Kills a child process we started, by its own pid, and waits for it. */
async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(timer);
}

/** Runs a command to its end without blocking the event loop; kills it after 30 s. */
function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stderr: string }> {
  const child = spawn(command, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += String(d)));
  const timer = setTimeout(() => child.kill("SIGKILL"), 30000);
  return new Promise((resolve) => child.once("exit", (status) => (clearTimeout(timer), resolve({ status, stderr }))));
}

/** Starts `npm run dhcpd`'s program for the plan and waits for its "serving" line. */
function startDhcpd(plan: Plan, scene: RealScene, log: string[]): Promise<ChildProcess> {
  const args = dhcpdArgs(plan.dhcp!, scene.pod, "k6t-eth0");
  const child = spawn(join("node_modules", ".bin", "tsx"), ["src/kubevirt/cli/dhcpd.ts", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`dhcpd did not start in 20 s: ${err}`)), 20000);
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

/** Builds the pod, applies `binding`, runs our server and udhcpc; `then` checks while it is all still there. */
async function exchange(binding: Binding, tag: string, then: (r: Run) => void | Promise<void>): Promise<void> {
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
    server = await startDhcpd(plan, scene, log);
    const script = join(dir, "lease.sh");
    writeFileSync(script, LEASE_SCRIPT);
    chmodSync(script, 0o755);
    const resolvPath = `/etc/netns/${scene.vm}/resolv.conf`;
    const leasePath = join(dir, "lease.env");
    // Asynchronously, so the server's log lines keep arriving while udhcpc runs.
    const udhcpc = await runAsync("ip", ["netns", "exec", scene.vm, "udhcpc", "-i", "eth0", "-f", "-q", "-n", "-t", "5", "-T", "2", "-s", script], {
      ...process.env,
      RESOLV_CONF: resolvPath,
      LEASE_ENV: leasePath,
    });
    expect(udhcpc.status, `udhcpc failed:\n${udhcpc.stderr}\nserver log:\n${log.join("\n")}`).toBe(0);
    const lease = Object.fromEntries(readFileSync(leasePath, "utf8").trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    await then({ scene, plan, lease, resolvConf: readFileSync(resolvPath, "utf8"), podStatus: driver.read(), log });
  } finally {
    await stop(server);
    scene?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

const vmAddress = (scene: RealScene) => JSON.parse(run("ip", ["-n", scene.vm, "-json", "-4", "addr", "show", "dev", "eth0"]))[0];
const vmDefaultRoute = (scene: RealScene) => JSON.parse(run("ip", ["-n", scene.vm, "-json", "-4", "route", "show", "default"]))[0];
const ping = (from: string, to: string) => spawnSync("ip", ["netns", "exec", from, "busybox", "ping", "-c", "1", "-W", "3", to], { encoding: "utf8" });

/** The pod's links after the setup, as the kernel shows them and as our model predicts them. */
function shape(status: NetworkStatus) {
  // The real driver's stand-ins: a veth with a down peer (eth0-hold) for the dummy, a veth for tap0.
  const dummy = status.links.some((l) => l.name === "eth0-hold");
  return status.links
    .filter((l) => l.kind !== "loopback" && l.name !== "eth0-hold")
    .map((l) => ({ name: l.name, kind: dummy && l.name === "eth0" ? "dummy" : l.kind, up: l.up, mtu: l.mtu, master: l.master, learning: l.learning, ipv4: status.addresses.filter((a) => a.dev === l.name).map((a) => `${a.ip}/${a.prefix}`) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function modelShape(binding: Binding): ReturnType<typeof shape> {
  const { pod } = modelPod();
  setupPodNetwork(new MemoryDriver(pod), binding, { ports: binding === "masquerade" ? [{ port: 8080, protocol: "tcp" }] : [], hostname: "x" });
  // In the real scene tap0 stands in as a veth into the VM namespace.
  return shape(pod.status()).map((l) => (l.name === "tap0" ? { ...l, kind: "veth" } : l));
}

const real = needs("root", "ip", "nft", "udhcpc", "busybox");

real.describe("a real DHCP exchange in network namespaces", () => {
  real.test("bridge binding: the VM gets the pod's IP, gateway, MTU, DNS and search domains, and reaches the node", async () => {
    await exchange("bridge", "br", ({ scene, lease, resolvConf, podStatus, log }) => {
      expect(shape(podStatus), "the pod after the bridge binding: kernel versus model").toEqual(modelShape("bridge"));
      expect(podStatus.sysctls["net/ipv4/conf/all/arp_ignore"]).toBe("1");
      expect(lease.serverid).toBe("169.254.75.10");
      expect(lease.staticroutes).toBe(`0.0.0.0/0 ${examplePod.gateway}`);
      expect(log.filter((l) => /: (Offer|ACK) /.test(l)).length, log.join("\n")).toBeGreaterThanOrEqual(2);
      const addr = vmAddress(scene);
      expect(addr.addr_info.map((a: { local: string; prefixlen: number }) => `${a.local}/${a.prefixlen}`)).toEqual([`${examplePod.podIP}/${examplePod.prefix}`]);
      expect(addr.mtu).toBe(examplePod.mtu);
      expect(vmDefaultRoute(scene).gateway).toBe(examplePod.gateway);
      expect(resolvConf).toBe("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\n");
      const p = ping(scene.vm, examplePod.gateway);
      expect(p.status, `busybox ping from the VM to the node:\n${p.stdout}${p.stderr}`).toBe(0);
    });
  }, 90000);

  real.test("masquerade binding: the VM gets 10.0.2.2, reaches the node through NAT, and a forwarded port reaches it", async () => {
    await exchange("masquerade", "mq", async ({ scene, lease, resolvConf, podStatus }) => {
      expect(shape(podStatus), "the pod after the masquerade binding: kernel versus model").toEqual(modelShape("masquerade"));
      expect(podStatus.sysctls["net/ipv4/ip_forward"]).toBe("1");
      expect(podStatus.sysctls["net/ipv4/conf/k6t-eth0/route_localnet"]).toBe("1");
      expect(podStatus.nft.chains.map((c) => c.name).sort()).toEqual(["KUBEVIRT_POSTINBOUND", "KUBEVIRT_PREINBOUND", "input", "output", "postrouting", "prerouting"]);
      expect(lease.serverid).toBe("10.0.2.1");
      expect(vmAddress(scene).addr_info.map((a: { local: string; prefixlen: number }) => `${a.local}/${a.prefixlen}`)).toEqual(["10.0.2.2/24"]);
      expect(vmAddress(scene).mtu).toBe(examplePod.mtu);
      expect(vmDefaultRoute(scene).gateway).toBe("10.0.2.1");
      expect(resolvConf).toContain("nameserver 10.96.0.10");
      const p = ping(scene.vm, examplePod.gateway);
      expect(p.status, `busybox ping from the VM to the node through NAT:\n${p.stdout}${p.stderr}`).toBe(0);
      // A web server in the VM on the forwarded port, fetched from the node at the pod's address.
      // (No wget -T: busybox 1.35's wget crashes with it; spawnSync's timeout bounds the wait instead.)
      const www = mkdtempSync(join(tmpdir(), "vmfs-www-"));
      writeFileSync(join(www, "hello"), "hello from the VM\n");
      const httpd = spawn("ip", ["netns", "exec", scene.vm, "busybox", "httpd", "-f", "-p", "8080", "-h", www], { stdio: "ignore" });
      try {
        let got = spawnSync("true", { encoding: "utf8" });
        for (let i = 0; i < 20; i++) {
          got = spawnSync("ip", ["netns", "exec", scene.node, "busybox", "wget", "-q", "-O", "-", `http://${examplePod.podIP}:8080/hello`], { encoding: "utf8", timeout: 5000 });
          if (got.status === 0) break;
          spawnSync("sleep", ["0.2"]);
        }
        expect(String(got.stdout), `wget from the node to ${examplePod.podIP}:8080: ${String(got.stderr)}`).toBe("hello from the VM\n");
      } finally {
        await stop(httpd);
        rmSync(www, { recursive: true, force: true });
      }
    });
  }, 90000);
});
