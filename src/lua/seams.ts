// The pieces of our Lua that learners write. Each comes from its exercise through the #exercise alias:
// the reference solution by default, the learner's file while that exercise is graded.
export { forprepCount } from "#exercise/03-lua-opcodes/forprep-count";
export { CREATE_ABCk, getarg, setarg } from "#exercise/03-lua-opcodes/instruction";
export { constfold } from "#exercise/03-lua-opcodes/constfold";
export { luaK_concat, patchlistaux } from "#exercise/03-lua-opcodes/patchlist";
export { forbody } from "#exercise/03-lua-opcodes/forloop";
export { docondjump } from "#exercise/03-lua-opcodes/condjump";
export { luaF_findupval } from "#exercise/04-lua-closures/findupval";
export { luaF_closeupval } from "#exercise/04-lua-closures/closeupval";
export { luaF_close } from "#exercise/04-lua-closures/tbc-close";
export { predictions } from "#exercise/04-lua-closures/predict";
export { closureUpvals } from "#exercise/04-lua-closures/closure-upvals";
