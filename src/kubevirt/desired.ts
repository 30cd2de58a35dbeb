// The desired state of the pod network for one VM interface, as current KubeVirt composes it.
// KubeVirt v1.9.0 pkg/network/setup/netpod/netpod.go: composeDesiredSpec, masqueradeBindingSpec, gatewayIP;
// bridgeBindingSpec is the exercise 06-kubevirt-network/bridge-desired-state (through seams.ts).
import { bridgeBindingSpec } from "./seams.ts";
import { nextIP, parseCIDR } from "./ip.ts";
import { hasIPGlobalUnicast, type IPAddress, type Interface, type Spec } from "./nmstate.ts";

export type Binding = "bridge" | "masquerade";

/** KubeVirt pkg/network/link/mac.go: StaticMasqueradeBridgeMAC. */
export const StaticMasqueradeBridgeMAC = "02:00:00:00:00:00";
/** KubeVirt api.DefaultVMCIDR: the masquerade network between the pod and the VM. */
export const DefaultVMCIDR = "10.0.2.0/24";
/** KubeVirt procsys.ARPReplyMode1: reply only for addresses configured on the interface the ARP came in on. */
export const ARPReplyMode1 = 1;

export interface BindingOptions {
  podIfaceName: string;
  /** The tap's owner: the qemu user, 107, in KubeVirt. */
  ownerID: number;
  queues: number;
  /** masquerade: the VM network (vmiNetwork.Pod.VMNetworkCIDR); "" for 10.0.2.0/24. */
  vmNetworkCIDR?: string;
}

// KubeVirt v1.9.0 netpod.go: gatewayIP, the first address of the VM network
export function gatewayIP(cidr: string, defaultCIDR: string): IPAddress {
  const { ip, prefix } = parseCIDR(cidr || defaultCIDR);
  if (prefix > 30) throw new Error(`VM CIDR subnet is too small, at least 2 host addresses are required: ${cidr}`);
  return { ip: nextIP(ip), prefixLen: prefix };
}

// #region masquerade-spec
// KubeVirt v1.9.0 netpod.go: masqueradeBindingSpec (IPv4 only)
export function masqueradeBindingSpec(podIface: Interface, { podIfaceName, ownerID, queues, vmNetworkCIDR = "" }: BindingOptions): Interface[] {
  const bridgeIface: Interface = {
    name: `k6t-${podIfaceName}`,
    typeName: "bridge",
    state: "up",
    macAddress: StaticMasqueradeBridgeMAC,
    mtu: podIface.mtu,
    ipv4: { enabled: false },
  };
  if (hasIPGlobalUnicast(podIface.ipv4)) {
    bridgeIface.ipv4 = { enabled: true, address: [gatewayIP(vmNetworkCIDR, DefaultVMCIDR)] };
    bridgeIface.linuxStack = { ip4RouteLocalNet: true };
  }
  const tapIface: Interface = {
    name: "tap0",
    typeName: "tap",
    state: "up",
    mtu: podIface.mtu,
    controller: bridgeIface.name,
    ipv4: {},
    tap: { queues, uid: ownerID, gid: ownerID },
  };
  return [bridgeIface, tapIface];
}
// #endregion masquerade-spec

// #region compose
// KubeVirt v1.9.0 netpod.go: composeDesiredSpec, for the one interface of this chapter
export function composeDesiredSpec(binding: Binding, current: Map<string, Interface>, options: BindingOptions): Spec {
  const spec: Spec = { interfaces: [], linuxStack: { ipv4: {} } };
  const podIface = current.get(options.podIfaceName) ?? current.get(`${options.podIfaceName}-nic`);
  if (!podIface) throw new Error(`pod link (${options.podIfaceName}) is missing`);
  if (binding === "bridge") {
    spec.interfaces = bridgeBindingSpec({ ...options, vmiIfaceIndex: 0, ifaceStatusByName: current });
    if (spec.interfaces.some((i) => hasIPGlobalUnicast(i.ipv4))) spec.linuxStack.ipv4.arpIgnore = ARPReplyMode1;
  } else {
    spec.interfaces = masqueradeBindingSpec(podIface, options);
    if (spec.interfaces.some((i) => hasIPGlobalUnicast(i.ipv4))) spec.linuxStack.ipv4.forwarding = true;
  }
  return spec;
}
// #endregion compose
