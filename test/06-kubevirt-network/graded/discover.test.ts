// Graded suite for exercise 06-kubevirt-network/discover: the learner's discovery runs at the start of our
// bridge binding on pods in the in-memory model; the DHCP server must then hand out what KubeVirt v1.9.0's
// discoverbridge.go finds: the pod's address, MAC, gateway and non-local routes, or nothing (no IPAM).
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { examplePod, modelPod } from "../../../src/kubevirt/cni.ts";
import { addRoute, MemoryDriver } from "../../../src/kubevirt/model.ts";
import { planPodNetwork } from "../../../src/kubevirt/netpod.ts";
import { formatMAC, maskPrefix } from "../../../src/kubevirt/ip.ts";

function dhcpFor(pod: ReturnType<typeof modelPod>["pod"], vmiSpecMAC?: string) {
  const d = planPodNetwork(new MemoryDriver(pod).read(), pod.resolvConf, "bridge", { hostname: "vmi", vmiSpecMAC }).dhcp;
  return d && { ip: `${d.clientIP}/${maskPrefix(d.clientMask!)}`, mac: formatMAC(d.clientMAC!), gateway: d.routerIP, routes: d.routes };
}

graded("the example pod: its address, MAC, gateway, and the default route (not the subnet's)", 4, () => {
  expect(dhcpFor(modelPod().pod), "what the DHCP server will hand out").toEqual({
    ip: "10.244.1.5/24",
    mac: examplePod.podMAC,
    gateway: "10.244.1.1",
    routes: [{ dst: null, gw: "10.244.1.1" }],
  });
});

graded("more routes: kept in the kernel's order, the first one's next hop is the gateway", 3, () => {
  const { pod } = modelPod();
  addRoute(pod, "10.96.0.0/12", "10.244.1.254", "eth0");
  addRoute(pod, "224.0.0.0/4", null, "eth0");
  expect(dhcpFor(pod), "what the DHCP server will hand out").toEqual({
    ip: "10.244.1.5/24",
    mac: examplePod.podMAC,
    gateway: "10.244.1.1",
    routes: [{ dst: null, gw: "10.244.1.1" }, { dst: "10.96.0.0/12", gw: "10.244.1.254" }, { dst: "224.0.0.0/4", gw: null }],
  });
});

graded("a pod without IPv4 takes the no-IPAM path: no DHCP server at all", 2, () => {
  expect(dhcpFor(modelPod(examplePod, false).pod), "the DHCP config of a pod without IPv4").toBeNull();
});

graded("a VMI with its own MAC gets the lease for that MAC", 1, () => {
  expect(dhcpFor(modelPod().pod, "02:00:00:aa:bb:cc")?.mac, "the DHCP client MAC").toBe("02:00:00:aa:bb:cc");
});
