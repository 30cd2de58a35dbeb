// The pod network setup on the in-memory model: the desired states of both bindings as KubeVirt v1.9.0 builds
// them (netpod.go; its masquerade rules as masquerade_test.go lists them), what applying them leaves, the
// no-IPAM path, errors that name the failing step and link, the 0.4.1 flow, and the domain XML.
import { describe, expect, test } from "vitest";
import { examplePod, modelPod } from "../../src/kubevirt/cni.ts";
import { domainInterfaceXML, domainInterfaceXML041 } from "../../src/kubevirt/domain-xml.ts";
import { MemoryDriver } from "../../src/kubevirt/model.ts";
import { planPodNetwork, setupPodNetwork } from "../../src/kubevirt/netpod.ts";
import { SetupDefaultPodNetwork } from "../../src/kubevirt/history.ts";
import { formatMAC } from "../../src/kubevirt/ip.ts";
import type { NetworkStatus } from "../../src/kubevirt/driver.ts";

const link = (s: NetworkStatus, name: string) => s.links.find((l) => l.name === name)!;
const addrs = (s: NetworkStatus, dev: string) => s.addresses.filter((a) => a.dev === dev).map((a) => `${a.ip}/${a.prefix}`);

describe("bridge binding", () => {
  const { pod } = modelPod();
  const driver = new MemoryDriver(pod);
  const before = driver.read();
  const plan = setupPodNetwork(driver, "bridge", { hostname: "vmi" });
  const after = driver.read();

  test("desired state: k6t-eth0, eth0-nic, tap0, dummy eth0, in that order, and arp_ignore 1", () => {
    expect(plan.spec.interfaces.map((i) => [i.name, i.typeName])).toEqual([["k6t-eth0", "bridge"], ["eth0-nic", ""], ["tap0", "tap"], ["eth0", "dummy"]]);
    expect(plan.spec.interfaces[1].index, "the pod interface is found by index").toBe(link(before, "eth0").index);
    expect(plan.spec.linuxStack.ipv4).toEqual({ arpIgnore: 1 });
  });
  test("k6t-eth0 is up with 169.254.75.10/32 only", () => {
    expect(link(after, "k6t-eth0")).toMatchObject({ kind: "bridge", up: true });
    expect(addrs(after, "k6t-eth0")).toEqual(["169.254.75.10/32"]);
  });
  test("the pod's veth is now eth0-nic: same link, no address, a port of k6t-eth0 with learning off", () => {
    expect(link(after, "eth0-nic")).toMatchObject({ index: link(before, "eth0").index, kind: "veth", up: true, master: "k6t-eth0", learning: false });
    expect(addrs(after, "eth0-nic")).toEqual([]);
    expect(link(after, "eth0-nic").mac, "the MAC copied from the bridge").not.toBe(examplePod.podMAC);
  });
  test("tap0 is up, on the bridge, with the pod's MTU", () => {
    expect(link(after, "tap0")).toMatchObject({ kind: "tap", up: true, master: "k6t-eth0", mtu: examplePod.mtu });
  });
  test("a dummy eth0 keeps the pod's IP and MAC, down, so nothing routes through it", () => {
    expect(link(after, "eth0")).toMatchObject({ kind: "dummy", up: false, mac: examplePod.podMAC, mtu: examplePod.mtu });
    expect(addrs(after, "eth0")).toEqual([`${examplePod.podIP}/${examplePod.prefix}`]);
    expect(after.routes, "the pod has no routes left: the VM has them now").toEqual([]);
    expect(after.sysctls["net/ipv4/conf/all/arp_ignore"]).toBe("1");
  });
  test("the DHCP server will give the VM the pod's address, MAC, gateway, routes, DNS and MTU", () => {
    expect(plan.dhcp).toMatchObject({
      clientIP: examplePod.podIP,
      serverIP: "169.254.75.10",
      routerIP: examplePod.gateway,
      routes: [{ dst: null, gw: examplePod.gateway }],
      dnsIPs: ["10.96.0.10"],
      searchDomains: ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"],
      mtu: examplePod.mtu,
    });
    expect(formatMAC(plan.dhcp!.clientMAC!)).toBe(examplePod.podMAC);
  });
});

