// The pod's DNS settings, read from its /etc/resolv.conf for the VM's DHCP answer.
// KubeVirt v1.9.0 pkg/network/dns/resolveconf.go: ParseNameservers, ParseSearchDomains.
import { formatIPv4, parseIPv4 } from "./ip.ts";

const defaultDNS = "8.8.8.8";
const defaultSearchDomain = "cluster.local";

/** IPv4 nameservers, one per `nameserver` line with exactly one value; 8.8.8.8 when there is none. */
export function ParseNameservers(content: string): string[] {
  const out: string[] = [];
  for (const line of content.split("\n")) {
    if (!line.startsWith("nameserver")) continue;
    const fields = line.trim().split(/\s+/);
    if (fields.length !== 2) continue; // "nameserver line should have only one value per line"
    try {
      out.push(formatIPv4(parseIPv4(fields[1])));
    } catch {
      // IPv6 nameservers and garbage are skipped (KubeVirt keeps IPv6 ones for its DHCPv6 server)
    }
  }
  return out.length > 0 ? out : [defaultDNS];
}

/** The domains of every `search` line, lower-cased; cluster.local when there is none. */
export function ParseSearchDomains(content: string): string[] {
  const out = content
    .split("\n")
    .filter((line) => line.startsWith("search"))
    .flatMap((line) => line.slice("search".length).trim().split(/\s+/).filter(Boolean))
    .map((d) => d.toLowerCase());
  return out.length > 0 ? out : [defaultSearchDomain];
}
