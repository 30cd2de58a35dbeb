// An in-memory model of the Linux networking the bindings touch: namespaces holding links (veth, bridge, dummy,
// tap) with name, MAC, MTU, state and master; IPv4 addresses; main-table routes; three sysctls; nftables
// tables, chains and rules. It answers with the kernel's own error words where a step is refused, and it
// reproduces the kernel behaviours the bindings depend on (routes vanish with their link or address, a bridge
// takes the lowest port MAC and MTU unless they were set, an up link cannot be renamed).
import type { Address, Link, LinkKind, NetworkDriver, NetworkStatus, NewLink, NftChain, NftRule, RouteEntry } from "./driver.ts";
import { formatMAC, networkOf, parseCIDR, parseIPv4, parseMAC } from "./ip.ts";

interface ModelLink extends Link {
  /** Set explicitly (the kernel's NET_ADDR_SET / a user MTU): a bridge then stops following its ports. */
  macSet: boolean;
  mtuSet: boolean;
  /** A veth's other end: its namespace and index. */
  peer: { ns: Netns; index: number } | null;
}

interface ModelRoute {
  dst: string;
  gateway: string | null;
  index: number;
}

export class Netns {
  links: ModelLink[] = [];
  addresses: { index: number; ip: string; prefix: number }[] = [];
  routes: ModelRoute[] = [];
  sysctls = new Map<string, string>([
    ["net/ipv4/ip_forward", "0"],
    ["net/ipv4/conf/all/arp_ignore", "0"],
  ]);
  tables: string[] = [];
  chains: NftChain[] = [];
  rules: NftRule[] = [];
  resolvConf = "";
  private nextIndex = 1;

  constructor(
    readonly name: string,
    private readonly net: LinuxNetwork,
  ) {
    this.add("lo", "loopback", 65536, "00:00:00:00:00:00");
  }

  add(name: string, kind: LinkKind, mtu: number, mac = this.net.randomMAC()): ModelLink {
    if (this.links.some((l) => l.name === name)) throw new Error(`link ${name}: RTNETLINK answers: File exists`);
    if (name.length > 15) throw new Error(`link ${name}: name is longer than 15 characters (IFNAMSIZ)`);
    const link: ModelLink = { index: this.nextIndex++, name, kind, mac, mtu, up: false, master: null, learning: null, macSet: false, mtuSet: false, peer: null };
    this.links.push(link);
    this.sysctls.set(`net/ipv4/conf/${name}/route_localnet`, "0");
    return link;
  }

  find(name: string): ModelLink {
    const link = this.links.find((l) => l.name === name);
    if (!link) throw new Error(`Cannot find device "${name}"`);
    return link;
  }

  byIndex(index: number): ModelLink {
    return this.links.find((l) => l.index === index)!;
  }

  /** A bridge that never had its MAC or MTU set follows its ports: the lowest MAC, the smallest MTU. */
  recalcBridge(bridge: ModelLink): void {
    const ports = this.links.filter((l) => l.master === bridge.name);
    if (ports.length === 0) return;
    if (!bridge.macSet) bridge.mac = ports.map((p) => p.mac).sort()[0];
    if (!bridge.mtuSet) bridge.mtu = Math.min(...ports.map((p) => p.mtu));
  }

  /** IPv4 drops the routes through a link that goes down, and the routes whose source address goes away. */
  flushRoutes(index: number): void {
    this.routes = this.routes.filter((r) => r.index !== index);
  }

  status(): NetworkStatus {
    const name = (i: number) => this.byIndex(i).name;
    const links = this.links.map(({ index, name, kind, mac, mtu, up, master, learning }): Link => ({ index, name, kind, mac, mtu, up, master, learning }));
    const addresses = this.addresses.map((a): Address => ({ dev: name(a.index), ip: a.ip, prefix: a.prefix }));
    // The kernel adds a route to the network of each address whose link is up.
    const kernel = this.addresses
      .filter((a) => this.byIndex(a.index).up && a.prefix < 32)
      .map((a): RouteEntry => ({ dst: networkOf(a.ip, a.prefix), gateway: null, dev: name(a.index), src: a.ip, protocol: "kernel" }));
    const routes = [...this.routes.map((r): RouteEntry => ({ dst: r.dst, gateway: r.gateway, dev: name(r.index), src: null, protocol: "boot" })), ...kernel];
    routes.sort((a, b) => routeKey(a.dst) - routeKey(b.dst));
    return {
      links,
      addresses,
      routes,
      sysctls: Object.fromEntries(this.sysctls),
      nft: { tables: [...this.tables], chains: this.chains.map((c) => ({ ...c })), rules: this.rules.map((r) => ({ ...r })) },
    };
  }
}

