// The real driver: the NetworkDriver operations as `ip` (with -json to read) and `nft` commands inside a
// network namespace, as root; sysctls through /proc/sys in that namespace. Where this kernel lacks a link
// type KubeVirt uses, it stands another in and says so: no `dummy` link type -> a veth whose peer (NAME-hold)
// stays down: it holds an address and a MAC and carries no traffic (`ifb` would too, but refuses a new MAC);
// and, when asked, a veth into a "VM" namespace where `tap0` would be (no QEMU here to open the tap).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import type { Address, Link, LinkKind, NetworkDriver, NetworkStatus, NewLink, NftChain, NftRule, RouteEntry } from "./driver.ts";

interface IpLink {
  ifindex: number;
  ifname: string;
  flags: string[];
  mtu: number;
  address?: string;
  link_type: string;
  master?: string;
  linkinfo?: { info_kind?: string; info_data?: { type?: string }; info_slave_kind?: string; info_slave_data?: { learning?: boolean } };
}

interface IpAddr {
  ifname: string;
  addr_info: { family: string; local: string; prefixlen: number }[];
}

interface IpRoute {
  dst: string;
  gateway?: string;
  dev: string;
  prefsrc?: string;
  protocol?: string;
}

/** Runs a command; its failure becomes one line: the command and what it printed. */
export function run(command: string, args: string[], input?: string): string {
  const r = spawnSync(command, args, { encoding: "utf8", input });
  if (r.error) throw new Error(`${command}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${(r.stderr || r.stdout).trim().split("\n")[0]}`);
  return r.stdout;
}

/** Is there a namespace called `name` (`ip netns add` makes /run/netns/NAME)? */
export function netnsExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}

export class RealDriver implements NetworkDriver {
  readonly where: string;
  private dummyKind: "dummy" | "veth" | null = null;

  /**
   * @param netns the pod's network namespace
   * @param vmNetns when set, tap0 is a veth whose other end is eth0 in this namespace (the VM's stand-in)
   */
  constructor(
    readonly netns: string,
    private readonly vmNetns: string | null = null,
  ) {
    if (process.getuid?.() !== 0) throw new Error(`the real driver needs root to change network namespace ${netns}: run as root (or try the plan on the in-memory example pod: --example)`);
    if (!netnsExists(netns)) throw new Error(`no network namespace "${netns}" (create it with: ip netns add ${netns})`);
    if (vmNetns !== null && !netnsExists(vmNetns)) throw new Error(`no network namespace "${vmNetns}" for the VM (create it with: ip netns add ${vmNetns})`);
    this.where = `network namespace ${netns}`;
  }

  private ip(...args: string[]): string {
    return run("ip", ["-n", this.netns, ...args]);
  }

  private exec(...args: string[]): string {
    return run("ip", ["netns", "exec", this.netns, ...args]);
  }

  read(): NetworkStatus {
    const ipLinks = JSON.parse(this.ip("-json", "-details", "link", "show")) as IpLink[];
    const links = ipLinks.map((l): Link => ({
      index: l.ifindex,
      name: l.ifname,
      kind: kindOf(l),
      mac: l.address ?? "",
      mtu: l.mtu,
      up: l.flags.includes("UP"),
      master: l.master ?? null,
      learning: l.linkinfo?.info_slave_kind === "bridge" ? (l.linkinfo.info_slave_data?.learning ?? null) : null,
    }));
    const addresses = (JSON.parse(this.ip("-json", "-4", "addr", "show")) as IpAddr[]).flatMap((a) =>
      a.addr_info.filter((i) => i.family === "inet").map((i): Address => ({ dev: a.ifname, ip: i.local, prefix: i.prefixlen })),
    );
    const routes = (JSON.parse(this.ip("-json", "-4", "route", "show")) as IpRoute[]).map((r): RouteEntry => ({
      dst: r.dst,
      gateway: r.gateway ?? null,
      dev: r.dev,
      src: r.prefsrc ?? null,
      protocol: r.protocol ?? "boot",
    }));
    const keys = ["net/ipv4/ip_forward", "net/ipv4/conf/all/arp_ignore", ...links.map((l) => `net/ipv4/conf/${l.name}/route_localnet`)];
    // Straight from /proc/sys (no procps needed): one value per line, in the order asked.
    const values = this.exec("cat", ...keys.map((k) => `/proc/sys/${k}`)).trim().split("\n");
    return { links, addresses, routes, sysctls: Object.fromEntries(keys.map((k, i) => [k, values[i]])), nft: parseRuleset(this.exec("nft", "list", "ruleset")) };
  }

  readResolvConf(): string {
    const own = `/etc/netns/${this.netns}/resolv.conf`; // what `ip netns exec` shows the pod as /etc/resolv.conf
    return readFileSync(existsSync(own) ? own : "/etc/resolv.conf", "utf8");
  }

