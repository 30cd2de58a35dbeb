// IPv4 addresses, prefixes and MAC addresses as the rest of the chapter needs them: text <-> bytes.
// (Go's net.IP / net.IPMask / net.HardwareAddr, which KubeVirt uses throughout pkg/network.)

/** "10.244.1.5" -> [10, 244, 1, 5]; throws a one-line error for anything else. */
export function parseIPv4(text: string): Uint8Array {
  const parts = text.split(".");
  const bytes = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p)) || bytes.some((b) => b > 255)) {
    throw new Error(`not an IPv4 address: "${text}" (expected four numbers 0-255, like 10.244.1.5)`);
  }
  return Uint8Array.from(bytes);
}

export function formatIPv4(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join(".");
}

/** The netmask of a prefix length: 24 -> 255.255.255.0 (Go: net.CIDRMask(24, 32)). */
export function prefixMask(prefix: number): Uint8Array {
  const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return Uint8Array.of(m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255);
}

/** The prefix length of a netmask, or -1 when its ones are not contiguous. */
export function maskPrefix(mask: Uint8Array): number {
  const n = ((mask[0] << 24) | (mask[1] << 16) | (mask[2] << 8) | mask[3]) >>> 0;
  const prefix = Math.clz32(~n >>> 0);
  return prefixMask(prefix).every((b, i) => b === mask[i]) ? prefix : -1;
}

export function ipToNumber(ip: Uint8Array): number {
  return ((ip[0] << 24) | (ip[1] << 16) | (ip[2] << 8) | ip[3]) >>> 0;
}

export function numberToIP(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

/** The network of address/prefix, as text: 10.244.1.5/24 -> "10.244.1.0/24". */
export function networkOf(ip: string, prefix: number): string {
  const n = ipToNumber(parseIPv4(ip)) & ipToNumber(prefixMask(prefix));
  return `${formatIPv4(numberToIP(n >>> 0))}/${prefix}`;
}

/** The address after `ip` (KubeVirt pkg/network/netmachinery/ip.go: NextIP). */
export function nextIP(ip: string): string {
  return formatIPv4(numberToIP((ipToNumber(parseIPv4(ip)) + 1) >>> 0));
}

/** Go's net.IP.IsGlobalUnicast for IPv4: not unspecified, loopback, link-local, multicast or broadcast. */
export function isGlobalUnicast(ip: string): boolean {
  const b = parseIPv4(ip);
  if (b[0] === 0 || b[0] === 127 || b[0] >= 224) return false;
  return !(b[0] === 169 && b[1] === 254);
}

/** "02:00:00:00:00:00" -> 6 bytes; throws a one-line error for anything else. */
export function parseMAC(text: string): Uint8Array {
  if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(text)) {
    throw new Error(`not a MAC address: "${text}" (expected six hex pairs, like 02:42:0a:f4:01:05)`);
  }
  return Uint8Array.from(text.split(":").map((h) => parseInt(h, 16)));
}

export function formatMAC(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(":");
}

/**
 * One IPv4 route as KubeVirt hands it to the DHCP server (vishvananda/netlink Route): `dst` "10.128.0.0/14",
 * or null for the default route (Go: Dst == nil); `gw` the next hop, or null for a directly connected route.
 */
export interface Route {
  dst: string | null;
  gw: string | null;
}

/** "10.128.0.0/14" -> the address and prefix length; throws a one-line error for anything else. */
export function parseCIDR(text: string): { ip: string; prefix: number } {
  const [ip, p, extra] = text.split("/");
  const prefix = Number(p);
  if (extra !== undefined || !/^\d{1,2}$/.test(p ?? "") || prefix > 32) {
    throw new Error(`not an IPv4 prefix: "${text}" (expected address/length, like 10.128.0.0/14)`);
  }
  parseIPv4(ip);
  return { ip, prefix };
}
