// Graded suite for exercise 06-kubevirt-network/masquerade-rules: the learner's NAT rules are applied by our
// masquerade binding to a pod in the in-memory model; the chains and rules must be KubeVirt's own, as its
// v1.9.0 masquerade_test.go lists them.
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { modelPod } from "../../../src/kubevirt/cni.ts";
import { MemoryDriver } from "../../../src/kubevirt/model.ts";
import { setupPodNetwork } from "../../../src/kubevirt/netpod.ts";
import type { Port } from "../../../src/kubevirt/nmstate.ts";

function nat(ports: Port[], vmNetworkCIDR = "") {
  const { pod } = modelPod();
  setupPodNetwork(new MemoryDriver(pod), "masquerade", { ports, vmNetworkCIDR, hostname: "vmi" });
  const s = pod.status();
  return {
    tables: s.nft.tables,
    chains: s.nft.chains.map((c) => `${c.name} [${c.spec}]`),
    rules: s.nft.rules.map((r) => `${r.chain}: ${r.rule}`),
  };
}

const common = [
  "postrouting: ip saddr 10.0.2.2 counter masquerade",
  "prerouting: iifname eth0 counter jump KUBEVIRT_PREINBOUND",
  "postrouting: oifname k6t-eth0 counter jump KUBEVIRT_POSTINBOUND",
];

graded("table nat and its six chains, in KubeVirt's order, with its hooks and priorities", 3, () => {
  const { tables, chains } = nat([]);
  expect(tables, "nftables tables").toEqual(["ip nat"]);
  expect(chains, "chains of table ip nat").toEqual([
    "prerouting [type nat hook prerouting priority -100]",
    "input [type nat hook input priority 100]",
    "output [type nat hook output priority -100]",
    "postrouting [type nat hook postrouting priority 100]",
    "KUBEVIRT_PREINBOUND []",
    "KUBEVIRT_POSTINBOUND []",
  ]);
});

graded("no ports: everything arriving on eth0 goes to the VM (masquerade_test.go, no ports)", 3, () => {
  expect(nat([]).rules, "rules of table ip nat").toEqual([
    ...common,
    "KUBEVIRT_PREINBOUND: counter dnat to 10.0.2.2",
    "KUBEVIRT_POSTINBOUND: ip saddr { 127.0.0.1 } counter snat to 10.0.2.1",
    "output: ip daddr { 127.0.0.1 } counter dnat to 10.0.2.2",
  ]);
});

graded("ports 80 and 8080: three rules each (masquerade_test.go, including ports)", 3, () => {
  const perPort = (p: number) => [
    `KUBEVIRT_PREINBOUND: tcp dport { ${p} } counter dnat to 10.0.2.2`,
    `KUBEVIRT_POSTINBOUND: tcp dport ${p} ip saddr { 127.0.0.1 } counter snat to 10.0.2.1`,
    `output: ip daddr { 127.0.0.1 } tcp dport ${p} counter dnat to 10.0.2.2`,
  ];
  expect(nat([{ name: "http", protocol: "tcp", port: 80 }, { name: "http", protocol: "tcp", port: 8080 }]).rules, "rules for ports 80 and 8080").toEqual([...common, ...perPort(80), ...perPort(8080)]);
});

graded("a UDP port in upper case, an empty protocol, and another VM network", 1, () => {
  const { rules } = nat([{ protocol: "UDP", port: 53 }, { port: 22 }], "10.11.12.0/24");
  expect(rules, "rules for UDP/53 and 22 on 10.11.12.0/24").toEqual([
    "postrouting: ip saddr 10.11.12.2 counter masquerade",
    "prerouting: iifname eth0 counter jump KUBEVIRT_PREINBOUND",
    "postrouting: oifname k6t-eth0 counter jump KUBEVIRT_POSTINBOUND",
    "KUBEVIRT_PREINBOUND: udp dport { 53 } counter dnat to 10.11.12.2",
    "KUBEVIRT_POSTINBOUND: udp dport 53 ip saddr { 127.0.0.1 } counter snat to 10.11.12.1",
    "output: ip daddr { 127.0.0.1 } udp dport 53 counter dnat to 10.11.12.2",
    "KUBEVIRT_PREINBOUND: tcp dport { 22 } counter dnat to 10.11.12.2",
    "KUBEVIRT_POSTINBOUND: tcp dport 22 ip saddr { 127.0.0.1 } counter snat to 10.11.12.1",
    "output: ip daddr { 127.0.0.1 } tcp dport 22 counter dnat to 10.11.12.2",
  ]);
});