  standIn(kind: NewLink["kind"]): string | null {
    if (kind === "dummy" && this.dummy() === "veth") return "veth with a down peer (this kernel has no dummy link type)";
    if (kind === "tap" && this.vmNetns !== null) return `veth to eth0 in namespace ${this.vmNetns} (the VM's stand-in)`;
    return null;
  }

  /** Probes once whether this kernel can make a dummy link. */
  private dummy(): "dummy" | "veth" {
    if (this.dummyKind === null) {
      try {
        this.ip("link", "add", "kvprobe0", "type", "dummy");
        this.ip("link", "del", "kvprobe0");
        this.dummyKind = "dummy";
      } catch {
        this.dummyKind = "veth";
      }
    }
    return this.dummyKind;
  }

  linkAdd({ name, kind, mtu, owner }: NewLink): void {
    if (kind === "bridge") this.ip("link", "add", name, "type", "bridge");
    else if (kind === "dummy" && this.dummy() === "dummy") this.ip("link", "add", name, "type", "dummy");
    else if (kind === "dummy") this.ip("link", "add", name, "type", "veth", "peer", "name", `${name.slice(0, 10)}-hold`);
    else if (this.vmNetns !== null) this.ip("link", "add", name, ...(mtu ? ["mtu", String(mtu)] : []), "type", "veth", "peer", "name", "eth0", "netns", this.vmNetns);
    else {
      this.ip("tuntap", "add", "dev", name, "mode", "tap", ...(owner !== undefined ? ["user", String(owner), "group", String(owner)] : []));
      if (mtu) this.ip("link", "set", "dev", name, "mtu", String(mtu));
    }
  }

  linkSetDown(name: string): void {
    this.ip("link", "set", "dev", name, "down");
  }

  linkSetUp(name: string): void {
    this.ip("link", "set", "dev", name, "up");
  }

  linkSetName(name: string, newName: string): void {
    this.ip("link", "set", "dev", name, "name", newName);
  }

  linkSetMAC(name: string, mac: string): void {
    this.ip("link", "set", "dev", name, "address", mac);
  }

  linkSetMTU(name: string, mtu: number): void {
    this.ip("link", "set", "dev", name, "mtu", String(mtu));
  }

  linkSetMaster(name: string, bridge: string): void {
    this.ip("link", "set", "dev", name, "master", bridge);
  }

  linkSetLearningOff(name: string): void {
    this.ip("link", "set", "dev", name, "type", "bridge_slave", "learning", "off");
  }

  addrAdd(dev: string, ip: string, prefix: number): void {
    this.ip("addr", "add", `${ip}/${prefix}`, "dev", dev);
  }

  addrDel(dev: string, ip: string, prefix: number): void {
    this.ip("addr", "del", `${ip}/${prefix}`, "dev", dev);
  }

  sysctlSet(path: string, value: string): void {
    if (!/^[\w/.-]+$/.test(path) || !/^\w+$/.test(value)) throw new Error(`sysctl ${path}=${value}: not a sysctl path and value`);
    this.exec("sh", "-c", `echo ${value} > /proc/sys/${path}`);
  }

  nftAddTable(family: string, table: string): void {
    this.exec("nft", "add", "table", family, table);
  }

  nftAddChain(family: string, table: string, chain: string, spec = ""): void {
    this.exec("nft", "add", "chain", family, table, chain, ...(spec ? [spec] : []));
  }

  nftAddRule(family: string, table: string, chain: string, rulespec: string[]): void {
    this.exec("nft", "add", "rule", family, table, chain, ...rulespec);
  }
}

function kindOf(l: IpLink): LinkKind {
  if (l.link_type === "loopback") return "loopback";
  const kind = l.linkinfo?.info_kind;
  if (kind === "tun") return l.linkinfo?.info_data?.type === "tap" ? "tap" : "other";
  return kind === "veth" || kind === "bridge" || kind === "dummy" || kind === "ifb" ? kind : "other";
}

/** `nft list ruleset` text -> tables, chains (with their `type ... hook ... priority` line) and rules. */
export function parseRuleset(text: string): NetworkStatus["nft"] {
  const tables: string[] = [];
  const chains: NftChain[] = [];
  const rules: NftRule[] = [];
  let table = ["", ""];
  let chain = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^table (\S+) (\S+) \{$/))) {
      table = [m[1], m[2]];
      tables.push(`${m[1]} ${m[2]}`);
    } else if ((m = line.match(/^chain (\S+) \{$/))) {
      chain = m[1];
      chains.push({ family: table[0], table: table[1], name: chain, spec: "" });
    } else if (line.startsWith("type ") && chain) {
      chains[chains.length - 1].spec = line.replace(/;?\s*policy \w+;?$/, "").replace(/;$/, "");
    } else if (line && line !== "}" && chain) {
      rules.push({ family: table[0], table: table[1], chain, rule: line });
    }
    if (line === "}" && chain) chain = "";
    else if (line === "}") table = ["", ""];
  }
  return { tables, chains, rules };
}
