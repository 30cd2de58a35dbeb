// Exercise 06-kubevirt-network/masquerade-rules: the nftables NAT rules of KubeVirt's masquerade binding.
// Points: 10. Grade it with: npm run grade -- 06-kubevirt-network/masquerade-rules
// Hints: exercises/06-kubevirt-network/masquerade-rules.hints.md. The chapter section: "The masquerade rules".
import { todo } from "../../src/course/todo.ts";
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
  return todo("06-kubevirt-network/masquerade-rules");
}
