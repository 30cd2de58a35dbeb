// Applying a desired state through a driver, step by step, in KubeVirt's order; a failing step names itself
// and its link. KubeVirt v1.9.0 pkg/network/driver/nmstate/spec.go: Apply, createInterface, setupInterface,
// setupInterfaceIP, setupLinuxStack; the NAT step is netpod.go: setupNAT, over masquerade.go: Setup.
import { linkByName, addressesOf, type NetworkDriver, type Link } from "./driver.ts";
import { setupNATByFamily } from "./seams.ts";
import { nftableOf, type Interface, type Port, type Spec } from "./nmstate.ts";

/** Runs one step; its failure becomes "apply: <step> on link <name> failed: <why>". */
function step<T>(what: string, link: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`apply: ${what} on link ${link} failed: ${(e as Error).message.split("\n")[0]}`);
  }
}

// #region apply
// KubeVirt v1.9.0 nmstate/spec.go: Apply
export function applySpec(driver: NetworkDriver, spec: Spec): void {
  for (const wanted of spec.interfaces) {
    const iface = { ...wanted };
    let link = readLink(driver, iface);
    if (iface.copyMacFrom) {
      const source = linkByName(driver.read(), iface.copyMacFrom);
      if (!source) throw new Error(`apply: unable to find mac source link [${iface.copyMacFrom}] for ${iface.name}`);
      iface.macAddress = source.mac;
    }
    if (!link) {
      const kind = iface.typeName;
      if (kind !== "bridge" && kind !== "dummy" && kind !== "tap") throw new Error(`apply: unsupported interface type [${iface.name}]: "${kind}"`);
      step(`create ${kind}`, iface.name, () => driver.linkAdd({ name: iface.name, kind, mtu: kind === "tap" ? iface.mtu : undefined, owner: iface.tap?.uid }));
      link = linkByName(driver.read(), iface.name)!;
    }
    setupInterface(driver, iface, link);
  }
  setupLinuxStack(driver, spec);
}
// #endregion apply

function readLink(driver: NetworkDriver, iface: Interface): Link | undefined {
  const links = driver.read().links;
  return iface.index !== undefined ? links.find((l) => l.index === iface.index) : links.find((l) => l.name === iface.name);
}

// #region setup-interface
// KubeVirt v1.9.0 nmstate/spec.go: setupInterface, setupInterfaceIP
function setupInterface(driver: NetworkDriver, iface: Interface, link: Link): void {
  let name = link.name;
  const wasUp = link.up;
  if (wasUp) step("set down", name, () => driver.linkSetDown(name));
  if (iface.name !== name) {
    step(`rename to ${iface.name}`, name, () => driver.linkSetName(name, iface.name));
    name = iface.name;
  }
  if (iface.macAddress && iface.macAddress !== link.mac) step(`set MAC ${iface.macAddress}`, name, () => driver.linkSetMAC(name, iface.macAddress!));
  if (iface.mtu && iface.mtu !== link.mtu) step(`set MTU ${iface.mtu}`, name, () => driver.linkSetMTU(name, iface.mtu!));
  if (iface.controller) step(`set master ${iface.controller}`, name, () => driver.linkSetMaster(name, iface.controller!));
  for (const a of addressesOf(driver.read(), name)) step(`delete address ${a.ip}/${a.prefix}`, name, () => driver.addrDel(name, a.ip, a.prefix));
  if (iface.ipv4.enabled) {
    for (const a of iface.ipv4.address ?? []) step(`add address ${a.ip}/${a.prefixLen}`, name, () => driver.addrAdd(name, a.ip, a.prefixLen));
  }
  if (iface.state === "up") step("set up", name, () => driver.linkSetUp(name));
  if (iface.linuxStack?.ip4RouteLocalNet) step("set route_localnet", name, () => driver.sysctlSet(`net/ipv4/conf/${name}/route_localnet`, "1"));
  if (iface.linuxStack?.portLearning === false) step("set learning off", name, () => driver.linkSetLearningOff(name));
  // Go: defer LinkSetUp when the link was up on entry
  if (wasUp && iface.state !== "up") step("set up again", name, () => driver.linkSetUp(name));
}
// #endregion setup-interface

// KubeVirt v1.9.0 nmstate/spec.go: setupLinuxStack
function setupLinuxStack(driver: NetworkDriver, spec: Spec): void {
  const { forwarding, arpIgnore } = spec.linuxStack.ipv4;
  if (forwarding) step("set ip_forward", "all", () => driver.sysctlSet("net/ipv4/ip_forward", "1"));
  if (arpIgnore !== undefined) step(`set arp_ignore ${arpIgnore}`, "all", () => driver.sysctlSet("net/ipv4/conf/all/arp_ignore", String(arpIgnore)));
}

// #region setup-nat
// KubeVirt v1.9.0 netpod.go: setupNAT; masquerade/masquerade.go: MasqPod.Setup (IPv4), for a masquerade spec
export function setupNAT(driver: NetworkDriver, spec: Spec, podIfaceName: string, ports: Port[]): void {
  const bridge = spec.interfaces.find((i) => i.typeName === "bridge");
  if (!bridge || !bridge.ipv4.enabled) return;
  const podIface = linkByName(driver.read(), podIfaceName);
  if (!podIface) throw new Error(`setup-nat: pod link (${podIfaceName}) is missing`);
  step("add nftables NAT rules", bridge.name, () => setupNATByFamily(nftableOf(driver), "ip", { name: podIface.name, typeName: "", state: "", ipv4: {} }, bridge, ports));
}
// #endregion setup-nat