describe("masquerade binding", () => {
  const rulesFor = (ports: { port: number; protocol: string }[]) => {
    const { pod } = modelPod();
    const driver = new MemoryDriver(pod);
    const plan = setupPodNetwork(driver, "masquerade", { ports, hostname: "vmi" });
    return { plan, after: driver.read() };
  };
  const { plan, after } = rulesFor([]);

  test("k6t-eth0 with 02:00:00:00:00:00 and 10.0.2.1/24, tap0, forwarding on, the pod's eth0 untouched", () => {
    expect(link(after, "k6t-eth0")).toMatchObject({ kind: "bridge", up: true, mac: "02:00:00:00:00:00", mtu: examplePod.mtu });
    expect(addrs(after, "k6t-eth0")).toEqual(["10.0.2.1/24"]);
    expect(link(after, "tap0")).toMatchObject({ kind: "tap", up: true, master: "k6t-eth0", mtu: examplePod.mtu });
    expect(link(after, "eth0")).toMatchObject({ kind: "veth", up: true, mac: examplePod.podMAC });
    expect(addrs(after, "eth0")).toEqual([`${examplePod.podIP}/${examplePod.prefix}`]);
    expect(after.sysctls["net/ipv4/ip_forward"]).toBe("1");
    expect(after.sysctls["net/ipv4/conf/k6t-eth0/route_localnet"]).toBe("1");
    expect(plan.dhcp).toMatchObject({ clientMAC: null, clientIP: "10.0.2.2", serverIP: "10.0.2.1", routerIP: "10.0.2.1", routes: null });
  });

  // masquerade_test.go, "setup with IPv4 and IPv6, no ports" and "... including ports", IPv4 lines
  const list = (s: NetworkStatus) => s.nft.rules.map((r) => `family ${r.family} table ${r.table} chain ${r.chain} rulespec [${r.rule}]`);
  test("no ports: everything that arrives on eth0 goes to the VM", () => {
    expect(after.nft.chains.map((c) => `${c.name} [${c.spec}]`)).toEqual([
      "prerouting [type nat hook prerouting priority -100]",
      "input [type nat hook input priority 100]",
      "output [type nat hook output priority -100]",
      "postrouting [type nat hook postrouting priority 100]",
      "KUBEVIRT_PREINBOUND []",
      "KUBEVIRT_POSTINBOUND []",
    ]);
    expect(list(after)).toEqual([
      "family ip table nat chain postrouting rulespec [ip saddr 10.0.2.2 counter masquerade]",
      "family ip table nat chain prerouting rulespec [iifname eth0 counter jump KUBEVIRT_PREINBOUND]",
      "family ip table nat chain postrouting rulespec [oifname k6t-eth0 counter jump KUBEVIRT_POSTINBOUND]",
      "family ip table nat chain KUBEVIRT_PREINBOUND rulespec [counter dnat to 10.0.2.2]",
      "family ip table nat chain KUBEVIRT_POSTINBOUND rulespec [ip saddr { 127.0.0.1 } counter snat to 10.0.2.1]",
      "family ip table nat chain output rulespec [ip daddr { 127.0.0.1 } counter dnat to 10.0.2.2]",
    ]);
  });
  test("ports 80 and 8080: only they go to the VM", () => {
    expect(list(rulesFor([{ port: 80, protocol: "tcp" }, { port: 8080, protocol: "tcp" }]).after).slice(3)).toEqual([
      "family ip table nat chain KUBEVIRT_PREINBOUND rulespec [tcp dport { 80 } counter dnat to 10.0.2.2]",
      "family ip table nat chain KUBEVIRT_POSTINBOUND rulespec [tcp dport 80 ip saddr { 127.0.0.1 } counter snat to 10.0.2.1]",
      "family ip table nat chain output rulespec [ip daddr { 127.0.0.1 } tcp dport 80 counter dnat to 10.0.2.2]",
      "family ip table nat chain KUBEVIRT_PREINBOUND rulespec [tcp dport { 8080 } counter dnat to 10.0.2.2]",
      "family ip table nat chain KUBEVIRT_POSTINBOUND rulespec [tcp dport 8080 ip saddr { 127.0.0.1 } counter snat to 10.0.2.1]",
      "family ip table nat chain output rulespec [ip daddr { 127.0.0.1 } tcp dport 8080 counter dnat to 10.0.2.2]",
    ]);
  });
});

