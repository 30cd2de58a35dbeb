// npm run dhcpd -- --netns NAME --iface IF --vm-mac MAC|any --ip ADDR/LEN --server-ip IP [--router IP]
//   [--dns IP]... [--search DOMAIN]... [--route DST,GW]... [--mtu N] [--hostname NAME] [--port 67] [--hex]
// Runs KubeVirt's single-client DHCP server inside the pod's network namespace, one log line per datagram
// (with --hex, also the datagram and the reply in hex: "< ..." and "> ...").
// Node's dgram cannot pin a reply to an interface (KubeVirt uses IP_PKTINFO), so the server makes sure the
// namespace routes 255.255.255.255 out of IF for as long as it runs.
import { spawn, spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { fail, parseOptions } from "../../course/cli/cli.ts";
import { hex, SingleClientDHCPServer } from "../dhcp/server.ts";
import { formatMAC } from "../ip.ts";
import { netnsExists } from "../real-driver.ts";
import { dhcpdConfig, type DhcpdOptions } from "./dhcpd-args.ts";

const { values } = parseOptions(() =>
  parseArgs({
    options: {
      netns: { type: "string" },
      iface: { type: "string" },
      "vm-mac": { type: "string" },
      ip: { type: "string" },
      "server-ip": { type: "string" },
      router: { type: "string" },
      dns: { type: "string", multiple: true },
      search: { type: "string", multiple: true },
      route: { type: "string", multiple: true },
      mtu: { type: "string" },
      hostname: { type: "string" },
      port: { type: "string" },
      hex: { type: "boolean", default: false },
    },
  }),
);

let options: DhcpdOptions;
try {
  options = dhcpdConfig(values);
} catch (e) {
  fail(`${(e as Error).message} (see chapters/06-kubevirt-network/README.md for the options)`);
}

const INSIDE = "VMFS_DHCPD_NETNS";

if (options.netns && process.env[INSIDE] !== options.netns) {
  // Enter the namespace: run this same program again under `ip netns exec`.
  if (process.getuid?.() !== 0) fail(`entering network namespace ${options.netns} needs root: run as root`);
  if (!netnsExists(options.netns)) fail(`no network namespace "${options.netns}" (create it with: ip netns add ${options.netns})`);
  const child = spawn("ip", ["netns", "exec", options.netns, process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, [INSIDE]: options.netns },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
} else {
  await main(options, values.hex);
}

async function main({ iface, config, port, netns }: DhcpdOptions, dump: boolean): Promise<void> {
  const exists = spawnSync("ip", ["link", "show", "dev", iface], { encoding: "utf8" });
  if (exists.status !== 0) fail(`no interface ${iface}${netns ? ` in network namespace ${netns}` : ""} (apply the binding first: npm run pod-network)`);
  const route = ["route", "replace", "255.255.255.255/32", "dev", iface];
  const addedRoute = process.getuid?.() === 0 && spawnSync("ip", route).status === 0;
  const stamp = () => new Date().toISOString().slice(11, 23);
  let server;
  try {
    server = await SingleClientDHCPServer(config, {
      port,
      log: (line) => process.stdout.write(`${stamp()} ${line}\n`),
      onPacket: (datagram, reply) => dump && process.stdout.write(`< ${hex(datagram)}\n${reply ? `> ${hex(reply)}\n` : ""}`),
    });
  } catch (e) {
    fail(`cannot listen on UDP port ${port}: ${(e as Error).message}`, 1);
  }
  process.stdout.write(
    `dhcpd: serving ${config.clientIP} to ${config.clientMAC ? formatMAC(config.clientMAC) : "any MAC"} from ${config.serverIP} on ${iface}` +
      `${netns ? ` in namespace ${netns}` : ""} (UDP 0.0.0.0:${server.port})\n`,
  );
  const stop = async () => {
    await server.close();
    if (addedRoute) spawnSync("ip", ["route", "del", "255.255.255.255/32", "dev", iface]);
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
