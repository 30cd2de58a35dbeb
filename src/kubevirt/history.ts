// Where the design started: KubeVirt v0.4.1 (2018), pkg/virt-launcher/virtwrap/network/network.go:
// SetupDefaultPodNetwork -> discoverPodNetworkInterface, preparePodNetworkInterfaces, StartDHCP; and
// .../network/dhcp/dhcp.go: SingleClientDHCPServer. One binding (a bridge, br1), imperative steps on the pod's
// eth0 itself, a fake address 169.254.75.86/32 for the DHCP server, and a random new MAC for eth0.
import { randomBytes } from "node:crypto";
import type { NetworkDriver } from "./driver.ts";
import { formatMAC, type Route } from "./ip.ts";
import { formClasslessRoutes } from "./seams.ts";

const podInterface = "eth0";
/** v0.4.1 virtwrap/api/defaults.go: DefaultBridgeName. */
export const DefaultBridgeName = "br1";
export const bridgeFakeIP = { ip: "169.254.75.86", prefix: 32 };

/** v0.4.1 network.go: VIF, what discovery learns. */
export interface VIF {
  name: string;
  ip: { ip: string; prefix: number };
  mac: string;
  gateway: string | null;
  routes: Route[] | null;
}

// #region discover-041
// KubeVirt v0.4.1 network.go: discoverPodNetworkInterface, filterPodNetworkRoutes
export function discoverPodNetworkInterface(driver: NetworkDriver): VIF {
  const status = driver.read();
  const link = status.links.find((l) => l.name === podInterface);
  if (!link) throw new Error(`failed to get a link for interface: ${podInterface}`);
  const addrList = status.addresses.filter((a) => a.dev === podInterface);
  if (addrList.length === 0) throw new Error(`No IP address found on ${podInterface}`);
  const ip = { ip: addrList[0].ip, prefix: addrList[0].prefix };
  const routes = status.routes.filter((r) => r.dev === podInterface);
  if (routes.length === 0) throw new Error(`No gateway address found in routes for ${podInterface}`);
  const vif: VIF = { name: podInterface, ip, mac: link.mac, gateway: routes[0].gateway, routes: null };
  if (routes.length > 1) {
    // don't create empty static routes, nor one for the subnet route whose source is the pod's address
    vif.routes = routes
      .filter((r) => !(r.dst === "default" && r.src === null && r.gateway === null) && r.src !== ip.ip)
      .map((r) => ({ dst: r.dst === "default" ? null : r.dst, gw: r.gateway }));
  }
  return vif;
}
// #endregion discover-041

// #region prepare-041
// KubeVirt v0.4.1 network.go: preparePodNetworkInterfaces
export function preparePodNetworkInterfaces(driver: NetworkDriver, vif: VIF, newMAC = randomMAC()): void {
  driver.addrDel(podInterface, vif.ip.ip, vif.ip.prefix); // Remove IP from POD interface
  driver.linkSetDown(podInterface); // Set interface link to down to change its MAC address
  driver.linkSetMAC(podInterface, newMAC); // lmf.SpoofMacRandom: the VM takes the old MAC
  driver.linkSetUp(podInterface);
  driver.linkAdd({ name: DefaultBridgeName, kind: "bridge" });
  driver.linkSetMaster(podInterface, DefaultBridgeName);
  driver.linkSetUp(DefaultBridgeName);
  driver.addrAdd(DefaultBridgeName, bridgeFakeIP.ip, bridgeFakeIP.prefix); // set fake ip on a bridge
}
// #endregion prepare-041

/** v0.4.1 SetupDefaultPodNetwork, without the cache file: what the DHCP server then serves. */
export function SetupDefaultPodNetwork(driver: NetworkDriver, newMAC?: string): VIF {
  const vif = discoverPodNetworkInterface(driver);
  preparePodNetworkInterfaces(driver, vif, newMAC);
  return vif;
}

/**
 * v0.4.1 dhcp.go: formClasslessRoutes, which kept the routes in the kernel's order (the default route first).
 * Each route encodes the same way as today's, so it is today's encoding of each route alone, concatenated.
 */
export function formClasslessRoutes041(routes: Route[]): Uint8Array {
  const parts = routes.map((r) => formClasslessRoutes([r]));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

function randomMAC(): string {
  const b = randomBytes(6);
  b[0] = (b[0] & 0xfe) | 0x02;
  return formatMAC(b);
}
