// Exercise 06-kubevirt-network/bridge-desired-state: the four interfaces of KubeVirt's bridge binding.
// Points: 10. Grade it with: npm run grade -- 06-kubevirt-network/bridge-desired-state
// Hints: exercises/06-kubevirt-network/bridge-desired-state.hints.md. The chapter section: "The bridge binding's desired state".
import { hasIPGlobalUnicast, type Interface } from "../../src/kubevirt/nmstate.ts";

/** What the binding needs besides the pod's interfaces. */
export interface BridgeBindingInput {
  /** The pod interface, "eth0". */
  podIfaceName: string;
  /** The VMI interface's position: the bridge address is "169.254.75.1" + index, so 169.254.75.10 for the first. */
  vmiIfaceIndex: number;
  /** The pod's interfaces as read now, by name (eth0, or eth0-nic when the setup already ran). */
  ifaceStatusByName: Map<string, Interface>;
  /** The tap's owner (KubeVirt: the qemu user, 107) and its queue count. */
  ownerID: number;
  queues: number;
}

/**
 * The desired state of the bridge binding, in apply order: the bridge k6t-<pod iface> (with 169.254.75.1<index>/32
 * when the pod has a global IPv4 address), the pod interface renamed <pod iface>-nic (found by index, up, MAC
 * copied from the bridge, plugged into it, no addresses, learning off), the tap "tap0" (up, the pod MTU,
 * plugged into the bridge), and a dummy with the pod interface's name, MAC, MTU and addresses (state "").
 * KubeVirt v1.9.0 pkg/network/setup/netpod/netpod.go: bridgeBindingSpec.
 */
export function bridgeBindingSpec({ podIfaceName, vmiIfaceIndex, ifaceStatusByName, ownerID, queues }: BridgeBindingInput): Interface[] {
  const bridgeFakeIPBase = "169.254.75.1";
  const bridgeFakePrefix = 32;
  const bridgeIface: Interface = { name: `k6t-${podIfaceName}`, typeName: "bridge", state: "up", ipv4: {} };
  const podIfaceAlternativeName = `${podIfaceName}-nic`;
  const podStatusIface = ifaceStatusByName.get(podIfaceAlternativeName) ?? ifaceStatusByName.get(podIfaceName);
  if (!podStatusIface) throw new Error(`pod link (${podIfaceName}) is missing`);
  if (hasIPGlobalUnicast(podStatusIface.ipv4)) {
    bridgeIface.ipv4 = { enabled: true, address: [{ ip: bridgeFakeIPBase + String(vmiIfaceIndex), prefixLen: bridgeFakePrefix }] };
  }
  const podIface: Interface = {
    index: podStatusIface.index,
    name: podIfaceAlternativeName,
    typeName: "",
    state: "up",
    copyMacFrom: bridgeIface.name,
    controller: bridgeIface.name,
    ipv4: { enabled: false },
    linuxStack: { portLearning: false },
  };
  const tapIface: Interface = {
    name: "tap0",
    typeName: "tap",
    state: "up",
    mtu: podStatusIface.mtu,
    controller: bridgeIface.name,
    ipv4: {},
    tap: { queues, uid: ownerID, gid: ownerID },
  };
  const dummyIface: Interface = {
    name: podIfaceName,
    typeName: "dummy",
    state: "",
    macAddress: podStatusIface.macAddress,
    mtu: podStatusIface.mtu,
    ipv4: podStatusIface.ipv4,
  };
  return [bridgeIface, podIface, tapIface, dummyIface];
}

