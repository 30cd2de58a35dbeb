// Graded suite for exercise 06-kubevirt-network/classless-routes: the learner's option 121 encoder runs inside
// our DHCP server; its bytes must match KubeVirt's own tests (v1.9.0 server_test.go) and decode, by RFC 3442,
// to the pod's routes with the default route last.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { infiniteLease, prepareDHCPOptions } from "../../../src/kubevirt/dhcp/options.ts";
import { DHCPHandler, serve } from "../../../src/kubevirt/dhcp/server.ts";
import { MessageType, Option, ParseOptions, RequestPacket } from "../../../src/kubevirt/dhcp/packet.ts";
import { parseMAC, prefixMask, type Route } from "../../../src/kubevirt/ip.ts";
import { formClasslessRoutes } from "../../../src/kubevirt/seams.ts";
import { decodeClasslessRoutes } from "../../../src/kubevirt/dhcp/decode.ts";

const show = (b: Uint8Array) => `[${Array.from(b).join(", ")}]`;

graded("KubeVirt's own cases: 224.0.0.0/4 and 192.168.1.0/24 via 192.168.2.1; OpenShift; Calico; no routes", 4, () => {
  const cases: [Route[] | null, number[]][] = [
    [[{ dst: "224.0.0.0/4", gw: null }, { dst: "192.168.1.0/24", gw: "192.168.2.1" }], [4, 224, 0, 0, 0, 0, 24, 192, 168, 1, 192, 168, 2, 1]],
    [[{ dst: null, gw: "10.129.0.1" }, { dst: "10.128.0.0/14", gw: null }, { dst: "224.0.0.0/4", gw: null }], [14, 10, 128, 0, 0, 0, 0, 4, 224, 0, 0, 0, 0, 0, 10, 129, 0, 1]],
    [[{ dst: null, gw: "169.254.1.1" }, { dst: "169.254.1.1/32", gw: null }], [32, 169, 254, 1, 1, 0, 0, 0, 0, 0, 169, 254, 1, 1]],
    [null, []],
  ];
  for (const [routes, expected] of cases) {
    expect(show(formClasslessRoutes(routes)), `option 121 for ${JSON.stringify(routes)}`).toBe(show(Uint8Array.from(expected)));
  }
});

graded("any routes decode back (RFC 3442) to the same routes, with the default routes moved last", 3, () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const ip = fc.tuple(octet, octet, octet, octet).map((b) => b.join("."));
  const network = fc.tuple(ip, fc.integer({ min: 1, max: 32 })).map(([a, p]) => {
    const n = a.split(".").map(Number).reduce((x, b) => x * 256 + b, 0);
    const masked = p === 32 ? n : n - (n % 2 ** (32 - p));
    return `${[24, 16, 8, 0].map((s) => Math.floor(masked / 2 ** s) % 256).join(".")}/${p}`;
  });
  const route = fc.record({ dst: fc.option(network, { freq: 4 }), gw: fc.option(ip.filter((g) => g !== "0.0.0.0"), { freq: 3 }) });
  fc.assert(
    fc.property(fc.array(route, { maxLength: 8 }), (routes) => {
      const expected = [...routes.filter((r) => r.dst !== null), ...routes.filter((r) => r.dst === null)];
      expect(decodeClasslessRoutes(formClasslessRoutes(routes)), `routes ${JSON.stringify(routes)}`).toEqual(expected);
    }),
    { numRuns: 150, seed: 3442 },
  );
});

graded("the OFFER our server sends carries the pod's routes in option 121", 3, () => {
  const routes: Route[] = [{ dst: null, gw: "10.244.1.1" }, { dst: "10.96.0.0/12", gw: "10.244.1.254" }];
  const options = prepareDHCPOptions(prefixMask(24), "10.244.1.1", ["10.96.0.10"], routes, ["cluster.local"], 1400, "vmi");
  const mac = parseMAC("0a:58:0a:f4:01:05");
  const handler = new DHCPHandler("169.254.75.10", "10.244.1.5", mac, infiniteLease, options);
  const offer = serve(handler, RequestPacket(MessageType.Discover, mac, Uint8Array.of(1, 2, 3, 4), false), { address: "0.0.0.0", port: 68 }).reply!;
  const option121 = ParseOptions(offer).get(Option.ClasslessRouteFormat);
  expect(option121 && show(option121), "option 121 in the OFFER").toBe(show(Uint8Array.of(12, 10, 96, 10, 244, 1, 254, 0, 10, 244, 1, 1)));
});
