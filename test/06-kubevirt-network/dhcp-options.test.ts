// Mirrors KubeVirt's own DHCP tests, case by case, with their expected bytes:
// v1.9.0 pkg/network/dhcp/server/server_test.go ("DHCP Server") and, for the history,
// v0.4.1 pkg/virt-launcher/virtwrap/network/dhcp/dhcp_test.go ("DHCP").
import { describe, expect, test } from "vitest";
import { formClasslessRoutes, convertSearchDomainsToBytes } from "../../src/kubevirt/seams.ts";
import { errorSearchDomainNotValid, errorSearchDomainTooLong, isValidSearchDomain } from "../../src/kubevirt/dhcp/search-domain.ts";
import { prepareDHCPOptions } from "../../src/kubevirt/dhcp/options.ts";
import { Option } from "../../src/kubevirt/dhcp/packet.ts";
import { formClasslessRoutes041 } from "../../src/kubevirt/history.ts";
import { prefixMask } from "../../src/kubevirt/ip.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => new TextEncoder().encode(s);

describe("check routes (server_test.go)", () => {
  test("verify should form correctly", () => {
    const routes = [
      { dst: "224.0.0.0/4", gw: null },
      { dst: "192.168.1.0/24", gw: "192.168.2.1" },
    ];
    expect(formClasslessRoutes(routes)).toEqual(bytes(4, 224, 0, 0, 0, 0, 24, 192, 168, 1, 192, 168, 2, 1));
  });
  test("should not panic", () => {
    expect(formClasslessRoutes(null)).toEqual(bytes());
  });
  test("should build OpenShift routes correctly (the default route goes last)", () => {
    const routes = [{ dst: null, gw: "10.129.0.1" }, { dst: "10.128.0.0/14", gw: null }, { dst: "224.0.0.0/4", gw: null }];
    expect(formClasslessRoutes(routes)).toEqual(bytes(14, 10, 128, 0, 0, 0, 0, 4, 224, 0, 0, 0, 0, 0, 10, 129, 0, 1));
  });
  test("should build Calico routes correctly", () => {
    const routes = [{ dst: null, gw: "169.254.1.1" }, { dst: "169.254.1.1/32", gw: null }];
    expect(formClasslessRoutes(routes)).toEqual(bytes(32, 169, 254, 1, 1, 0, 0, 0, 0, 0, 169, 254, 1, 1));
  });
});

describe("check routes in v0.4.1 (dhcp_test.go): the routes kept their order", () => {
  test("should build OpenShift routes correctly", () => {
    const routes = [{ dst: null, gw: "10.129.0.1" }, { dst: "10.128.0.0/14", gw: null }, { dst: "224.0.0.0/4", gw: null }];
    expect(formClasslessRoutes041(routes)).toEqual(bytes(0, 10, 129, 0, 1, 14, 10, 128, 0, 0, 0, 0, 4, 224, 0, 0, 0, 0));
  });
  test("should build Calico routes correctly", () => {
    const routes = [{ dst: null, gw: "169.254.1.1" }, { dst: "169.254.1.1/32", gw: null }];
    expect(formClasslessRoutes041(routes)).toEqual(bytes(0, 169, 254, 1, 1, 32, 169, 254, 1, 1, 0, 0, 0, 0));
  });
});

