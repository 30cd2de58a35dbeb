// Exercise 06-kubevirt-network/classless-routes: encode the pod's routes as DHCP option 121 (RFC 3442).
// Points: 10. Grade it with: npm run grade -- 06-kubevirt-network/classless-routes
// Hints: exercises/06-kubevirt-network/classless-routes.hints.md. The chapter section: "Option 121: classless static routes".
import { parseCIDR, parseIPv4, type Route } from "../../src/kubevirt/ip.ts";

/**
 * The value of option 121 for `routes` (null: no routes): the routes with a destination first, in their order,
 * then the default routes (dst null), because a client applies them in order and the default route's gateway
 * must already be reachable. Each route is: the prefix length, the significant octets of the destination
 * (ceil(length / 8) of them), then the 4-byte gateway (0.0.0.0 when the route has none).
 * KubeVirt v1.9.0 pkg/network/dhcp/server/server.go: formClasslessRoutes, sortRoutes.
 */
export function formClasslessRoutes(routes: Route[] | null): Uint8Array {
  if (routes === null) return new Uint8Array(0);
  const sorted = [...routes.filter((r) => r.dst !== null), ...routes.filter((r) => r.dst === null)];
  const out: number[] = [];
  for (const route of sorted) {
    const { ip, prefix } = parseCIDR(route.dst ?? "0.0.0.0/0");
    const octets = prefix > 0 ? Math.floor((prefix - 1) / 8) + 1 : 0;
    out.push(prefix, ...parseIPv4(ip).subarray(0, octets), ...parseIPv4(route.gw ?? "0.0.0.0"));
  }
  return Uint8Array.from(out);
}