describe("bad input", () => {
  test("a pod without IPv4 takes KubeVirt's no-IPAM path: no bridge address, no arp_ignore, no DHCP, no NAT", () => {
    for (const binding of ["bridge", "masquerade"] as const) {
      const { pod } = modelPod(examplePod, false);
      const driver = new MemoryDriver(pod);
      const plan = setupPodNetwork(driver, binding);
      expect(plan.dhcp, binding).toBeNull();
      expect(addrs(driver.read(), "k6t-eth0"), binding).toEqual([]);
      expect(plan.spec.linuxStack.ipv4, binding).toEqual({});
      expect(driver.read().nft.rules, binding).toEqual([]);
    }
  });
  test("a pod without eth0 is refused, naming the link", () => {
    const { pod } = modelPod();
    new MemoryDriver(pod).linkSetDown("eth0");
    new MemoryDriver(pod).linkSetName("eth0", "net1");
    expect(() => planPodNetwork(pod.status(), "", "bridge")).toThrow("pod link (eth0) is missing");
  });
  test("a failing step of apply names the step and the link", () => {
    const { pod } = modelPod();
    const driver = new MemoryDriver(pod);
    driver.linkSetMaster = () => {
      throw new Error("RTNETLINK answers: Operation not permitted");
    };
    expect(() => setupPodNetwork(driver, "bridge")).toThrow("apply: set master k6t-eth0 on link eth0-nic failed: RTNETLINK answers: Operation not permitted");
  });
  test("the model refuses what the kernel refuses: renaming an up link", () => {
    const { pod } = modelPod();
    expect(() => new MemoryDriver(pod).linkSetName("eth0", "eth0-nic")).toThrow(/Device or resource busy/);
  });
});

describe("KubeVirt v0.4.1: SetupDefaultPodNetwork", () => {
  const { pod } = modelPod();
  const driver = new MemoryDriver(pod);
  const vif = SetupDefaultPodNetwork(driver, "02:11:22:33:44:55");
  const after = driver.read();
  test("discovers the pod's address, MAC and gateway; the subnet route (source = the pod IP) is left out", () => {
    expect(vif).toEqual({ name: "eth0", ip: { ip: examplePod.podIP, prefix: 24 }, mac: examplePod.podMAC, gateway: examplePod.gateway, routes: [{ dst: null, gw: examplePod.gateway }] });
  });
  test("eth0 loses its address and MAC and joins br1, which holds 169.254.75.86/32", () => {
    expect(link(after, "eth0")).toMatchObject({ mac: "02:11:22:33:44:55", master: "br1", up: true });
    expect(addrs(after, "eth0")).toEqual([]);
    expect(addrs(after, "br1")).toEqual(["169.254.75.86/32"]);
  });
});

describe("domain XML", () => {
  test("today: type ethernet on the existing tap0, managed no, the MAC and MTU", () => {
    expect(domainInterfaceXML({ name: "default", mac: examplePod.podMAC, mtu: 1400 })).toBe(
      `<interface type="ethernet">\n  <source></source>\n  <target dev="tap0" managed="no"></target>\n  <model type="virtio-non-transitional"></model>\n` +
        `  <mac address="0a:58:0a:f4:01:05"></mac>\n  <mtu size="1400"></mtu>\n  <alias name="ua-default"></alias>\n</interface>`,
    );
  });
  test("v0.4.1: type bridge on br1, e1000", () => {
    expect(domainInterfaceXML041(examplePod.podMAC)).toBe(
      `<interface type="bridge">\n  <source bridge="br1"></source>\n  <model type="e1000"></model>\n  <mac address="0a:58:0a:f4:01:05"></mac>\n</interface>`,
    );
  });
});
