// The pieces of our Lua that learners write. Each comes from its exercise through the #exercise alias:
// the reference solution by default, the learner's file while that exercise is graded.
export { forprepCount } from "#exercise/03-lua-opcodes/forprep-count";
