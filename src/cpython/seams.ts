// The pieces of our CPython that learners write. Each comes from its exercise through the #exercise
// alias: the reference solution by default, the learner's file while that exercise is graded.
export { newAllocated } from "#exercise/05-cpython-list/list-resize";
