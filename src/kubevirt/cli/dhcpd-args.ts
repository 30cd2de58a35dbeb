// The command line of `npm run dhcpd` for a plan's DHCP config, and back: `pod-network` prints it, the real
// exchange test and the benchmark run it.
import type { DHCPConfig } from "../dhcp/server.ts";
import { formatMAC, maskPrefix, parseCIDR, parseIPv4, parseMAC, prefixMask, type Route } from "../ip.ts";

export interface DhcpdOptions {
  netns?: string;
  iface: string;
  config: DHCPConfig;
  port: number;
}

export function dhcpdArgs(config: DHCPConfig, netns: string, iface: string): string[] {
  const args = ["--netns", netns, "--iface", iface, "--vm-mac", config.clientMAC ? formatMAC(config.clientMAC) : "any"];
  args.push("--ip", `${config.clientIP}/${config.clientMask ? maskPrefix(config.clientMask) : 32}`, "--server-ip", config.serverIP);
  if (config.routerIP) args.push("--router", config.routerIP);
  for (const dns of config.dnsIPs) args.push("--dns", dns);
  for (const domain of config.searchDomains) args.push("--search", domain);
  for (const r of config.routes ?? []) args.push("--route", `${r.dst ?? "default"},${r.gw ?? "0.0.0.0"}`);
  args.push("--mtu", String(config.mtu), "--hostname", config.hostname);
  return args;
}

export interface DhcpdValues {
  netns?: string;
  iface?: string;
  "vm-mac"?: string;
  ip?: string;
  "server-ip"?: string;
  router?: string;
  dns?: string[];
  search?: string[];
  route?: string[];
  mtu?: string;
  hostname?: string;
  port?: string;
}

/** Parsed options -> the server's config; throws a one-line error naming the bad option. */
export function dhcpdConfig(v: DhcpdValues): DhcpdOptions {
  const need = (name: keyof DhcpdValues) => {
    const value = v[name];
    if (typeof value !== "string" || value === "") throw new Error(`--${name} is required`);
    return value;
  };
  const iface = need("iface");
  const mac = need("vm-mac");
  const { ip, prefix } = parseCIDR(need("ip"));
  const routes = (v.route ?? []).map((r): Route => {
    const [dst, gw] = r.split(",");
    if (gw === undefined) throw new Error(`--route ${r}: expected DST,GW (like default,10.244.1.1 or 10.128.0.0/14,0.0.0.0)`);
    if (dst !== "default") parseCIDR(dst);
    parseIPv4(gw);
    return { dst: dst === "default" ? null : dst, gw: gw === "0.0.0.0" ? null : gw };
  });
  const mtu = Number(v.mtu ?? "1500");
  if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535) throw new Error(`--mtu ${v.mtu}: expected a number from 68 to 65535`);
  const port = Number(v.port ?? "67");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${v.port}: expected a UDP port number`);
  const serverIP = need("server-ip");
  parseIPv4(serverIP);
  if (v.router) parseIPv4(v.router);
  for (const d of v.dns ?? []) parseIPv4(d);
  const config: DHCPConfig = {
    clientMAC: mac === "any" ? null : parseMAC(mac),
    clientIP: ip,
    clientMask: prefixMask(prefix),
    serverIP,
    routerIP: v.router ?? null,
    dnsIPs: v.dns ?? [],
    routes: routes.length > 0 ? routes : null,
    searchDomains: v.search ?? [],
    mtu,
    hostname: v.hostname ?? "",
  };
  return { netns: v.netns, iface, config, port };
}

