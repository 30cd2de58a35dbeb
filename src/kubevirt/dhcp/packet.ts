// The DHCP wire format (RFC 2131 section 2, RFC 2132): a fixed 236-byte BOOTP header, the magic cookie
// 99.130.83.99, then options as code, length, value, ended by option 255 and padded to the BOOTP minimum.
// KubeVirt v1.9.0 does not write this itself: it uses github.com/krolaw/dhcp4 (vendor/.../packet.go), whose
// names and layout this file follows: Packet, NewPacket, AddOption, ParseOptions, ReplyPacket, PadToMinSize.

// #region layout
/** Offsets of the BOOTP header fields (RFC 2131 figure 1). */
export const Field = {
  op: 0, // 1 BOOTREQUEST, 2 BOOTREPLY
  htype: 1, // hardware type, 1 = Ethernet
  hlen: 2, // hardware address length, 6 for Ethernet
  hops: 3,
  xid: 4, // 4 bytes: transaction id, chosen by the client, echoed by the server
  secs: 8, // 2 bytes
  flags: 10, // 2 bytes: the top bit is BROADCAST
  ciaddr: 12, // client IP address (when it already has one)
  yiaddr: 16, // "your" IP address: what the server gives
  siaddr: 20, // next server (TFTP)
  giaddr: 24, // relay agent
  chaddr: 28, // 16 bytes: client hardware address
  sname: 44, // 64 bytes: server host name
  file: 108, // 128 bytes: boot file name
  cookie: 236, // 4 bytes: 99, 130, 83, 99
  options: 240,
} as const;

export const MAGIC_COOKIE = Uint8Array.of(99, 130, 83, 99);
/** krolaw/dhcp4 PadToMinSize pads replies to 272 bytes (300-byte BOOTP minimum less the 28-byte IP/UDP headers). */
export const MIN_PACKET_SIZE = 272;
// #endregion layout

export const BootRequest = 1;
export const BootReply = 2;

/** Option 53 values (RFC 2132 section 9.6). */
export enum MessageType {
  Discover = 1,
  Offer = 2,
  Request = 3,
  Decline = 4,
  ACK = 5,
  NAK = 6,
  Release = 7,
  Inform = 8,
}

/** The option codes this chapter uses (RFC 2132, RFC 3397, RFC 3442). */
export const Option = {
  Pad: 0,
  SubnetMask: 1,
  Router: 3,
  DomainNameServer: 6,
  HostName: 12,
  DomainName: 15,
  InterfaceMTU: 26,
  RequestedIPAddress: 50,
  IPAddressLeaseTime: 51,
  DHCPMessageType: 53,
  ServerIdentifier: 54,
  ParameterRequestList: 55,
  DomainSearch: 119,
  ClasslessRouteFormat: 121,
  End: 255,
} as const;

export type Options = Map<number, Uint8Array>;

/** krolaw/dhcp4 NewPacket: a 241-byte packet with op, htype Ethernet, the cookie and End. */
export function NewPacket(op: number): Uint8Array {
  const p = new Uint8Array(Field.options + 1);
  p[Field.op] = op;
  p[Field.htype] = 1;
  p.set(MAGIC_COOKIE, Field.cookie);
  p[Field.options] = Option.End;
  return p;
}

/** krolaw/dhcp4 AddOption: strips End, appends code, length, value, and a new End. */
export function AddOption(p: Uint8Array, code: number, value: Uint8Array): Uint8Array {
  if (value.length > 255) throw new Error(`option ${code} is ${value.length} bytes long; a DHCP option holds at most 255`);
  const out = new Uint8Array(p.length + 2 + value.length);
  out.set(p.subarray(0, p.length - 1));
  out[p.length - 1] = code;
  out[p.length] = value.length;
  out.set(value, p.length + 1);
  out[out.length - 1] = Option.End;
  return out;
}

/** krolaw/dhcp4 PadToMinSize: zero bytes after End up to 272. */
export function PadToMinSize(p: Uint8Array): Uint8Array {
  if (p.length >= MIN_PACKET_SIZE) return p;
  const out = new Uint8Array(MIN_PACKET_SIZE);
  out.set(p);
  return out;
}

/** krolaw/dhcp4 Packet.CHAddr: hlen bytes of chaddr, at most 16. */
export function CHAddr(p: Uint8Array): Uint8Array {
  return p.subarray(Field.chaddr, Field.chaddr + Math.min(p[Field.hlen], 16));
}

export function Broadcast(p: Uint8Array): boolean {
  return p[Field.flags] > 127;
}

/**
 * krolaw/dhcp4 Packet.ParseOptions: options after the cookie; Pad is skipped, End or a truncated option
 * stops the walk (a later duplicate replaces an earlier one, as in the Go map).
 */
export function ParseOptions(p: Uint8Array): Options {
  const options: Options = new Map();
  let i = Field.options;
  while (p.length - i >= 2 && p[i] !== Option.End) {
    if (p[i] === Option.Pad) {
      i++;
      continue;
    }
    const size = p[i + 1];
    if (p.length - i < 2 + size) break;
    options.set(p[i], p.subarray(i + 2, i + 2 + size));
    i += 2 + size;
  }
  return options;
}

// #region reply-packet
/**
 * krolaw/dhcp4 ReplyPacket: a BOOTREPLY echoing the request's xid, flags, giaddr and chaddr, with yiaddr set,
 * then options 53 (message type), 54 (server identifier), 51 (lease time, when non-zero), then `options`.
 */
export function ReplyPacket(
  req: Uint8Array,
  mt: MessageType,
  serverId: Uint8Array,
  yiaddr: Uint8Array,
  leaseSeconds: number,
  options: [number, Uint8Array][],
): Uint8Array {
  let p = NewPacket(BootReply);
  p.set(req.subarray(Field.xid, Field.xid + 4), Field.xid);
  p.set(req.subarray(Field.flags, Field.flags + 2), Field.flags);
  p.set(yiaddr.subarray(0, 4), Field.yiaddr);
  p.set(req.subarray(Field.giaddr, Field.giaddr + 4), Field.giaddr);
  const chaddr = CHAddr(req);
  p.set(chaddr, Field.chaddr);
  p[Field.hlen] = chaddr.length;
  p = AddOption(p, Option.DHCPMessageType, Uint8Array.of(mt));
  p = AddOption(p, Option.ServerIdentifier, serverId);
  if (leaseSeconds > 0) p = AddOption(p, Option.IPAddressLeaseTime, uint32(leaseSeconds));
  for (const [code, value] of options) p = AddOption(p, code, value);
  return PadToMinSize(p);
}
// #endregion reply-packet

/** krolaw/dhcp4 RequestPacket: what a client sends (our tests and benchmark play the client with it). */
export function RequestPacket(
  mt: MessageType,
  chaddr: Uint8Array,
  xid: Uint8Array,
  broadcast: boolean,
  options: [number, Uint8Array][] = [],
): Uint8Array {
  let p = NewPacket(BootRequest);
  p.set(chaddr, Field.chaddr);
  p[Field.hlen] = chaddr.length;
  p.set(xid, Field.xid);
  if (broadcast) p[Field.flags] = 0x80;
  p = AddOption(p, Option.DHCPMessageType, Uint8Array.of(mt));
  for (const [code, value] of options) p = AddOption(p, code, value);
  return PadToMinSize(p);
}

/** Big-endian 32-bit (krolaw/dhcp4 OptionsLeaseTime). */
export function uint32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
}

export function uint16(n: number): Uint8Array {
  return Uint8Array.of((n >>> 8) & 255, n & 255);
}
