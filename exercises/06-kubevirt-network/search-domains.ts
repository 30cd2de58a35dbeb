// Exercise 06-kubevirt-network/search-domains: encode the pod's search domains as DHCP option 119 (RFC 3397).
// Points: 10. Grade it with: npm run grade -- 06-kubevirt-network/search-domains
// Hints: exercises/06-kubevirt-network/search-domains.hints.md. The chapter section: "Option 119: the search list".
import { todo } from "../../src/course/todo.ts";
import {
  errorSearchDomainNotValid,
  errorSearchDomainTooLong,
  isValidSearchDomain,
} from "../../src/kubevirt/dhcp/search-domain.ts";

/**
 * The value of option 119 for `searchDomains`: each domain as RFC 1035 section 3.1 labels (a length byte, then
 * the label) ended by a zero byte, one after the other, without compression. Throws an Error whose message
 * starts with errorSearchDomainNotValid for an invalid domain, and with errorSearchDomainTooLong when the
 * whole value is longer than 255 bytes. KubeVirt v1.9.0 pkg/network/dhcp/server/server.go:
 * convertSearchDomainsToBytes.
 */
export function convertSearchDomainsToBytes(searchDomains: string[]): Uint8Array {
  return todo("06-kubevirt-network/search-domains");
}
