// The options KubeVirt's DHCP server gives the VM: computed once, when the server starts, and sent in every
// OFFER and ACK. KubeVirt v1.9.0 pkg/network/dhcp/server/server.go: prepareDHCPOptions.
import { formClasslessRoutes, convertSearchDomainsToBytes } from "../seams.ts";
import { parseIPv4, type Route } from "../ip.ts";
import { Option, uint16, type Options } from "./packet.ts";

/** KubeVirt's "infinite" lease: 999 days (server.go: infiniteLease = 999 * 24 * time.Hour), in seconds. */
export const infiniteLease = 999 * 24 * 60 * 60;

// KubeVirt v1.9.0 pkg/network/dns/resolveconf.go: GetDomainName, the longest search domain.
export function GetDomainName(searchDomains: string[]): string {
  return searchDomains.reduce((selected, d) => (d.length > selected.length ? d : selected), "");
}

// #region prepare-options
// KubeVirt v1.9.0 pkg/network/dhcp/server/server.go: prepareDHCPOptions (without the user's custom options:
// TFTP server, boot file, NTP servers and private options 224-254, which this chapter leaves out)
export function prepareDHCPOptions(
  clientMask: Uint8Array | null,
  routerIP: string | null,
  dnsIPs: string[],
  routes: Route[] | null,
  searchDomains: string[],
  mtu: number,
  hostname: string,
): Options {
  const options: Options = new Map();
  options.set(Option.DomainNameServer, Uint8Array.from(dnsIPs.flatMap((ip) => Array.from(parseIPv4(ip)))));
  options.set(Option.InterfaceMTU, uint16(mtu));
  if (clientMask !== null && clientMask.length !== 0) options.set(Option.SubnetMask, clientMask);
  if (routerIP !== null) options.set(Option.Router, parseIPv4(routerIP));
  const netRoutes = formClasslessRoutes(routes);
  if (netRoutes.length !== 0) options.set(Option.ClasslessRouteFormat, netRoutes);
  const searchDomainBytes = convertSearchDomainsToBytes(searchDomains);
  // Go: a nil slice (no domains) means no option; an empty list encodes to nothing.
  if (searchDomains.length !== 0) options.set(Option.DomainSearch, searchDomainBytes);
  options.set(Option.HostName, new TextEncoder().encode(hostname));
  // Windows asks for the domain name (15) and uses it for DNS resolution
  const domainName = GetDomainName(searchDomains);
  if (domainName.length > 0) options.set(Option.DomainName, new TextEncoder().encode(domainName));
  return options;
}
// #endregion prepare-options
