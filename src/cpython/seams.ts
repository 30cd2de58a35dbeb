// The pieces of our CPython that learners write. Each comes from its exercise through the #exercise
// alias: the reference solution by default, the learner's file while that exercise is graded.
export { newAllocated } from "#exercise/05-cpython-list/list-resize";
export { ins1 } from "#exercise/05-cpython-list/ins1";
export { list_ass_slice } from "#exercise/05-cpython-list/list-ass-slice";
export { reverse_slice } from "#exercise/05-cpython-list/reverse-slice";
export { count_run } from "#exercise/05-cpython-list/count-run";
export { binarysort } from "#exercise/05-cpython-list/binarysort";
export { gallop_left } from "#exercise/05-cpython-list/gallop-left";
export { powerloop } from "#exercise/05-cpython-list/powerloop";
