// Pictures of a pod's network namespace, drawn from a NetworkStatus (the in-memory model's, or a real one):
// bridges on top, their ports below them, the other links at the bottom, each with kind, MAC, MTU, state and
// addresses. The chapter's before-and-after figures are generated with it (cli/figures.ts).
import type { Link, NetworkStatus } from "./driver.ts";

const W = 230;
const H = 96;
const GAP = 24;
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function box(l: Link, status: NetworkStatus, x: number, y: number, note: string): string {
  const addrs = status.addresses.filter((a) => a.dev === l.name).map((a) => `${a.ip}/${a.prefix}`);
  const fill = { bridge: "#e8f0fe", veth: "#e6f4ea", tap: "#fef7e0", dummy: "#f3e8fd" }[l.kind as string] ?? "#f1f3f4";
  const lines = [
    `${l.kind}, mtu ${l.mtu}, ${l.up ? "up" : "down"}${l.learning === false ? ", learning off" : ""}`,
    `MAC ${l.mac}`,
    addrs.length ? addrs.join(" ") : "no IPv4 address",
    note,
  ].filter(Boolean);
  return [
    `<rect x="${x}" y="${y}" width="${W}" height="${H}" rx="8" fill="${fill}" stroke="#5f6368"/>`,
    `<text x="${x + 10}" y="${y + 20}" font-weight="bold">${esc(l.name)}</text>`,
    ...lines.map((t, i) => `<text x="${x + 10}" y="${y + 38 + i * 16}" font-size="12">${esc(t)}</text>`),
  ].join("\n");
}

/** `notes` adds a line to a link's box by name ("to the node", "to the VM"). */
export function namespaceSVG(status: NetworkStatus, title: string, notes: Record<string, string> = {}): string {
  const links = status.links.filter((l) => l.kind !== "loopback");
  const bridges = links.filter((l) => l.kind === "bridge");
  const ports = (b: Link) => links.filter((l) => l.master === b.name);
  const others = links.filter((l) => l.kind !== "bridge" && !l.master);
  const columns = Math.max(1, others.length, bridges.reduce((n, b) => n + Math.max(1, ports(b).length), 0));
  const width = columns * (W + GAP) + GAP;
  const parts: string[] = [];
  let y = 50;
  let x = GAP;
  for (const b of bridges) {
    const ps = ports(b);
    const span = Math.max(1, ps.length) * (W + GAP) - GAP;
    const bx = x + (span - W) / 2;
    parts.push(box(b, status, bx, y, notes[b.name] ?? ""));
    ps.forEach((p, i) => {
      const px = x + i * (W + GAP);
      parts.push(`<line x1="${bx + W / 2}" y1="${y + H}" x2="${px + W / 2}" y2="${y + H + 40}" stroke="#5f6368" stroke-width="2"/>`);
      parts.push(box(p, status, px, y + H + 40, notes[p.name] ?? ""));
    });
    x += span + GAP;
  }
  if (bridges.length) y += 2 * H + 40 + GAP;
  others.forEach((l, i) => parts.push(box(l, status, GAP + i * (W + GAP), y, notes[l.name] ?? "")));
  if (others.length) y += H + GAP;
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="14">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${GAP}" y="28" font-size="16" font-weight="bold">${esc(title)}</text>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}
