// Graded suite for exercise 06-kubevirt-network/bridge-desired-state: the learner's desired state is applied by
// our bridge binding to a pod in the in-memory model; the spec must be KubeVirt v1.9.0's (netpod.go:
// bridgeBindingSpec) and the pod must end as KubeVirt leaves it.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { examplePod, modelPod } from "../../../src/kubevirt/cni.ts";
import { MemoryDriver } from "../../../src/kubevirt/model.ts";
import { setupPodNetwork } from "../../../src/kubevirt/netpod.ts";

function run(withIPv4 = true) {
  const { pod } = modelPod(examplePod, withIPv4);
  const eth0 = pod.find("eth0").index;
  const plan = setupPodNetwork(new MemoryDriver(pod), "bridge", { hostname: "vmi" });
  return { plan, eth0, s: pod.status() };
}

graded("the desired state: k6t-eth0, eth0-nic, tap0, a dummy eth0, as KubeVirt writes them", 4, () => {
  const { plan, eth0 } = run();
  expect(plan.spec.interfaces, "the desired interfaces, in apply order").toEqual([
    { name: "k6t-eth0", typeName: "bridge", state: "up", ipv4: { enabled: true, address: [{ ip: "169.254.75.10", prefixLen: 32 }] } },
    { index: eth0, name: "eth0-nic", typeName: "", state: "up", copyMacFrom: "k6t-eth0", controller: "k6t-eth0", ipv4: { enabled: false }, linuxStack: { portLearning: false } },
    { name: "tap0", typeName: "tap", state: "up", mtu: 1400, controller: "k6t-eth0", ipv4: {}, tap: { queues: 0, uid: 107, gid: 107 } },
    { name: "eth0", typeName: "dummy", state: "", macAddress: examplePod.podMAC, mtu: 1400, ipv4: { enabled: true, address: [{ ip: examplePod.podIP, prefixLen: 24 }] } },
  ]);
});

graded("applied: the bridge holds 169.254.75.10/32, eth0-nic and tap0 are its ports, the dummy keeps the pod IP", 4, () => {
  const { s, eth0 } = run();
  const view = s.links
    .filter((l) => l.kind !== "loopback")
    .map((l) => `${l.name} ${l.kind} ${l.up ? "up" : "down"} mtu ${l.mtu} master ${l.master ?? "-"} learning ${l.learning ?? "-"} ${s.addresses.filter((a) => a.dev === l.name).map((a) => `${a.ip}/${a.prefix}`).join(" ")}`.trim());
  expect(view, "the pod's links after the setup").toEqual([
    "eth0-nic veth up mtu 1400 master k6t-eth0 learning false",
    "k6t-eth0 bridge up mtu 1400 master - learning - 169.254.75.10/32",
    "tap0 tap up mtu 1400 master k6t-eth0 learning true",
    "eth0 dummy down mtu 1400 master - learning - 10.244.1.5/24",
  ]);
  expect(s.links.find((l) => l.name === "eth0-nic")?.index, "eth0-nic is the pod's own veth, renamed").toBe(eth0);
  expect(s.links.find((l) => l.name === "eth0")?.mac, "the dummy's MAC").toBe(examplePod.podMAC);
  expect(s.sysctls["net/ipv4/conf/all/arp_ignore"], "arp_ignore").toBe("1");
});

graded("a pod without IPv4: the bridge gets no address, and nothing asks for arp_ignore", 2, () => {
  const { plan, s } = run(false);
  expect(plan.spec.interfaces[0].ipv4, "the bridge's ipv4").toEqual({});
  expect(s.addresses.filter((a) => a.dev === "k6t-eth0"), "k6t-eth0's addresses").toEqual([]);
  expect(s.sysctls["net/ipv4/conf/all/arp_ignore"], "arp_ignore").toBe("0");
});
