// The chapter's generated material: the before-and-after pictures of the pod (from the in-memory model) and
// the byte-by-byte tables of a real DHCP exchange (from packets captured by `npm run kubevirt-figures -- --capture`).
// A test regenerates them and compares, so the chapter cannot drift from the code.
import { readFileSync } from "node:fs";
import { modelPod } from "./cni.ts";
import { dissectionTable } from "./dhcp/dissect.ts";
import { MemoryDriver } from "./model.ts";
import { setupPodNetwork } from "./netpod.ts";
import { namespaceSVG } from "./svg.ts";

export const CHAPTER = "chapters/06-kubevirt-network";

/** The captured exchange: each packet as hex, as dhcpd --hex printed it. */
export interface Capture {
  discover: string;
  offer: string;
  request: string;
  ack: string;
}

export function pictures(): Record<string, string> {
  const notes = { eth0: "veth to the node", "eth0-nic": "veth to the node", tap0: "to the VM (QEMU opens it)" };
  const before = modelPod().pod;
  const bridge = modelPod().pod;
  setupPodNetwork(new MemoryDriver(bridge), "bridge", { hostname: "vmi" });
  const masquerade = modelPod().pod;
  setupPodNetwork(new MemoryDriver(masquerade), "masquerade", { hostname: "vmi" });
  return {
    [`${CHAPTER}/pod-before.svg`]: namespaceSVG(before.status(), "The pod as the CNI plugin leaves it", notes),
    [`${CHAPTER}/pod-bridge.svg`]: namespaceSVG(bridge.status(), "After the bridge binding", { ...notes, eth0: "dummy: keeps the pod IP and MAC" }),
    [`${CHAPTER}/pod-masquerade.svg`]: namespaceSVG(masquerade.status(), "After the masquerade binding", notes),
  };
}

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));

/** The README with its generated sections (between <!-- generated:NAME --> and <!-- /generated -->) refreshed. */
export function chapterWithTables(readme: string, capture: Capture): string {
  return readme.replace(/(<!-- generated:(\w+) -->\n)[\s\S]*?(<!-- \/generated -->)/g, (_, open: string, name: string, close: string) => {
    const packet = capture[name as keyof Capture];
    if (!packet) throw new Error(`no captured packet "${name}" for the chapter's generated section`);
    return `${open}${dissectionTable(bytes(packet))}\n${close}`;
  });
}

export function readCapture(): Capture {
  return JSON.parse(readFileSync(`${CHAPTER}/exchange.json`, "utf8")) as Capture;
}
