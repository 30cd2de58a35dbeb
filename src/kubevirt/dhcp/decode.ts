// Reading DHCP options back, written from the RFCs alone (not from the encoders): the tests decode what our
// encoders write with them, and the chapter's packet dissection uses them to show what the bytes mean.
import { formatIPv4, type Route } from "../ip.ts";

/** RFC 3442 section 3: option 121 back to routes (default routes as dst null, no gateway as gw null). */
export function decodeClasslessRoutes(v: Uint8Array): Route[] {
  const routes: Route[] = [];
  for (let i = 0; i < v.length; ) {
    const width = v[i];
    const octets = Math.ceil(width / 8);
    const dst = new Uint8Array(4);
    dst.set(v.subarray(i + 1, i + 1 + octets));
    const gw = formatIPv4(v.subarray(i + 1 + octets, i + 5 + octets));
    routes.push({ dst: width === 0 ? null : `${formatIPv4(dst)}/${width}`, gw: gw === "0.0.0.0" ? null : gw });
    i += 5 + octets;
  }
  return routes;
}

/** RFC 1035 section 3.1 names, one after the other (RFC 3397), back to dotted text. */
export function decodeDomainSearch(v: Uint8Array): string[] {
  const names: string[] = [];
  let labels: string[] = [];
  for (let i = 0; i < v.length; ) {
    const n = v[i++];
    if (n === 0) {
      names.push(labels.join("."));
      labels = [];
      continue;
    }
    labels.push(String.fromCharCode(...v.subarray(i, i + n)));
    i += n;
  }
  return names;
}
