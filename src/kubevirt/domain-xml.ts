// The libvirt <interface> element that plugs the VM into what the pod network setup built, as KubeVirt's Go
// structs marshal it (encoding/xml: empty elements as <x></x>, attributes in struct order).
// Today: KubeVirt v1.9.0 pkg/virt-launcher/virtwrap/converter/network/configurator.go (tapBindingOptions:
// type "ethernet"), pkg/network/domainspec/generators.go (TapLibvirtSpecGenerator: target tap0 managed="no",
// MAC and MTU of the pod interface), api/schema.go (Interface field order), alias "ua-" + the VMI name.
// Then: KubeVirt v0.4.1 virtwrap/api/defaults.go (SetDefaults_Devices: type "bridge" on br1, model e1000),
// network.go (decorateInterfaceConfig: the pod's MAC).

export interface DomainInterface {
  /** The VMI interface name: "default". */
  name: string;
  mac: string;
  mtu: number;
  /** "virtio-non-transitional" (KubeVirt's virtio model on q35), or "e1000", ... */
  model?: string;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

// #region domain-xml
/** Both bindings give the same element: the VM sees a tap device that already exists (managed="no"). */
export function domainInterfaceXML({ name, mac, mtu, model = "virtio-non-transitional" }: DomainInterface): string {
  return [
    `<interface type="ethernet">`,
    `  <source></source>`,
    `  <target dev="tap0" managed="no"></target>`,
    `  <model type="${esc(model)}"></model>`,
    `  <mac address="${esc(mac)}"></mac>`,
    `  <mtu size="${mtu}"></mtu>`,
    `  <alias name="ua-${esc(name)}"></alias>`,
    `</interface>`,
  ].join("\n");
}

/** KubeVirt v0.4.1: libvirt plugs its own tap into br1 (type "bridge"); no MTU, no alias. */
export function domainInterfaceXML041(mac: string): string {
  return [
    `<interface type="bridge">`,
    `  <source bridge="br1"></source>`,
    `  <model type="e1000"></model>`,
    `  <mac address="${esc(mac)}"></mac>`,
    `</interface>`,
  ].join("\n");
}
// #endregion domain-xml
