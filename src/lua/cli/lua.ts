// lua: the stand-alone interpreter (lua.c of Lua 5.4.4).
//   npm run -s lua -- [-e stat] [-l mod] [-l g=mod] [-] [script [args]]
// An uncaught error prints "lua: message" and a stack traceback on stderr, and exits with status 1.
import { readFileSync } from "node:fs";
import { userPath } from "../../course/cli/cli.ts";
import { luaL_newstate, docall } from "../lapi.ts";
import { luaL_loadbufferx } from "../lbaselib.ts";
import { luaL_loadfile } from "../lload.ts";
import { LuaSyntaxError } from "../llex.ts";
import { LClosure, LProto, closedUpval } from "../lfunc.ts";
import { LuaTable } from "../ltable.ts";
import { LUA_OK, type LuaState } from "../lstate.ts";
import { BudgetExceeded, lua_callk } from "../ldo.ts";
import { bytesOf } from "../lobject.ts";

const progname = "lua";
const usage = `usage: ${progname} [options] [script [args]]
Available options are:
  -e stat   execute string 'stat'
  -l mod    require library 'mod' into global 'mod'
  -l g=mod  require library 'mod' into global 'g'
  -v        show version information
  --        stop handling options
  -         stop handling options and execute stdin`;

const L = luaL_newstate();

/** lua.c l_message. */
function l_message(msg: string): void {
  process.stderr.write(Buffer.from(`${progname}: ${msg}\n`, "latin1"));
}

/** lua.c report. */
function report(status: number): number {
  if (status !== LUA_OK) {
    const msg = L.stack[--L.top];
    l_message(typeof msg === "string" ? msg : "(error object is not a string)");
  }
  return status;
}

function run(load: () => LClosure | string, args: string[]): number {
  const cl = load();
  if (typeof cl === "string") {
    L.stack[L.top++] = cl;
    return report(1);
  }
  // lua.c runs the chunk from pmain, a C function, so tracebacks end with "[C]: in ?"
  const pmain = (L1: LuaState): number => {
    L1.stack[L1.top++] = cl;
    for (const a of args) L1.stack[L1.top++] = a;
    lua_callk(L1, args.length, 0, 0, null);
    return 0;
  };
  L.stack[L.top++] = pmain;
  const status = docall(L, 0, 0);
  if (status === LUA_OK) L.top = L.ci.func + 1;
  return report(status);
}

function loadfile(L1: LuaState, fname: string | null): LClosure | string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(fname === null ? 0 : userPath(fname));
  } catch {
    return `cannot open ${fname ?? "stdin"}`;
  }
  try {
    const p = luaL_loadfile(bytes, fname);
    const cl = new LClosure(new LProto(p), p.upvalues.length);
    for (let i = 0; i < p.upvalues.length; i++) cl.upvals[i] = closedUpval(i === 0 ? L1.g.l_G : undefined);
    return cl;
  } catch (e) {
    if (e instanceof LuaSyntaxError) return e.message;
    throw e;
  }
}

/** lua.c dolibrary: globname = require(modname), for "-l mod" and "-l g=mod". */
function dolibrary(globname: string): number {
  const eq = globname.indexOf("=");
  const modname = eq < 0 ? globname : globname.slice(eq + 1);
  if (eq >= 0) globname = globname.slice(0, eq);
  L.stack[L.top++] = L.g.l_G.get("require");
  L.stack[L.top++] = modname;
  const status = docall(L, 1, 1);
  if (status === LUA_OK) L.g.l_G.set(globname, L.stack[--L.top]);
  return report(status);
}

function main(argv: string[]): number {
  let i = 0;
  /** The -e and -l options in their order (lua.c runargs). */
  const stats: [string, string][] = [];
  let version = false;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      i++;
      break;
    }
    if (a === "-" || !a.startsWith("-")) break;
    if (a === "-e" || a === "-l") {
      const st = argv[++i];
      if (st === undefined || st.startsWith("-")) {
        l_message(`'${a}' needs argument`);
        process.stderr.write(usage + "\n");
        return 1;
      }
      stats.push([a[1]!, st]);
    } else if (a.startsWith("-e") || a.startsWith("-l")) stats.push([a[1]!, a.slice(2)]);
    else if (a === "-v") version = true;
    else {
      l_message(`unrecognized option '${a}'`);
      process.stderr.write(usage + "\n");
      return 1;
    }
  }
  // lua.c createargtable: arg[0] is the script, negative indices the interpreter and options
  const argt = new LuaTable();
  argt.set(-(i + 1) === 0 ? 0 : -i - 1 + 0, progname);
  for (let j = 0; j < argv.length; j++) argt.set(j - i, argv[j]!);
  argt.set(-i - 1, progname);
  L.g.l_G.set("arg", argt);
  if (version) process.stdout.write("Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio\n");
  for (const [option, st] of stats) {
    const status = option === "e" ? run(() => luaL_loadbufferx(L, bytesOf(st), "=(command line)", "bt"), [])
      : dolibrary(st);
    if (status !== LUA_OK) return 1;
  }
  if (i < argv.length) {
    const script = argv[i] === "-" && argv[i - 1] !== "--" ? null : argv[i]!;
    if (run(() => loadfile(L, script), argv.slice(i + 1)) !== LUA_OK) return 1;
  } else if (stats.length === 0 && !version) {
    if (run(() => loadfile(L, null), []) !== LUA_OK) return 1;
  }
  return 0;
}

let code: number;
try {
  code = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof BudgetExceeded) {
    l_message(e.message);
    code = 1;
  } else throw e;
}
process.stdout.write("", () => process.exit(code));
