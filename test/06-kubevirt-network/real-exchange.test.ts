// The real exchange (src/kubevirt/exchange.ts): our bindings applied in real namespaces, our DHCP server in the
// pod, busybox udhcpc in the "VM" namespace; then what the VM got, and whether it reaches the node. Everything
// is removed afterwards, also on failure.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { examplePod, modelPod } from "../../src/kubevirt/cni.ts";
import { realPod, type RealScene } from "../../src/kubevirt/cni-real.ts";
import { exchange, stop } from "../../src/kubevirt/exchange.ts";
import { MemoryDriver } from "../../src/kubevirt/model.ts";
import { setupPodNetwork } from "../../src/kubevirt/netpod.ts";
import { RealDriver, run } from "../../src/kubevirt/real-driver.ts";
import { SetupDefaultPodNetwork } from "../../src/kubevirt/history.ts";
import type { Binding } from "../../src/kubevirt/desired.ts";
import type { NetworkStatus } from "../../src/kubevirt/driver.ts";

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

real.describe("KubeVirt v0.4.1's flow in a real namespace", () => {
  real.test("SetupDefaultPodNetwork leaves the pod as the model predicts: br1 with 169.254.75.86/32, eth0 with a new MAC", () => {
    const scene = realPod(examplePod, "041");
    try {
      const driver = new RealDriver(scene.pod);
      const vif = SetupDefaultPodNetwork(driver, "02:11:22:33:44:55");
      const { pod } = modelPod();
      const modelVif = SetupDefaultPodNetwork(new MemoryDriver(pod), "02:11:22:33:44:55");
      expect(vif, "what discovery found: kernel versus model").toEqual(modelVif);
      expect(shape(driver.read()), "the pod after 0.4.1's steps: kernel versus model").toEqual(shape(pod.status()));
    } finally {
      scene.remove();
    }
  }, 30000);
});
