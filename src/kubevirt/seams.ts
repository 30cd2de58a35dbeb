// The pieces of our KubeVirt that learners write. Each comes from its exercise through the #exercise
// alias: the reference solution by default, the learner's file while that exercise is graded.
export { formClasslessRoutes } from "#exercise/06-kubevirt-network/classless-routes";
export { convertSearchDomainsToBytes } from "#exercise/06-kubevirt-network/search-domains";
export { bridgeBindingSpec } from "#exercise/06-kubevirt-network/bridge-desired-state";
export { setupNATByFamily } from "#exercise/06-kubevirt-network/masquerade-rules";
export { storeBridgeBindingDHCPInterfaceData } from "#exercise/06-kubevirt-network/discover";
