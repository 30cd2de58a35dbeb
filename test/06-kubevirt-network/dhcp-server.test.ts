// The DHCP server, packet by packet: the reply layout byte for byte (RFC 2131 figure 1, krolaw/dhcp4
// ReplyPacket as KubeVirt uses it), who gets answered and where, and 100,000 malformed and random packets.
import { createSocket } from "node:dgram";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { DHCPHandler, serve, SingleClientDHCPServer, type DHCPConfig } from "../../src/kubevirt/dhcp/server.ts";
import { infiniteLease, prepareDHCPOptions } from "../../src/kubevirt/dhcp/options.ts";
import { Field, MessageType, Option, ParseOptions, RequestPacket } from "../../src/kubevirt/dhcp/packet.ts";
import { parseMAC, prefixMask } from "../../src/kubevirt/ip.ts";

const vmMAC = parseMAC("0a:58:0a:f4:01:05");
const config: DHCPConfig = {
  clientMAC: vmMAC,
  clientIP: "10.244.1.5",
  clientMask: prefixMask(24),
  serverIP: "169.254.75.10",
  routerIP: "10.244.1.1",
  dnsIPs: ["10.96.0.10"],
  routes: [{ dst: null, gw: "10.244.1.1" }],
  searchDomains: ["svc.cluster.local", "cluster.local"],
  mtu: 1400,
  hostname: "vmi",
};
const handlerFor = (c: DHCPConfig) =>
  new DHCPHandler(c.serverIP, c.clientIP, c.clientMAC, infiniteLease, prepareDHCPOptions(c.clientMask, c.routerIP, c.dnsIPs, c.routes, c.searchDomains, c.mtu, c.hostname));
const handler = handlerFor(config);
const xid = Uint8Array.of(0x3d, 0xc9, 0x0b, 0x39);
const fromNowhere = { address: "0.0.0.0", port: 68 };
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const labels = (d: string) => [...d.split(".").flatMap((l) => [l.length, ...ascii(l)]), 0];

describe("the OFFER for a DISCOVER, byte for byte", () => {
  const outcome = serve(handler, RequestPacket(MessageType.Discover, vmMAC, xid, false), fromNowhere);
  const reply = outcome.reply!;

  test("the BOOTP header: op 2, Ethernet, xid echoed, yiaddr the pod IP, chaddr the VM's MAC, the cookie", () => {
    const header = new Uint8Array(240);
    header.set([2, 1, 6, 0], 0);
    header.set(xid, Field.xid);
    header.set([10, 244, 1, 5], Field.yiaddr);
    header.set(vmMAC, Field.chaddr);
    header.set([99, 130, 83, 99], Field.cookie);
    expect(reply.subarray(0, 240)).toEqual(header);
  });

  test("the options: 53, 54, 51 first (ReplyPacket), then KubeVirt's, by code, then End", () => {
    const search = [...labels("svc.cluster.local"), ...labels("cluster.local")];
    const options = [
      [53, 1, 2],
      [54, 4, 169, 254, 75, 10],
      [51, 4, 0x05, 0x25, 0x0a, 0x80], // 999 days = 86,313,600 s
      [1, 4, 255, 255, 255, 0],
      [3, 4, 10, 244, 1, 1],
      [6, 4, 10, 96, 0, 10],
      [12, 3, ...ascii("vmi")],
      [15, 17, ...ascii("svc.cluster.local")], // the longest search domain
      [26, 2, 0x05, 0x78], // 1400
      [119, search.length, ...search],
      [121, 5, 0, 10, 244, 1, 1], // 0.0.0.0/0 via 10.244.1.1
      [255],
    ].flat();
    expect(Array.from(reply.subarray(240))).toEqual(options);
    expect(reply.length, "longer than the 272-byte minimum: no padding").toBe(240 + options.length);
  });

  test("goes to 255.255.255.255:68, since the client has no address yet", () => {
    expect(outcome.reply && outcome.to).toEqual({ address: "255.255.255.255", port: 68 });
  });
});

