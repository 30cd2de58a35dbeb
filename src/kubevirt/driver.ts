// What the pod network setup needs from Linux, as one interface with two drivers: the in-memory model
// (model.ts) for unit tests and pictures, and the real driver (real-driver.ts), which runs `ip` and `nft` in a
// network namespace. KubeVirt v1.9.0 has the same split: pkg/network/driver/common.go NetworkHandler and
// pkg/network/driver/nmstate (Read, Apply) over netlink, with fakes in driver/netlink/fake.

/** "dummy" is what KubeVirt asks for; "ifb" is what the real driver stands in where the kernel has no dummy. */
export type LinkKind = "veth" | "bridge" | "dummy" | "ifb" | "tap" | "loopback" | "other";

export interface Link {
  index: number;
  name: string;
  kind: LinkKind;
  mac: string;
  mtu: number;
  /** Administratively up (IFF_UP). */
  up: boolean;
  /** The bridge this link is a port of, or null. */
  master: string | null;
  /** For a bridge port: whether the bridge learns source MACs on it. */
  learning: boolean | null;
}

export interface Address {
  dev: string;
  ip: string;
  prefix: number;
}

/** A route of the main table, as `ip -json route` shows it. */
export interface RouteEntry {
  /** "default" or "10.244.1.0/24". */
  dst: string;
  gateway: string | null;
  dev: string;
  /** The preferred source address (the kernel sets it on the routes it adds for an address). */
  src: string | null;
  /** "kernel" for the routes Linux adds itself for an address; "boot" for the ones added by hand. */
  protocol: string;
}

export interface NftChain {
  family: string;
  table: string;
  name: string;
  /** "type nat hook prerouting priority -100" for a base chain, "" for a regular one. */
  spec: string;
}

export interface NftRule {
  family: string;
  table: string;
  chain: string;
  rule: string;
}

/** A namespace's network as a driver reads it (KubeVirt: nmstate.Status). */
export interface NetworkStatus {
  links: Link[];
  addresses: Address[];
  routes: RouteEntry[];
  /** The sysctls the bindings touch, by /proc/sys path: net/ipv4/ip_forward, net/ipv4/conf/all/arp_ignore, ... */
  sysctls: Record<string, string>;
  nft: { tables: string[]; chains: NftChain[]; rules: NftRule[] };
}

export interface NewLink {
  name: string;
  kind: "bridge" | "dummy" | "tap";
  mtu?: number;
  /** For a tap: its owner (KubeVirt: the qemu user, 107). */
  owner?: number;
}

// #region driver
export interface NetworkDriver {
  /** One line naming what the driver drives: "in-memory model", "network namespace pod-1". */
  readonly where: string;
  read(): NetworkStatus;
  /** The pod's /etc/resolv.conf. */
  readResolvConf(): string;
  /** How the driver creates `kind` here, when it is not the kind itself (the real driver's stand-ins). */
  standIn(kind: NewLink["kind"]): string | null;
  linkAdd(link: NewLink): void;
  linkSetDown(name: string): void;
  linkSetUp(name: string): void;
  linkSetName(name: string, newName: string): void;
  linkSetMAC(name: string, mac: string): void;
  linkSetMTU(name: string, mtu: number): void;
  linkSetMaster(name: string, bridge: string): void;
  linkSetLearningOff(name: string): void;
  addrAdd(dev: string, ip: string, prefix: number): void;
  addrDel(dev: string, ip: string, prefix: number): void;
  sysctlSet(path: string, value: string): void;
  nftAddTable(family: string, table: string): void;
  nftAddChain(family: string, table: string, chain: string, spec?: string): void;
  nftAddRule(family: string, table: string, chain: string, rulespec: string[]): void;
}
// #endregion driver

export function linkByName(status: NetworkStatus, name: string): Link | undefined {
  return status.links.find((l) => l.name === name);
}

export function addressesOf(status: NetworkStatus, dev: string): Address[] {
  return status.addresses.filter((a) => a.dev === dev);
}
