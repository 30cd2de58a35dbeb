// The pieces of our VMM that learners write. Each comes from its exercise through the #exercise alias:
// the reference solution by default, the learner's file while that exercise is graded.
export { decodeExit } from "#exercise/01-kvm/decode-exit";
export { kvm_handle_io } from "#exercise/01-kvm/kvm-handle-io";
export { serial_ioport_read } from "#exercise/01-kvm/serial-read";
export { setupLongMode } from "#exercise/01-kvm/long-mode";