describe("function convertSearchDomainsToBytes", () => {
  test("should return RFC3397 compatible DNS search data", () => {
    expect(convertSearchDomainsToBytes(["foo.com", "foo.local"])).toEqual(
      bytes(3, ...ascii("foo"), 3, ...ascii("com"), 0, 3, ...ascii("foo"), 5, ...ascii("local"), 0),
    );
  });
  test("should reject invalid domains", () => {
    expect(() => convertSearchDomainsToBytes(["foo,com"])).toThrow(new RegExp(`^${errorSearchDomainNotValid}`));
  });
  test("should reject search domains that exceed max length", () => {
    // should result in 256 byte slice
    const searchDomains = [
      "pix3ob5ymm5jbsjessf0o4e84uvij588rz23iz0o.com",
      "3wg5xngig6vzfqjww4kocnky3c9dqjpwkewzlwpf.com",
      "38rfuqbyvkjg4z1f3aogul55wtgxrd9dlwzewqo0.com",
      "yza01ojnzi0tkyjeusmlg728nqdqvz3domymifvq.com",
      "m130lhs7a8yjgpn6almqggkqc222otedms6vslcd.com",
      "t4lanpt7z4ix58nvxl4d.com",
    ];
    expect(() => convertSearchDomainsToBytes(searchDomains)).toThrow(new RegExp(`^${errorSearchDomainTooLong}: was 256 long`));
  });
  test("a fully qualified name keeps its empty root label", () => {
    expect(convertSearchDomainsToBytes(["a.b."])).toEqual(bytes(1, 97, 1, 98, 0, 0));
  });
});

describe("function isValidSearchDomain", () => {
  const a = (n: number) => "a".repeat(n);
  test.each([
    ["that start with '-'", "-foo.com"],
    ["that end with '-'", "foo.com-"],
    ["with full length greater than 253 chars", `${a(250)}.com`],
    ["that have labels longer than 63 chars", `${a(64)}.com`],
    ["with invalid characters", "foo\n.com"],
  ])("should *REJECT* domains %s", (_, domain) => expect(isValidSearchDomain(domain)).toBe(false));
  test.each([
    ["that have 63 character labels", `${a(63)}.com`],
    ["with a valid domain name", "example.default.svc.cluster.local"],
    ["with a valid FQDN", "example.default.svc.cluster.local."],
    ["with a partial search domain", "local"],
  ])("should *ACCEPT* domains %s", (_, domain) => expect(isValidSearchDomain(domain)).toBe(true));
});

describe("Options returned by prepareDHCPOptions", () => {
  const mask = prefixMask(24); // Go: net.ParseIP("192.168.2.1").DefaultMask(), a class C mask
  test("should contain the domain name option (the longest search domain)", () => {
    const searchDomains = [
      "pix3ob5ymm5jbsjessf0o4e84uvij588rz23iz0o.com",
      "3wg5xngig6vzfqjww4kocnky3c9dqjpwkewzlwpf.com",
      "t4lanpt7z4ix58nvxl4d.com",
      "14wg5xngig6vzfqjww4kocnky3c9dqjpwkewzlwpf.com",
      "4wg5xngig6vzfqjww4kocnky3c9dqjpwkewzlwpf.com",
    ];
    const options = prepareDHCPOptions(mask, "192.168.2.1", [], null, searchDomains, 1500, "myhost");
    expect(options.get(Option.DomainName)).toEqual(ascii("14wg5xngig6vzfqjww4kocnky3c9dqjpwkewzlwpf.com"));
  });
  test("expects the gateway as an IPv4 address", () => {
    const options = prepareDHCPOptions(mask, "192.168.2.1", [], null, [], 1500, "myhost");
    expect(options.get(Option.Router)).toEqual(bytes(192, 168, 2, 1));
  });
  test("Options set to invalid value: omits router, classless routes and subnet mask", () => {
    const options = prepareDHCPOptions(null, null, [], null, [], 1500, "");
    expect([...options.keys()].sort((x, y) => x - y)).toEqual([Option.DomainNameServer, Option.HostName, Option.InterfaceMTU]);
  });
  test("MTU is two bytes, big-endian; DNS servers are joined", () => {
    const options = prepareDHCPOptions(mask, null, ["10.96.0.10", "8.8.8.8"], null, [], 1400, "h");
    expect(options.get(Option.InterfaceMTU)).toEqual(bytes(0x05, 0x78));
    expect(options.get(Option.DomainNameServer)).toEqual(bytes(10, 96, 0, 10, 8, 8, 8, 8));
  });
});
