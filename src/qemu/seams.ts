// The pieces of our QEMU that learners write. Each comes from its exercise through the #exercise alias:
// the reference solution by default, the learner's file while that exercise is graded.
export { timerlist_deadline_ns } from "#exercise/02-qemu-main-loop/timerlist-deadline";
export { aio_bh_poll } from "#exercise/02-qemu-main-loop/aio-bh-poll";
export { main_loop_wait } from "#exercise/02-qemu-main-loop/main-loop-wait";
export { qmp_query_status, hmp_info_status } from "#exercise/02-qemu-main-loop/query-status";
