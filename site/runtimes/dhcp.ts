// The `dhcp` runtime: KubeVirt's single-client DHCP server (src/kubevirt/dhcp) configured by a few lines, and
// a client that plays the VM: DISCOVER, OFFER, REQUEST, ACK, each packet dissected field by field.
//   client 10.244.1.5/24              the VM's address and prefix (required)
//   server 169.254.75.10              the address the server speaks from (this default: the bridge binding)
//   router 10.244.1.1                 dns 10.96.0.10 ...        search default.svc.cluster.local ...
//   route 10.128.0.0/14 10.244.1.1    (repeatable; classless static routes, option 121)
//   mtu 1400                          hostname vmi               mac 02:00:00:00:00:01 (the VM's MAC)
import { DHCPHandler, serve, type Peer } from "../../src/kubevirt/dhcp/server.ts";
import { dissect } from "../../src/kubevirt/dhcp/dissect.ts";
import { infiniteLease, prepareDHCPOptions } from "../../src/kubevirt/dhcp/options.ts";
import { Field, MessageType, Option, RequestPacket } from "../../src/kubevirt/dhcp/packet.ts";
import { parseCIDR, parseIPv4, parseMAC, prefixMask, type Route } from "../../src/kubevirt/ip.ts";
import { GuestError, escapeHtml, type Runtime, type Session } from "../runtime.ts";

interface Settings {
  client?: { ip: string; prefix: number };
  server: string;
  router: string | null;
  dns: string[];
  search: string[];
  routes: Route[];
  mtu: number;
  hostname: string;
  mac: Uint8Array;
}

const KEYS = ["client", "server", "router", "dns", "search", "route", "mtu", "hostname", "mac"];

function parse(source: string, session: Session): Settings {
  const s: Settings = { server: "169.254.75.10", router: null, dns: [], search: [], routes: [], mtu: 1500, hostname: "vmi", mac: parseMAC("02:00:00:00:00:01") };
  source.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) return;
    session.step();
    const [key, ...args] = line.split(/\s+/);
    try {
      if (key === "client") s.client = parseCIDR(args[0] ?? "");
      else if (key === "server") parseIPv4((s.server = args[0] ?? ""));
      else if (key === "router") parseIPv4((s.router = args[0] ?? ""));
      else if (key === "dns") {
        args.forEach((ip) => parseIPv4(ip));
        s.dns.push(...args);
      }
      else if (key === "search") s.search.push(...args);
      else if (key === "route") {
        const dst = parseCIDR(args[0] ?? "");
        if (args[1]) parseIPv4(args[1]);
        s.routes.push({ dst: `${dst.ip}/${dst.prefix}`, gw: args[1] ?? null });
      } else if (key === "mtu") {
        s.mtu = Number(args[0]);
        if (!Number.isInteger(s.mtu) || s.mtu < 68 || s.mtu > 65535) throw new Error(`mtu ${args[0]}: expected a whole number from 68 to 65535`);
      } else if (key === "hostname") s.hostname = args.join(" ");
      else if (key === "mac") s.mac = parseMAC(args[0] ?? "");
      else throw new Error(`unknown setting '${key}' (settings: ${KEYS.join(", ")})`);
    } catch (e) {
      throw new GuestError(`line ${i + 1}: ${(e as Error).message}`);
    }
  });
  return s;
}

function table(title: string, packet: Uint8Array, folded: boolean): { title: string; html: string; folded: boolean } {
  const hex = (b: Uint8Array) => (b.length > 4 && b.every((x) => x === 0) ? `00 × ${b.length}` : Array.from(b.subarray(0, 12), (x) => x.toString(16).padStart(2, "0")).join(" ") + (b.length > 12 ? ` … (${b.length} bytes)` : ""));
  const rows = dissect(packet).map((r) => `<tr><td>${r.offset}</td><td><code>${escapeHtml(hex(r.bytes))}</code></td><td>${escapeHtml(r.field)}</td><td>${escapeHtml(r.meaning)}</td></tr>`);
  return { title, folded, html: `<table class="dhcp"><tr><th>offset</th><th>bytes</th><th>field</th><th>meaning</th></tr>${rows.join("")}</table>` };
}

const dhcp: Runtime = {
  language: "text",
  steps: 1_000,
  run(source, session) {
    const s = parse(source, session);
    if (!s.client) throw new GuestError("no client address: add a line such as 'client 10.244.1.5/24'");
    const options = prepareDHCPOptions(prefixMask(s.client.prefix), s.router, s.dns, s.routes.length ? s.routes : null, s.search, s.mtu, s.hostname);
    const handler = new DHCPHandler(s.server, s.client.ip, s.mac, infiniteLease, options);
    const vm: Peer = { address: "0.0.0.0", port: 68 };
    const xid = Uint8Array.of(0x5e, 0xed, 0x00, 0x01);
    const exchange = (name: string, request: Uint8Array) => {
      session.step();
      session.view(table(`${name} (the VM)`, request, true));
      const outcome = serve(handler, request, vm);
      session.print(`${outcome.note}\n`);
      if (outcome.reply === null) throw new GuestError(`the server did not answer the ${name}`);
      session.view(table(`${(MessageType[outcome.reply[Field.options + 2]] ?? "reply").toUpperCase()} (the server)`, outcome.reply, false));
      return outcome.reply;
    };
    exchange("DISCOVER", RequestPacket(MessageType.Discover, s.mac, xid, false));
    exchange("REQUEST", RequestPacket(MessageType.Request, s.mac, xid, false, [[Option.RequestedIPAddress, parseIPv4(s.client.ip)], [Option.ServerIdentifier, parseIPv4(s.server)]]));
  },
};

export default dhcp;
