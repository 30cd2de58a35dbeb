// Graded suite for exercise 06-kubevirt-network/search-domains: the learner's option 119 encoder runs inside
// our DHCP server; its bytes and errors must match KubeVirt's own tests (v1.9.0 server_test.go), and decode,
// by RFC 1035 and RFC 3397, back to the pod's search list.
import fc from "fast-check";
import { expect } from "vitest";
import { graded } from "../../../src/course/graded.ts";
import { prepareDHCPOptions } from "../../../src/kubevirt/dhcp/options.ts";
import { Option } from "../../../src/kubevirt/dhcp/packet.ts";
import { errorSearchDomainNotValid, errorSearchDomainTooLong } from "../../../src/kubevirt/dhcp/search-domain.ts";
import { ParseSearchDomains } from "../../../src/kubevirt/dns.ts";
import { convertSearchDomainsToBytes } from "../../../src/kubevirt/seams.ts";
import { decodeDomainSearch } from "../../../src/kubevirt/dhcp/decode.ts";

const show = (b: Uint8Array) => `[${Array.from(b).join(", ")}]`;
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const errorOf = (fn: () => unknown) => {
  try {
    fn();
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};

graded("KubeVirt's own cases: foo.com and foo.local; an FQDN keeps its empty root label", 3, () => {
  const expected = [3, ...ascii("foo"), 3, ...ascii("com"), 0, 3, ...ascii("foo"), 5, ...ascii("local"), 0];
  expect(show(convertSearchDomainsToBytes(["foo.com", "foo.local"])), 'option 119 for ["foo.com", "foo.local"]').toBe(show(Uint8Array.from(expected)));
  expect(show(convertSearchDomainsToBytes(["a.b."])), 'option 119 for ["a.b."]').toBe("[1, 97, 1, 98, 0, 0]");
  expect(show(convertSearchDomainsToBytes([])), "option 119 for no domains").toBe("[]");
});

graded("invalid domains and a value over 255 bytes are refused with KubeVirt's messages", 2, () => {
  expect(errorOf(() => convertSearchDomainsToBytes(["foo,com"])), "the error for foo,com").toBe(`${errorSearchDomainNotValid}: 'foo,com'`);
  const long = ["pix3ob5ymm5jbsjessf0o4e84uvij588rz23iz0o.com", "3wg5xngig6vzfqjww4kocnky3c9dqjpwkewzlwpf.com", "38rfuqbyvkjg4z1f3aogul55wtgxrd9dlwzewqo0.com", "yza01ojnzi0tkyjeusmlg728nqdqvz3domymifvq.com", "m130lhs7a8yjgpn6almqggkqc222otedms6vslcd.com", "t4lanpt7z4ix58nvxl4d.com"];
  expect(errorOf(() => convertSearchDomainsToBytes(long)), "the error for six domains, 256 bytes").toBe(`${errorSearchDomainTooLong}: was 256 long`);
});

graded("any valid search list decodes back (RFC 1035 labels) to the same domains", 3, () => {
  const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
  const label = fc.tuple(fc.integer({ min: 0, max: 25 }), fc.array(fc.integer({ min: 0, max: 35 }), { maxLength: 20 })).map(([first, rest]) => letters[first] + rest.map((i) => letters[i]).join(""));
  const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((l) => l.join("."));
  fc.assert(
    fc.property(fc.array(domain, { maxLength: 5 }), (domains) => {
      expect(decodeDomainSearch(convertSearchDomainsToBytes(domains)), `domains ${JSON.stringify(domains)}`).toEqual(domains);
    }),
    { numRuns: 150, seed: 3397 },
  );
});

graded("the options our server sends carry a pod's resolv.conf search list in option 119", 2, () => {
  const resolv = "nameserver 10.96.0.10\nsearch default.svc.cluster.local svc.cluster.local cluster.local\n";
  const options = prepareDHCPOptions(null, null, ["10.96.0.10"], null, ParseSearchDomains(resolv), 1500, "vmi");
  const v = options.get(Option.DomainSearch);
  expect(v && decodeDomainSearch(v), "option 119, decoded").toEqual(["default.svc.cluster.local", "svc.cluster.local", "cluster.local"]);
});
