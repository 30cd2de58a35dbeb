// npm run bench -- dhcp
// 1. Full DISCOVER/OFFER/REQUEST/ACK exchanges per second against our server on loopback.
// 2. Time to lease for busybox udhcpc in the "VM" namespace of the real exchange (masquerade binding, so both
//    servers can serve 10.0.2.2 from k6t-eth0's 10.0.2.1/24): against our server (the dhcpd command), then
//    against dnsmasq (Debian dnsmasq-base) serving the same address, in the same run.
import { spawn, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, report, type Row } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";
import { examplePod } from "../../src/kubevirt/cni.ts";
import { realPod } from "../../src/kubevirt/cni-real.ts";
import { dhcpdArgs } from "../../src/kubevirt/cli/dhcpd-args.ts";
import { MessageType, Option, ParseOptions, RequestPacket } from "../../src/kubevirt/dhcp/packet.ts";
import { SingleClientDHCPServer, type DHCPConfig } from "../../src/kubevirt/dhcp/server.ts";
import { startDhcpd, stop, udhcpc } from "../../src/kubevirt/exchange.ts";
import { parseMAC, prefixMask } from "../../src/kubevirt/ip.ts";
import { RealDriver, run } from "../../src/kubevirt/real-driver.ts";
import { setupPodNetwork } from "../../src/kubevirt/netpod.ts";

const rows: Row[] = [];
const mac = parseMAC(examplePod.podMAC);

async function loopback(exchanges: number): Promise<number> {
  const config: DHCPConfig = { clientMAC: mac, clientIP: examplePod.podIP, clientMask: prefixMask(24), serverIP: "169.254.75.10", routerIP: examplePod.gateway, dnsIPs: ["10.96.0.10"], routes: [{ dst: null, gw: examplePod.gateway }], searchDomains: ["svc.cluster.local", "cluster.local"], mtu: 1400, hostname: "vmi" };
  const server = await SingleClientDHCPServer(config, { address: "127.0.0.1", port: 0 });
  const client = createSocket("udp4");
  await new Promise<void>((done) => client.bind(0, "127.0.0.1", done));
  const ask = (type: MessageType, xid: Uint8Array) =>
    new Promise<Buffer>((done) => {
      client.once("message", done);
      client.send(RequestPacket(type, mac, xid, false), server.port, "127.0.0.1");
    });
  const t = process.hrtime.bigint();
  for (let i = 0; i < exchanges; i++) {
    const xid = Uint8Array.of(i >>> 24, (i >>> 16) & 255, (i >>> 8) & 255, i & 255);
    const offer = await ask(MessageType.Discover, xid);
    const ack = await ask(MessageType.Request, xid);
    if (ParseOptions(new Uint8Array(offer)).get(Option.DHCPMessageType)?.[0] !== MessageType.Offer || new Uint8Array(ack)[242] !== MessageType.ACK) throw new Error("bad answer");
  }
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  client.close();
  await server.close();
  return seconds;
}

const n = 2000;
const seconds = await loopback(n);
console.log(`loopback: ${n} full exchanges in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(0)} exchanges/s`);
rows.push({ case: "one DISCOVER/OFFER/REQUEST/ACK exchange on loopback", ours: seconds / n, peer: "n/a (dnsmasq serves interfaces, not loopback)" });

async function timeToLease(vm: string, dir: string, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = await udhcpc(vm, dir);
    if (r.status !== 0) throw new Error(`udhcpc failed: ${r.stderr.trim()}`);
    samples.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  return median(samples);
}

const missingTool = ["root", "ip", "udhcpc", "dnsmasq"].map((t) => oracle(t as "root")).find((o) => !o.available);
if (missingTool) {
  rows.push({ case: "time to lease, udhcpc in network namespaces", ours: NaN, peer: `skipped: ${missingTool.reason}` });
} else {
  const scene = realPod(examplePod, "bench");
  const dir = mkdtempSync(join(tmpdir(), "vmfs-bench-"));
  let server: ChildProcess | undefined;
  try {
    const plan = setupPodNetwork(new RealDriver(scene.pod, scene.vm), "masquerade", { hostname: "vmi" });
    run("ip", ["-n", scene.vm, "link", "set", "eth0", "address", examplePod.podMAC]);
    const runs = 7;
    server = await startDhcpd(dhcpdArgs(plan.dhcp!, scene.pod, "k6t-eth0"), []);
    const ours = await timeToLease(scene.vm, dir, runs);
    await stop(server);
    server = spawn("ip", ["netns", "exec", scene.pod, "dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--interface=k6t-eth0", "--bind-interfaces",
      "--dhcp-range=10.0.2.2,10.0.2.2,255.255.255.0,infinite", `--dhcp-host=${examplePod.podMAC},10.0.2.2`, "--dhcp-option=option:router,10.0.2.1",
      "--dhcp-option=option:dns-server,10.96.0.10", "--dhcp-option=option:domain-search,default.svc.cluster.local,svc.cluster.local,cluster.local",
      `--dhcp-leasefile=${join(dir, "dnsmasq.leases")}`, "--pid-file=", "--user=root"], { stdio: "ignore" });
    await new Promise((done) => setTimeout(done, 500)); // dnsmasq prints nothing when ready; give it a moment to bind
    const theirs = await timeToLease(scene.vm, dir, runs);
    rows.push({ case: `time to lease, udhcpc in the VM namespace (median of ${runs})`, ours, peer: theirs });
  } finally {
    await stop(server);
    scene.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}

report("DHCP: our SingleClientDHCPServer", "dnsmasq", rows);
