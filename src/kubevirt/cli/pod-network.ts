// npm run pod-network -- --binding bridge|masquerade --netns NAME [--dry-run] [--port 8080[/tcp]]... [--hostname H]
// npm run pod-network -- --binding bridge|masquerade --example [--dry-run]
// Prints the plan for the pod's network (the desired state, as a table) and applies it through the real
// driver in namespace NAME (or the in-memory model of an example pod), then prints how to start the DHCP
// server and the libvirt <interface> element for the VM.
import { parseArgs } from "node:util";
import { fail, parseOptions } from "../../course/cli/cli.ts";
import { examplePod, modelPod } from "../cni.ts";
import { domainInterfaceXML } from "../domain-xml.ts";
import type { NetworkDriver } from "../driver.ts";
import { MemoryDriver } from "../model.ts";
import { formatPlan, planPodNetwork, setupPodNetwork } from "../netpod.ts";
import type { Port } from "../nmstate.ts";
import { RealDriver } from "../real-driver.ts";
import { dhcpdArgs } from "./dhcpd-args.ts";
import { formatMAC } from "../ip.ts";

const { values } = parseOptions(() =>
  parseArgs({
    options: {
      binding: { type: "string" },
      netns: { type: "string" },
      example: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      port: { type: "string", multiple: true },
      hostname: { type: "string" },
    },
  }),
);

const binding = values.binding;
if (binding !== "bridge" && binding !== "masquerade") fail(`--binding must be bridge or masquerade${binding ? `, not "${binding}"` : ""}`);
if (!values.netns && !values.example) fail("--netns NAME is required (or --example for the in-memory example pod)");

const ports = (values.port ?? []).map((p): Port => {
  const m = p.match(/^(\d{1,5})(?:\/(tcp|udp))?$/i);
  if (!m || Number(m[1]) > 65535) fail(`--port ${p}: expected a port number, optionally with /tcp or /udp (like 8080/tcp)`);
  return { port: Number(m[1]), protocol: m[2] ?? "tcp" };
});
if (ports.length > 0 && binding !== "masquerade") fail("--port forwards ports through NAT: it needs --binding masquerade");

let driver: NetworkDriver;
try {
  driver = values.example ? new MemoryDriver(modelPod().pod) : new RealDriver(values.netns!);
} catch (e) {
  fail((e as Error).message);
}

const options = { ports, hostname: values.hostname };
try {
  const plan = planPodNetwork(driver.read(), driver.readResolvConf(), binding, options);
  console.log(formatPlan(plan, driver));
  if (!values["dry-run"]) {
    const mac = driver.read().links.find((l) => l.name === "eth0")?.mac ?? examplePod.podMAC;
    setupPodNetwork(driver, binding, options);
    console.log(`\napplied in ${driver.where}`);
    if (plan.dhcp) console.log(`\nstart the DHCP server:\n  npm run -s dhcpd -- ${dhcpdArgs(plan.dhcp, values.netns ?? "NAME", "k6t-eth0").join(" ")}`);
    console.log(`\nthe VM's interface (libvirt domain XML):\n${domainInterfaceXML({ name: "default", mac: plan.dhcp?.clientMAC ? formatMAC(plan.dhcp.clientMAC) : mac, mtu: plan.dhcp?.mtu ?? 1500 })}`);
  }
} catch (e) {
  fail((e as Error).message, 1);
}
