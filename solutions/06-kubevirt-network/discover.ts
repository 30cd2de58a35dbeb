// Exercise 06-kubevirt-network/discover: what the bridge binding learns from the pod before it rewires it.
// Points: 10. Grade it with: npm run grade -- 06-kubevirt-network/discover
// Hints: exercises/06-kubevirt-network/discover.hints.md. The chapter section: "Discover".
import type { NetworkStatus } from "../../src/kubevirt/driver.ts";
import { networkOf, type Route } from "../../src/kubevirt/ip.ts";
import { firstIPGlobalUnicast, ifaceStatusByName, readInterfaces } from "../../src/kubevirt/nmstate.ts";

/** What discovery stores for the DHCP server (KubeVirt v1.9.0 pkg/network/cache/dhcpconfig.go: DHCPConfig). */
export interface DHCPInterfaceData {
  /** True when the pod interface has no global IPv4 address: no DHCP server then ("no IPAM"). */
  ipamDisabled: boolean;
  ip: { ip: string; prefix: number } | null;
  mac: string | null;
  gateway: string | null;
  /** The interface's routes except the one to its own network; null when that leaves none. */
  routes: Route[] | null;
}

/**
 * Discovery for the bridge binding: the pod interface's first global IPv4 address; the MAC (the VMI's own MAC
 * when it has one, else the pod interface's); the IPv4 routes through the interface in the order the kernel
 * lists them, the first one's next hop being the gateway (no route at all is an error: "no gateway address
 * found in routes for eth0"); and the routes for DHCP, without the one to the interface's own network.
 * KubeVirt v1.9.0 pkg/network/setup/netpod/discoverbridge.go: storeBridgeBindingDHCPInterfaceData,
 * filterIPv4RoutesByInterface, filterRoutesByNonLocalDestination.
 */
export function storeBridgeBindingDHCPInterfaceData(status: NetworkStatus, podIfaceName: string, vmiSpecMAC = ""): DHCPInterfaceData {
  const podIfaceStatus = ifaceStatusByName(readInterfaces(status)).get(podIfaceName);
  if (!podIfaceStatus) throw new Error(`pod link (${podIfaceName}) is missing`);
  const address = firstIPGlobalUnicast(podIfaceStatus.ipv4);
  if (!address) return { ipamDisabled: true, ip: null, mac: null, gateway: null, routes: null };
  const linkRoutes = status.routes.filter((r) => r.dev === podIfaceName);
  if (linkRoutes.length === 0) throw new Error(`no gateway address found in routes for ${podIfaceName}`);
  const localNetwork = networkOf(address.ip, address.prefixLen);
  const otherRoutes = linkRoutes.filter((r) => r.dst === "default" || r.dst !== localNetwork);
  const routes = otherRoutes.map((r): Route => ({ dst: r.dst === "default" ? null : r.dst, gw: r.gateway }));
  return {
    ipamDisabled: false,
    ip: { ip: address.ip, prefix: address.prefixLen },
    mac: vmiSpecMAC || podIfaceStatus.macAddress!,
    gateway: linkRoutes[0].gateway,
    routes: routes.length > 0 ? routes : null,
  };
}
