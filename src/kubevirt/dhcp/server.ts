// KubeVirt's DHCP server: one client (the VM), one address (the pod's, or 10.0.2.2 behind masquerade), the
// same options in every answer, a lease of 999 days. KubeVirt v1.9.0 pkg/network/dhcp/server/server.go:
// SingleClientDHCPServer, DHCPHandler.ServeDHCP; the receive loop is krolaw/dhcp4 server.go: Serve.
import { createSocket, type Socket } from "node:dgram";
import { formatIPv4, formatMAC, parseIPv4, type Route } from "../ip.ts";
import { infiniteLease, prepareDHCPOptions } from "./options.ts";
import { Broadcast, CHAddr, Field, MessageType, Option, ParseOptions, ReplyPacket, type Options } from "./packet.ts";

/** What the server is started with (the arguments of KubeVirt's SingleClientDHCPServer, as one record). */
export interface DHCPConfig {
  /** The VM's MAC; null answers any client, as KubeVirt's masquerade binding does (its config has no MAC). */
  clientMAC: Uint8Array | null;
  clientIP: string;
  clientMask: Uint8Array | null;
  /** The address the server speaks from: 169.254.75.10 (bridge) or 10.0.2.1 (masquerade). */
  serverIP: string;
  routerIP: string | null;
  dnsIPs: string[];
  routes: Route[] | null;
  searchDomains: string[];
  mtu: number;
  hostname: string;
}

// #region handler
// KubeVirt v1.9.0 pkg/network/dhcp/server/server.go: DHCPHandler
export class DHCPHandler {
  private readonly serverIP: Uint8Array;
  private readonly clientIP: Uint8Array;
  private readonly order: [number, Uint8Array][];

  constructor(
    serverIP: string,
    clientIP: string,
    private readonly clientMAC: Uint8Array | null,
    private readonly leaseDuration: number,
    options: Options,
  ) {
    this.serverIP = parseIPv4(serverIP);
    this.clientIP = parseIPv4(clientIP);
    // KubeVirt sends all options in Go map order (random); we send them by ascending code.
    this.order = [...options].sort((a, b) => a[0] - b[0]);
  }

  ServeDHCP(p: Uint8Array, msgType: MessageType): Uint8Array | null {
    if (this.clientMAC !== null && this.clientMAC.length !== 0 && !sameBytes(CHAddr(p), this.clientMAC)) {
      return null; // Is not our client
    }
    switch (msgType) {
      case MessageType.Discover:
        return ReplyPacket(p, MessageType.Offer, this.serverIP, this.clientIP, this.leaseDuration, this.order);
      case MessageType.Request:
        return ReplyPacket(p, MessageType.ACK, this.serverIP, this.clientIP, this.leaseDuration, this.order);
      default:
        return null; // Ignored message type
    }
  }
}
// #endregion handler

export interface Peer {
  address: string;
  port: number;
}

/** What one datagram came to: a reply and where to send it, or why there is none. */
export type Outcome = { reply: Uint8Array; to: Peer; note: string } | { reply: null; note: string };

// #region serve
/** One turn of krolaw/dhcp4 Serve: the checks before the handler, and where the answer goes. */
export function serve(handler: DHCPHandler, datagram: Uint8Array, from: Peer): Outcome {
  const req = datagram.subarray(0, 1500); // Serve reads into a 1500-byte buffer
  if (req.length < 240) return { reply: null, note: `ignored: ${req.length} bytes is too small to be DHCP` };
  if (req[Field.hlen] > 16) return { reply: null, note: `ignored: hlen ${req[Field.hlen]} is over 16` };
  const t = ParseOptions(req).get(Option.DHCPMessageType);
  if (t === undefined || t.length !== 1) return { reply: null, note: "ignored: no message type (option 53)" };
  const reqType: MessageType = t[0];
  if (reqType < MessageType.Discover || reqType > MessageType.Inform) {
    return { reply: null, note: `ignored: message type ${reqType} is not 1-8` };
  }
  const what = `${MessageType[reqType]} from ${formatMAC(CHAddr(req))} xid 0x${hex(req.subarray(Field.xid, Field.xid + 4))}`;
  const reply = handler.ServeDHCP(req, reqType);
  if (reply === null) return { reply: null, note: `${what}: ignored` };
  // A client without an address (source 0.0.0.0) or asking for broadcast is answered on 255.255.255.255.
  const to = from.address === "0.0.0.0" || Broadcast(req) ? { address: "255.255.255.255", port: from.port } : from;
  const type = MessageType[reply[Field.options + 2]];
  return { reply, to, note: `${what}: ${type} ${formatIPv4(reply.subarray(Field.yiaddr))} to ${to.address}:${to.port}` };
}
// #endregion serve

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Starts the server on UDP `port` (67) of `address` (0.0.0.0) and calls `log` once per datagram.
 * KubeVirt binds to all addresses and keeps only what arrived on its interface (socket_listener.go:
 * NewUDP4FilterListener, with IP_PKTINFO); Node's dgram cannot see the arrival interface nor pin the
 * reply to one, so the route to 255.255.255.255 decides where broadcast answers leave (see dhcpd.ts).
 */
export function SingleClientDHCPServer(
  config: DHCPConfig,
  {
    address = "0.0.0.0",
    port = 67,
    log = () => {},
    onPacket = () => {},
  }: { address?: string; port?: number; log?: (line: string) => void; onPacket?: (datagram: Uint8Array, reply: Uint8Array | null) => void } = {},
): Promise<RunningServer> {
  const options = prepareDHCPOptions(config.clientMask, config.routerIP, config.dnsIPs, config.routes, config.searchDomains, config.mtu, config.hostname);
  const handler = new DHCPHandler(config.serverIP, config.clientIP, config.clientMAC, infiniteLease, options);
  const socket: Socket = createSocket({ type: "udp4", reuseAddr: true });
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.on("message", (msg, rinfo) => {
      const outcome = serve(handler, msg, { address: rinfo.address, port: rinfo.port });
      log(outcome.note);
      onPacket(msg, outcome.reply);
      if (outcome.reply === null) return;
      socket.send(outcome.reply, outcome.to.port, outcome.to.address, (err) => {
        if (err) log(`send to ${outcome.to.address}:${outcome.to.port} failed: ${err.message}`);
      });
    });
    socket.bind(port, address, () => {
      socket.off("error", reject);
      socket.on("error", (err) => log(`socket error: ${err.message}`));
      socket.setBroadcast(true);
      resolve({ port: socket.address().port, close: () => new Promise((done) => socket.close(() => done())) });
    });
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
