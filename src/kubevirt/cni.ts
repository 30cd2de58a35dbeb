// What a CNI plugin leaves behind before KubeVirt starts: a "node" namespace and a "pod" namespace joined by a
// veth, the pod's eth0 with its address, MTU and default route, and the pod's resolv.conf. The same pod, in the
// in-memory model (here) and in real namespaces (the real exchange test and the benchmark).
import { addRoute, LinuxNetwork, type Netns } from "./model.ts";

export interface PodFixture {
  podIP: string;
  prefix: number;
  /** The node side of the veth: the pod's gateway. */
  gateway: string;
  podMAC: string;
  mtu: number;
  resolvConf: string;
}

export const examplePod: PodFixture = {
  podIP: "10.244.1.5",
  prefix: 24,
  gateway: "10.244.1.1",
  podMAC: "0a:58:0a:f4:01:05",
  mtu: 1400,
  resolvConf: "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n",
};

/** The pod of `fixture` in a fresh model: namespaces "node" and "pod". */
export function modelPod(fixture: PodFixture = examplePod, withIPv4 = true): { net: LinuxNetwork; node: Netns; pod: Netns } {
  const net = new LinuxNetwork();
  const node = net.netns("node");
  const pod = net.netns("pod");
  net.veth(node, "veth-pod", pod, "eth0", fixture.mtu);
  pod.find("eth0").mac = fixture.podMAC;
  for (const [ns, dev, ip] of [[node, "veth-pod", fixture.gateway], [pod, "eth0", fixture.podIP]] as const) {
    ns.find("lo").up = true;
    ns.find(dev).up = true;
    if (withIPv4) ns.addresses.push({ index: ns.find(dev).index, ip, prefix: fixture.prefix });
  }
  if (withIPv4) addRoute(pod, "default", fixture.gateway, "eth0");
  pod.resolvConf = fixture.resolvConf;
  return { net, node, pod };
}
