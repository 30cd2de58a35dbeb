// The whole pod network setup for one VM interface: discover, compose the desired state, apply it, add the
// NAT rules, and derive what the DHCP server will hand out. KubeVirt v1.9.0 pkg/network/setup/netpod/netpod.go:
// NetPod.Setup (discover, config); pkg/network/dhcp/bridge.go and masquerade.go: the two Generate methods.
import { hostname } from "node:os";
import { applySpec, setupNAT } from "./apply.ts";
import { composeDesiredSpec, DefaultVMCIDR, gatewayIP, type Binding, type BindingOptions } from "./desired.ts";
import { ParseNameservers, ParseSearchDomains } from "./dns.ts";
import { linkByName, type NetworkDriver, type NetworkStatus } from "./driver.ts";
import type { DHCPConfig } from "./dhcp/server.ts";
import { formatMAC, nextIP, parseMAC, prefixMask } from "./ip.ts";
import { hasIPGlobalUnicast, ifaceStatusByName, readInterfaces, type Port, type Spec } from "./nmstate.ts";
import { storeBridgeBindingDHCPInterfaceData } from "./seams.ts";

export interface SetupOptions extends Partial<BindingOptions> {
  /** Forwarded ports (masquerade). */
  ports?: Port[];
  /** The VMI's own MAC, when its spec sets one. */
  vmiSpecMAC?: string;
  /** The hostname the DHCP server gives (KubeVirt: the pod's, os.Hostname()). */
  hostname?: string;
}

export interface Plan {
  binding: Binding;
  spec: Spec;
  /** What the DHCP server will hand out; null on the no-IPAM path (the pod interface has no IPv4). */
  dhcp: DHCPConfig | null;
  ports: Port[];
}

const defaults = (o: SetupOptions): BindingOptions => ({ podIfaceName: o.podIfaceName ?? "eth0", ownerID: o.ownerID ?? 107, queues: o.queues ?? 0, vmNetworkCIDR: o.vmNetworkCIDR ?? "" });

// #region plan
/** Discover and compose: everything up to the first change to the pod. */
export function planPodNetwork(status: NetworkStatus, resolvConf: string, binding: Binding, options: SetupOptions = {}): Plan {
  const o = defaults(options);
  const current = ifaceStatusByName(readInterfaces(status));
  const spec = composeDesiredSpec(binding, current, o);
  const dns = { dnsIPs: ParseNameservers(resolvConf), searchDomains: ParseSearchDomains(resolvConf), hostname: options.hostname ?? hostname() };
  const podIface = current.get(o.podIfaceName)!;
  let dhcp: DHCPConfig | null = null;
  if (binding === "bridge") {
    const found = storeBridgeBindingDHCPInterfaceData(status, o.podIfaceName, options.vmiSpecMAC);
    if (!found.ipamDisabled) {
      dhcp = {
        clientMAC: parseMAC(found.mac!),
        clientIP: found.ip!.ip,
        clientMask: prefixMask(found.ip!.prefix),
        serverIP: spec.interfaces[0].ipv4.address![0].ip, // the bridge's fake address, 169.254.75.10
        routerIP: found.gateway,
        routes: found.routes,
        mtu: podIface.mtu!, // KubeVirt reads it from eth0-nic after the setup: the same MTU
        ...dns,
      };
    }
  } else if (hasIPGlobalUnicast(podIface.ipv4)) {
    const gateway = gatewayIP(o.vmNetworkCIDR ?? "", DefaultVMCIDR);
    dhcp = {
      clientMAC: null, // KubeVirt's masquerade DHCP config has no MAC: any client gets the address
      clientIP: nextIP(gateway.ip),
      clientMask: prefixMask(gateway.prefixLen),
      serverIP: gateway.ip,
      routerIP: gateway.ip,
      routes: null,
      mtu: podIface.mtu!,
      ...dns,
    };
  }
  return { binding, spec, dhcp, ports: options.ports ?? [] };
}
// #endregion plan

/** Reads the pod, plans, applies the desired state and, for masquerade, the NAT rules. */
export function setupPodNetwork(driver: NetworkDriver, binding: Binding, options: SetupOptions = {}): Plan {
  const plan = planPodNetwork(driver.read(), driver.readResolvConf(), binding, options);
  applySpec(driver, plan.spec);
  if (binding === "masquerade") setupNAT(driver, plan.spec, defaults(options).podIfaceName, plan.ports);
  return plan;
}

/** The plan as a readable table: one row per interface, then the stack settings, NAT and DHCP. */
export function formatPlan(plan: Plan, driver: NetworkDriver): string {
  const status = driver.read();
  const rows = plan.spec.interfaces.map((i) => {
    const existing = i.index !== undefined ? status.links.find((l) => l.index === i.index) : linkByName(status, i.name);
    const kind = i.typeName || existing?.kind || "";
    const action = existing ? (existing.name === i.name ? "keep" : `rename ${existing.name}`) : "create";
    const standIn = !existing && (kind === "dummy" || kind === "tap") ? driver.standIn(kind) : null;
    const addresses = i.ipv4.enabled ? (i.ipv4.address ?? []).map((a) => `${a.ip}/${a.prefixLen}`).join(" ") || "-" : "none";
    const extra = [
      i.copyMacFrom ? `MAC of ${i.copyMacFrom}` : i.macAddress ?? "",
      i.linuxStack?.portLearning === false ? "learning off" : "",
      i.linuxStack?.ip4RouteLocalNet ? "route_localnet=1" : "",
      i.tap ? `owner ${i.tap.uid}` : "",
      standIn ? `as ${standIn}` : "",
    ].filter(Boolean);
    return [i.name, kind + (standIn ? "*" : ""), action, i.state || "(as is)", i.mtu ? String(i.mtu) : "-", i.controller ?? "-", addresses, extra.join(", ")];
  });
  const header = ["link", "kind", "action", "state", "mtu", "master", "ipv4", "notes"];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => cell.padEnd(widths[c])).join("  ").trimEnd();
  const out = [`${plan.binding} binding, ${driver.where}`, line(header), ...rows.map(line)];
  const { forwarding, arpIgnore } = plan.spec.linuxStack.ipv4;
  if (forwarding) out.push("sysctl net.ipv4.ip_forward = 1");
  if (arpIgnore !== undefined) out.push(`sysctl net.ipv4.conf.all.arp_ignore = ${arpIgnore}`);
  if (plan.binding === "masquerade" && plan.dhcp) {
    out.push(`nftables: table ip nat, KUBEVIRT_PREINBOUND/KUBEVIRT_POSTINBOUND, ${plan.ports.length ? `ports ${plan.ports.map((p) => `${(p.protocol || "tcp").toLowerCase()}/${p.port}`).join(" ")}` : "all ports"} to ${plan.dhcp.clientIP}`);
  }
  out.push(plan.dhcp ? `DHCP: ${plan.dhcp.clientIP} to ${plan.dhcp.clientMAC ? formatMAC(plan.dhcp.clientMAC) : "any MAC"}, from ${plan.dhcp.serverIP}` : "DHCP: none (the pod interface has no IPv4 address: KubeVirt's no-IPAM path)");
  return out.join("\n");
}
