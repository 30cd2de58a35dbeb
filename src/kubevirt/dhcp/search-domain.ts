// Which search domains KubeVirt will put in option 119, and the errors it gives for the others.
// KubeVirt v1.9.0 pkg/network/dhcp/server/server.go: searchDomainValidationRegex, isValidSearchDomain.

export const errorSearchDomainNotValid = "Search domain is not valid";
export const errorSearchDomainTooLong = "Search domains length exceeded allowable size";

// Lower-case labels of letters, digits, '-' and '_', at most 63 characters, not starting or ending with '-';
// the last label starts with a letter; a trailing dot (an FQDN) is allowed.
const searchDomainValidationRegex =
  /^(?:[_a-z0-9](?:[_a-z0-9-]{0,61}[a-z0-9])?\.)*(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)?$/;

// KubeVirt v1.9.0 pkg/network/dhcp/server/server.go: isValidSearchDomain
export function isValidSearchDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  return searchDomainValidationRegex.test(domain);
}
