// A DHCP packet, field by field: offset, bytes, name, meaning. The chapter's byte-by-byte tables come from here,
// applied to packets captured from a real exchange between busybox udhcpc and our server.
import { formatIPv4, formatMAC } from "../ip.ts";
import { decodeClasslessRoutes, decodeDomainSearch } from "./decode.ts";
import { Field, MessageType } from "./packet.ts";

export interface Row {
  offset: number;
  bytes: Uint8Array;
  field: string;
  meaning: string;
}

const u = (b: Uint8Array) => b.reduce((n, x) => n * 256 + x, 0);
const text = (b: Uint8Array) => JSON.stringify(String.fromCharCode(...b));
const ips = (b: Uint8Array) => Array.from({ length: b.length / 4 }, (_, i) => formatIPv4(b.subarray(i * 4, i * 4 + 4))).join(", ");

const OPTIONS: Record<number, [string, (v: Uint8Array) => string]> = {
  1: ["subnet mask", ips],
  3: ["router", ips],
  6: ["DNS servers", ips],
  12: ["host name", text],
  15: ["domain name", text],
  26: ["interface MTU", (v) => String(u(v))],
  50: ["requested IP address", ips],
  51: ["lease time", (v) => `${u(v)} s (${u(v) / 86400} days)`],
  53: ["DHCP message type", (v) => `${v[0]} = ${MessageType[v[0]] ?? "?"}`],
  54: ["server identifier", ips],
  55: ["parameter request list", (v) => Array.from(v).join(", ")],
  57: ["maximum DHCP message size", (v) => String(u(v))],
  60: ["vendor class identifier", text],
  61: ["client identifier", (v) => `type ${v[0]}, ${formatMAC(v.subarray(1))}`],
  119: ["domain search (RFC 3397)", (v) => decodeDomainSearch(v).join(", ")],
  121: ["classless static routes (RFC 3442)", (v) => decodeClasslessRoutes(v).map((r) => `${r.dst ?? "0.0.0.0/0"} via ${r.gw ?? "0.0.0.0"}`).join("; ")],
};

export function dissect(p: Uint8Array): Row[] {
  const rows: Row[] = [];
  const row = (offset: number, length: number, field: string, meaning: string) => rows.push({ offset, bytes: p.subarray(offset, offset + length), field, meaning });
  row(Field.op, 1, "op", p[0] === 1 ? "1 = BOOTREQUEST" : "2 = BOOTREPLY");
  row(Field.htype, 1, "htype", p[1] === 1 ? "1 = Ethernet" : String(p[1]));
  row(Field.hlen, 1, "hlen", `${p[2]}-byte hardware address`);
  row(Field.hops, 1, "hops", String(p[3]));
  row(Field.xid, 4, "xid", "transaction id, chosen by the client");
  row(Field.secs, 2, "secs", `${u(p.subarray(8, 10))} s since the client began`);
  row(Field.flags, 2, "flags", p[10] & 0x80 ? "BROADCAST" : "none (unicast is fine)");
  for (const [name, at] of [["ciaddr", Field.ciaddr], ["yiaddr", Field.yiaddr], ["siaddr", Field.siaddr], ["giaddr", Field.giaddr]] as const) {
    row(at, 4, name, formatIPv4(p.subarray(at, at + 4)));
  }
  row(Field.chaddr, 16, "chaddr", `${formatMAC(p.subarray(28, 28 + Math.min(p[2], 16)))} + padding`);
  row(Field.sname, 64, "sname", p[44] ? text(p.subarray(44, 108)) : "empty");
  row(Field.file, 128, "file", p[108] ? text(p.subarray(108, 236)) : "empty");
  row(Field.cookie, 4, "magic cookie", "99.130.83.99: options follow");
  let i = Field.options;
  while (i < p.length) {
    const code = p[i];
    if (code === 0) {
      let j = i;
      while (j < p.length && p[j] === 0) j++;
      row(i, j - i, "pad", `${j - i} zero bytes`);
      i = j;
      continue;
    }
    if (code === 255) {
      row(i, 1, "end", "option 255: end of options");
      i++;
      continue;
    }
    const len = p[i + 1];
    const value = p.subarray(i + 2, i + 2 + len);
    const [name, show] = OPTIONS[code] ?? [`option ${code}`, (v: Uint8Array) => `${v.length} bytes`];
    row(i, 2 + len, `option ${code}, ${name}`, show(value));
    i += 2 + len;
  }
  return rows;
}

/** The rows as a Markdown table; long runs of bytes are shortened. */
export function dissectionTable(p: Uint8Array): string {
  const hexOf = (b: Uint8Array) => {
    const all = Array.from(b, (x) => x.toString(16).padStart(2, "0"));
    if (b.every((x) => x === 0) && b.length > 4) return `00 × ${b.length}`;
    return all.length > 12 ? `${all.slice(0, 12).join(" ")} … (${b.length} bytes)` : all.join(" ");
  };
  const lines = ["| offset | bytes | field | meaning |", "|---:|---|---|---|"];
  for (const r of dissect(p)) lines.push(`| ${r.offset} | \`${hexOf(r.bytes)}\` | ${r.field} | ${r.meaning.replace(/\|/g, "\\|")} |`);
  return lines.join("\n");
}
