// The pod of cni.ts in real network namespaces, for the real exchange test and the benchmark: "node", "pod"
// and "vm" namespaces with unique names per run, and the removal of everything they hold, whatever happened.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { PodFixture } from "./cni.ts";
import { run } from "./real-driver.ts";

export interface RealScene {
  node: string;
  pod: string;
  vm: string;
  /** Removes the namespaces (and with them every link in them) and their /etc/netns folders. */
  remove(): void;
}

/** Creates the three namespaces, the node-pod veth, the pod's address, MTU, MAC, default route and resolv.conf. */
export function realPod(fixture: PodFixture, tag: string): RealScene {
  const id = `vmfs-${tag}-${process.pid.toString(36)}${randomBytes(2).toString("hex")}`;
  const scene: RealScene = {
    node: `${id}-node`,
    pod: `${id}-pod`,
    vm: `${id}-vm`,
    remove() {
      for (const ns of [scene.node, scene.pod, scene.vm]) {
        try {
          run("ip", ["netns", "del", ns]);
        } catch {
          // not created
        }
        rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
      }
    },
  };
  try {
    for (const ns of [scene.node, scene.pod, scene.vm]) {
      run("ip", ["netns", "add", ns]);
      run("ip", ["-n", ns, "link", "set", "lo", "up"]);
    }
    const mtu = String(fixture.mtu);
    run("ip", ["-n", scene.node, "link", "add", "veth-pod", "mtu", mtu, "type", "veth", "peer", "name", "eth0", "netns", scene.pod]);
    run("ip", ["-n", scene.pod, "link", "set", "eth0", "address", fixture.podMAC, "mtu", mtu]);
    run("ip", ["-n", scene.node, "addr", "add", `${fixture.gateway}/${fixture.prefix}`, "dev", "veth-pod"]);
    run("ip", ["-n", scene.pod, "addr", "add", `${fixture.podIP}/${fixture.prefix}`, "dev", "eth0"]);
    run("ip", ["-n", scene.node, "link", "set", "veth-pod", "up"]);
    run("ip", ["-n", scene.pod, "link", "set", "eth0", "up"]);
    run("ip", ["-n", scene.pod, "route", "add", "default", "via", fixture.gateway, "dev", "eth0"]);
    // `ip netns exec` shows /etc/netns/NAME/resolv.conf as /etc/resolv.conf: the pod's own, never the machine's.
    mkdirSync(`/etc/netns/${scene.pod}`, { recursive: true });
    writeFileSync(`/etc/netns/${scene.pod}/resolv.conf`, fixture.resolvConf);
    mkdirSync(`/etc/netns/${scene.vm}`, { recursive: true });
  } catch (e) {
    scene.remove();
    throw e;
  }
  return scene;
}