/** Main-table order as `ip route` lists it: by destination address, the default route first. */
function routeKey(dst: string): number {
  if (dst === "default") return -1;
  const { ip } = parseCIDR(dst);
  const b = parseIPv4(ip);
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

/** A machine's worth of namespaces; MACs come from a seeded sequence so pictures and tests repeat. */
export class LinuxNetwork {
  readonly namespaces = new Map<string, Netns>();
  private seed = 0x5a17;

  netns(name: string): Netns {
    let ns = this.namespaces.get(name);
    if (!ns) {
      ns = new Netns(name, this);
      this.namespaces.set(name, ns);
    }
    return ns;
  }

  /** A locally administered unicast MAC, as the kernel's eth_random_addr gives. */
  randomMAC(): string {
    const bytes = new Uint8Array(6);
    for (let i = 0; i < 6; i++) {
      this.seed = (this.seed * 1103515245 + 12345) >>> 0;
      bytes[i] = this.seed >>> 16;
    }
    bytes[0] = (bytes[0] & 0xfe) | 0x02;
    return formatMAC(bytes);
  }

  /** `ip link add a netns A type veth peer name b netns B`. */
  veth(a: Netns, aName: string, b: Netns, bName: string, mtu = 1500): void {
    const la = a.add(aName, "veth", mtu);
    const lb = b.add(bName, "veth", mtu);
    la.peer = { ns: b, index: lb.index };
    lb.peer = { ns: a, index: la.index };
  }
}

// #region memory-driver
/** The in-memory driver: the NetworkDriver operations on one model namespace. */
export class MemoryDriver implements NetworkDriver {
  readonly where: string;

  constructor(private readonly ns: Netns) {
    this.where = `in-memory model, namespace ${ns.name}`;
  }

  read(): NetworkStatus {
    return this.ns.status();
  }

  readResolvConf(): string {
    return this.ns.resolvConf;
  }

  standIn(): null {
    return null;
  }

  linkAdd({ name, kind, mtu }: NewLink): void {
    const link = this.ns.add(name, kind, mtu ?? 1500);
    link.mtuSet = mtu !== undefined && kind !== "bridge";
  }

  linkSetDown(name: string): void {
    const link = this.ns.find(name);
    link.up = false;
    this.ns.flushRoutes(link.index);
  }

  linkSetUp(name: string): void {
    this.ns.find(name).up = true;
  }

  linkSetName(name: string, newName: string): void {
    const link = this.ns.find(name);
    if (link.up) throw new Error(`Device or resource busy (an up link cannot be renamed; set ${name} down first)`);
    if (this.ns.links.some((l) => l.name === newName)) throw new Error(`RTNETLINK answers: File exists`);
    for (const port of this.ns.links) if (port.master === name) port.master = newName;
    this.ns.sysctls.delete(`net/ipv4/conf/${name}/route_localnet`);
    this.ns.sysctls.set(`net/ipv4/conf/${newName}/route_localnet`, "0");
    link.name = newName;
  }

  linkSetMAC(name: string, mac: string): void {
    const link = this.ns.find(name);
    link.mac = formatMAC(parseMAC(mac));
    link.macSet = true;
    if (link.master) this.ns.recalcBridge(this.ns.find(link.master));
  }

  linkSetMTU(name: string, mtu: number): void {
    const link = this.ns.find(name);
    link.mtu = mtu;
    link.mtuSet = true;
    if (link.master) this.ns.recalcBridge(this.ns.find(link.master));
  }

  linkSetMaster(name: string, bridge: string): void {
    const link = this.ns.find(name);
    const master = this.ns.find(bridge);
    if (master.kind !== "bridge") throw new Error(`${bridge} is a ${master.kind}, not a bridge: Operation not supported`);
    link.master = bridge;
    link.learning = true;
    this.ns.recalcBridge(master);
  }

  linkSetLearningOff(name: string): void {
    const link = this.ns.find(name);
    if (!link.master) throw new Error(`${name} is not a bridge port: Operation not supported`);
    link.learning = false;
  }

  addrAdd(dev: string, ip: string, prefix: number): void {
    const link = this.ns.find(dev);
    parseIPv4(ip);
    if (this.ns.addresses.some((a) => a.index === link.index && a.ip === ip)) throw new Error("RTNETLINK answers: File exists");
    this.ns.addresses.push({ index: link.index, ip, prefix });
  }

  addrDel(dev: string, ip: string, prefix: number): void {
    const link = this.ns.find(dev);
    const i = this.ns.addresses.findIndex((a) => a.index === link.index && a.ip === ip && a.prefix === prefix);
    if (i < 0) throw new Error("RTNETLINK answers: Cannot assign requested address");
    this.ns.addresses.splice(i, 1);
    // Without an address on the link, its gateways are unreachable: the kernel drops those routes.
    if (!this.ns.addresses.some((a) => a.index === link.index)) this.ns.flushRoutes(link.index);
  }

  sysctlSet(path: string, value: string): void {
    if (!this.ns.sysctls.has(path)) throw new Error(`sysctl: cannot stat /proc/sys/${path}: No such file or directory`);
    this.ns.sysctls.set(path, value);
  }

  nftAddTable(family: string, table: string): void {
    const key = `${family} ${table}`;
    if (!this.ns.tables.includes(key)) this.ns.tables.push(key);
  }

  nftAddChain(family: string, table: string, chain: string, spec = ""): void {
    if (!this.ns.tables.includes(`${family} ${table}`)) throw new Error(`Error: No such file or directory; did you mean table '${table}' in family ${family}? (add the table first)`);
    if (this.ns.chains.some((c) => c.family === family && c.table === table && c.name === chain)) return;
    this.ns.chains.push({ family, table, name: chain, spec: spec.replace(/^\{\s*|;?\s*\}$/g, "") });
  }

  nftAddRule(family: string, table: string, chain: string, rulespec: string[]): void {
    const has = (name: string) => this.ns.chains.some((c) => c.family === family && c.table === table && c.name === name);
    if (!has(chain)) throw new Error(`Error: No such file or directory: chain ${family} ${table} ${chain} (add the chain first)`);
    const jump = rulespec.indexOf("jump");
    if (jump >= 0 && !has(rulespec[jump + 1])) throw new Error(`Error: Could not process rule: No such file or directory: jump to ${rulespec[jump + 1]}`);
    this.ns.rules.push({ family, table, chain, rule: rulespec.join(" ") });
  }
}
// #endregion memory-driver

/** A route added by hand (`ip route add`), as a CNI plugin adds the pod's default route. */
export function addRoute(ns: Netns, dst: string, gateway: string | null, dev: string): void {
  ns.routes.push({ dst, gateway, index: ns.find(dev).index });
}
