// Exercise 06-kubevirt-network/masquerade-rules: the nftables NAT rules of KubeVirt's masquerade binding.
// Points: 10. Grade it with: npm run grade -- 06-kubevirt-network/masquerade-rules
// Hints: exercises/06-kubevirt-network/masquerade-rules.hints.md. The chapter section: "The masquerade rules".
import { nextIP } from "../../src/kubevirt/ip.ts";
import type { Interface, Nftable, Port } from "../../src/kubevirt/nmstate.ts";

/**
 * Creates table `nat` in `family` ("ip"), its four base chains (prerouting -100, input 100, output -100,
 * postrouting 100), KUBEVIRT_PREINBOUND and KUBEVIRT_POSTINBOUND, then the rules: the guest (the address after
 * the bridge's) is masqueraded on the way out; what arrives on the pod interface jumps to PREINBOUND; what
 * leaves on the bridge jumps to POSTINBOUND; then, per port (or for everything when there are no ports),
 * a DNAT to the guest in PREINBOUND, an SNAT to the gateway for traffic from 127.0.0.1 in POSTINBOUND, and a
 * DNAT of the pod's own 127.0.0.1 traffic in output.
 * KubeVirt v1.9.0 pkg/network/setup/netpod/masquerade/masquerade.go: setupNATByFamily (no Istio, no port ranges).
 */
export function setupNATByFamily(nftable: Nftable, family: string, podIface: Interface, bridgeIface: Interface, ports: Port[]): void {
  const natTable = "nat";
  nftable.AddTable(family, natTable);
  nftable.AddChain(family, natTable, "prerouting", "{ type nat hook prerouting priority -100; }");
  nftable.AddChain(family, natTable, "input", "{ type nat hook input priority 100; }");
  nftable.AddChain(family, natTable, "output", "{ type nat hook output priority -100; }");
  nftable.AddChain(family, natTable, "postrouting", "{ type nat hook postrouting priority 100; }");
  nftable.AddChain(family, natTable, "KUBEVIRT_PREINBOUND");
  nftable.AddChain(family, natTable, "KUBEVIRT_POSTINBOUND");
  const gw = bridgeIface.ipv4.address![0].ip;
  const guestIP = nextIP(gw);
  nftable.AddRule(family, natTable, "postrouting", family, "saddr", guestIP, "counter", "masquerade");
  nftable.AddRule(family, natTable, "prerouting", "iifname", podIface.name, "counter", "jump", "KUBEVIRT_PREINBOUND");
  nftable.AddRule(family, natTable, "postrouting", "oifname", bridgeIface.name, "counter", "jump", "KUBEVIRT_POSTINBOUND");
  const loopback = "{ 127.0.0.1 }";
  for (const port of ports) {
    const protocol = (port.protocol || "tcp").toLowerCase();
    const p = String(port.port);
    nftable.AddRule(family, natTable, "KUBEVIRT_PREINBOUND", protocol, "dport", `{ ${p} }`, "counter", "dnat", "to", guestIP);
    nftable.AddRule(family, natTable, "KUBEVIRT_POSTINBOUND", protocol, "dport", p, family, "saddr", loopback, "counter", "snat", "to", gw);
    nftable.AddRule(family, natTable, "output", family, "daddr", loopback, protocol, "dport", p, "counter", "dnat", "to", guestIP);
  }
  if (ports.length === 0) {
    nftable.AddRule(family, natTable, "KUBEVIRT_PREINBOUND", "counter", "dnat", "to", guestIP);
    nftable.AddRule(family, natTable, "KUBEVIRT_POSTINBOUND", family, "saddr", loopback, "counter", "snat", "to", gw);
    nftable.AddRule(family, natTable, "output", family, "daddr", loopback, "counter", "dnat", "to", guestIP);
  }
}