describe("who is answered", () => {
  test("REQUEST gets ACK with the same options", () => {
    const offer = serve(handler, RequestPacket(MessageType.Discover, vmMAC, xid, false), fromNowhere).reply!;
    const ack = serve(handler, RequestPacket(MessageType.Request, vmMAC, xid, false), fromNowhere).reply!;
    expect(ParseOptions(ack).get(Option.DHCPMessageType)).toEqual(Uint8Array.of(MessageType.ACK));
    expect(ack.subarray(241 + 2)).toEqual(offer.subarray(241 + 2));
  });
  test.each([MessageType.Decline, MessageType.Release, MessageType.Inform, MessageType.Offer, MessageType.ACK, MessageType.NAK])("message type %i is ignored", (t) => {
    expect(serve(handler, RequestPacket(t, vmMAC, xid, false), fromNowhere).reply).toBeNull();
  });
  test("another MAC is ignored", () => {
    const outcome = serve(handler, RequestPacket(MessageType.Discover, parseMAC("0a:58:0a:f4:01:06"), xid, false), fromNowhere);
    expect(outcome).toEqual({ reply: null, note: "Discover from 0a:58:0a:f4:01:06 xid 0x3dc90b39: ignored" });
  });
  test("masquerade's server has no MAC and answers anyone", () => {
    const any = handlerFor({ ...config, clientMAC: null, clientIP: "10.0.2.2", serverIP: "10.0.2.1" });
    expect(serve(any, RequestPacket(MessageType.Discover, parseMAC("52:54:00:12:34:56"), xid, false), fromNowhere).reply).not.toBeNull();
  });
  test("a client with an address is answered at its address, unless it asks for broadcast", () => {
    const renewing = { address: "10.244.1.5", port: 68 };
    expect(serve(handler, RequestPacket(MessageType.Request, vmMAC, xid, false), renewing)).toMatchObject({ to: renewing });
    expect(serve(handler, RequestPacket(MessageType.Request, vmMAC, xid, true), renewing)).toMatchObject({ to: { address: "255.255.255.255", port: 68 } });
  });
  test("short packets, hlen over 16, and packets without a message type are dropped before the handler", () => {
    const good = RequestPacket(MessageType.Discover, vmMAC, xid, false);
    expect(serve(handler, good.subarray(0, 239), fromNowhere).note).toBe("ignored: 239 bytes is too small to be DHCP");
    const wideHlen = Uint8Array.from(good);
    wideHlen[Field.hlen] = 17;
    expect(serve(handler, wideHlen, fromNowhere).note).toBe("ignored: hlen 17 is over 16");
    const noType = Uint8Array.from(good);
    noType[240] = Option.Pad;
    expect(serve(handler, noType, fromNowhere).note).toMatch(/^ignored: no message type/);
  });
});

describe("bad input", () => {
  test("100,000 malformed and random packets: the server never throws and never answers them", { timeout: 120_000 }, () => {
    const other = fc.uint8Array({ minLength: 6, maxLength: 6 }).filter((m) => !m.every((b, i) => b === vmMAC[i]));
    const packet = fc.oneof(
      // random bytes of any length
      fc.uint8Array({ maxLength: 700 }),
      // a well-formed request from another MAC, any type
      fc.tuple(fc.integer({ min: 0, max: 255 }), other, fc.uint8Array({ minLength: 4, maxLength: 4 })).map(([t, mac, x]) => RequestPacket(t, mac, x, false)),
      // our VM's request with random bytes overwritten and cut at a random length, and no valid type left
      fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.nat(), fc.integer({ min: 0, max: 400 })).map(([junk, at, cut]) => {
        const p = RequestPacket(MessageType.Discover, vmMAC, xid, false);
        p.set(junk.subarray(0, Math.max(0, p.length - (at % p.length))), at % p.length);
        p[242] = [0, 9, 200, 255][at % 4]; // the message type's value: never DISCOVER or REQUEST
        return p.subarray(0, cut);
      }),
    );
    fc.assert(
      fc.property(packet, fc.boolean(), (p, fromZero) => {
        const outcome = serve(handler, p, fromZero ? fromNowhere : { address: "10.244.1.5", port: 68 });
        return outcome.reply === null;
      }),
      { numRuns: 100_000, seed: 2131 },
    );
  });

  test("over UDP: 2,000 garbage datagrams, then the VM's DISCOVER still gets its OFFER", { timeout: 60_000 }, async () => {
    const log: string[] = [];
    const server = await SingleClientDHCPServer(config, { address: "127.0.0.1", port: 0, log: (l) => log.push(l) });
    const client = createSocket("udp4");
    try {
      await new Promise<void>((done) => client.bind(0, "127.0.0.1", done));
      const garbage = fc.sample(fc.uint8Array({ maxLength: 600 }), { numRuns: 2000, seed: 3442 });
      const answers: Buffer[] = [];
      client.on("message", (m) => answers.push(m));
      // In batches of 50, each read by the server before the next: more at once would overflow the
      // socket's receive buffer, and the kernel would drop datagrams before the server ever saw them.
      for (let i = 0; i < garbage.length; i += 50) {
        for (const g of garbage.slice(i, i + 50)) await new Promise<void>((done) => client.send(g, server.port, "127.0.0.1", () => done()));
        while (log.length < Math.min(i + 50, garbage.length)) await new Promise((done) => setImmediate(done));
      }
      expect(answers.length, "answers to garbage").toBe(0);
      const offer = new Promise<Buffer>((done) => client.once("message", done));
      client.send(RequestPacket(MessageType.Discover, vmMAC, xid, false), server.port, "127.0.0.1");
      const reply = await offer;
      expect(ParseOptions(new Uint8Array(reply)).get(Option.DHCPMessageType)).toEqual(Uint8Array.of(MessageType.Offer));
      expect(log.filter((l) => l.startsWith("ignored")).length).toBe(2000);
    } finally {
      client.close();
      await server.close();
    }
  });
});
