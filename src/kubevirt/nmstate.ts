// The vocabulary of KubeVirt's desired state: interfaces as nmstate-like records, read from the pod and
// wanted in the pod. KubeVirt v1.9.0 pkg/network/driver/nmstate/types.go: Spec, Status, Interface, IP,
// LinuxStack, TapDevice; status.go: Read.
import { addressesOf, type NetworkDriver, type NetworkStatus } from "./driver.ts";
import { isGlobalUnicast } from "./ip.ts";

export interface IPAddress {
  ip: string;
  prefixLen: number;
}

export interface IP {
  /** nmstate's *bool: undefined leaves addresses deleted and none added, like false. */
  enabled?: boolean;
  address?: IPAddress[];
}

export interface Interface {
  name: string;
  /** Find the link by index rather than name (the pod interface, which gets renamed). */
  index?: number;
  /** "bridge", "dummy", "tap"; "" for a link KubeVirt did not create (the pod's own eth0). */
  typeName: string;
  /** "up", or "" to leave the link as it is (the dummy stays down). */
  state: "up" | "";
  macAddress?: string;
  /** Take the MAC of this link (KubeVirt: CopyMacFrom). */
  copyMacFrom?: string;
  mtu?: number;
  /** The bridge this link is plugged into. */
  controller?: string;
  ipv4: IP;
  linuxStack?: { ip4RouteLocalNet?: boolean; portLearning?: boolean };
  tap?: { queues: number; uid: number; gid: number };
}

export interface Spec {
  interfaces: Interface[];
  linuxStack: { ipv4: { forwarding?: boolean; arpIgnore?: number } };
}

/** The pod's interfaces as KubeVirt's nmstate Read gives them (status.go: readInterfaces). */
export function readInterfaces(status: NetworkStatus): Interface[] {
  return status.links.map((l) => {
    const addrs = addressesOf(status, l.name);
    return {
      name: l.name,
      index: l.index,
      typeName: l.kind,
      state: l.up ? "up" : "",
      macAddress: l.mac,
      mtu: l.mtu,
      controller: l.master ?? undefined,
      ipv4: addrs.length > 0 ? { enabled: true, address: addrs.map((a) => ({ ip: a.ip, prefixLen: a.prefix })) } : { enabled: false },
    };
  });
}

// KubeVirt v1.9.0 pkg/network/setup/netpod/netpod.go: ifaceStatusByName
export function ifaceStatusByName(interfaces: Interface[]): Map<string, Interface> {
  return new Map(interfaces.map((i) => [i.name, i]));
}

/** The nftables calls KubeVirt makes (pkg/network/driver/nft/nft.go: NFTBin AddTable, AddChain, AddRule). */
export interface Nftable {
  AddTable(family: string, name: string): void;
  AddChain(family: string, table: string, name: string, ...chainspec: string[]): void;
  AddRule(family: string, table: string, chain: string, ...rulespec: string[]): void;
}

/** The nftable adapter over a driver. */
export function nftableOf(driver: NetworkDriver): Nftable {
  return {
    AddTable: (family, name) => driver.nftAddTable(family, name),
    AddChain: (family, table, name, ...spec) => driver.nftAddChain(family, table, name, spec.join(" ")),
    AddRule: (family, table, chain, ...rulespec) => driver.nftAddRule(family, table, chain, rulespec),
  };
}

// KubeVirt v1.9.0 pkg/network/setup/netpod/netpod.go: hasIPGlobalUnicast, firstIPGlobalUnicast
export function firstIPGlobalUnicast(ip: IP): IPAddress | undefined {
  return ip.enabled === true ? (ip.address ?? []).find((a) => isGlobalUnicast(a.ip)) : undefined;
}

export function hasIPGlobalUnicast(ip: IP): boolean {
  return firstIPGlobalUnicast(ip) !== undefined;
}

/** A port of the VMI interface (KubeVirt v1.Port): traffic to it on the pod address goes to the VM. */
export interface Port {
  name?: string;
  /** "TCP", "UDP", "tcp", ...; empty means tcp. */
  protocol?: string;
  port: number;
}
