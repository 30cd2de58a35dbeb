// luac: the Lua 5.4 compiler's command line (luac.c of Lua 5.4.4): list, parse only, strip, output file.
//   npm run -s luac -- [-l [-l]] [-p] [-s] [-o FILE] FILE...
import { readFileSync, writeFileSync } from "node:fs";
import { fail, userPath } from "../../course/cli/cli.ts";
import { LuaSyntaxError } from "../llex.ts";
import { luaU_dump } from "../ldump.ts";
import { luaL_loadfile } from "../lload.ts";
import type { Proto } from "../lobject.ts";
import { luaY_parser } from "../lparser.ts";
import { PrintFunction } from "../luac.ts";

const usage = `usage: luac [options] [filenames]
Available options are:
  -l       list (use -l -l for full listing)
  -o name  output to file 'name' (default is "luac.out")
  -p       parse only
  -s       strip debug information
  -v       show version information
  --       stop handling options
  -        stop handling options and process stdin`;

let listing = 0;
let dumping = true;
let stripping = false;
let output: string | null = "luac.out";
let version = false;
const argv = process.argv.slice(2);
let i = 0;
for (; i < argv.length; i++) {
  const a = argv[i]!;
  if (!a.startsWith("-")) break;
  else if (a === "--") {
    i++;
    break;
  } else if (a === "-") break;
  else if (a === "-l") listing++;
  else if (a === "-o") {
    const o = argv[++i];
    if (o === undefined || o === "" || (o.startsWith("-") && o !== "-")) fail(`'-o' needs argument\n${usage}`, 1);
    output = o === "-" ? null : o;
  } else if (a === "-p") dumping = false;
  else if (a === "-s") stripping = true;
  else if (a === "-v") version = true;
  else fail(`unrecognized option '${a}'\n${usage}`, 1);
}
let files = argv.slice(i);
if (files.length === 0 && (listing || !dumping)) {
  dumping = false;
  files = ["luac.out"];
}
if (version) {
  process.stdout.write("Lua 5.4.4  Copyright (C) 1994-2022 Lua.org, PUC-Rio\n");
  if (files.length === 0) process.exit(0);
}
if (files.length === 0) fail(`no input files given\n${usage}`, 1);

function load(file: string): Proto {
  let bytes: Uint8Array;
  const name = file === "-" ? "stdin" : file;
  try {
    bytes = readFileSync(file === "-" ? 0 : userPath(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "No such file or directory" : code === "EISDIR" ? "Is a directory" : String(code);
    return fail(`cannot ${code === "EISDIR" ? "read" : "open"} ${name}: ${why}`, 1);
  }
  return luaL_loadfile(bytes, file === "-" ? null : file);
}

/** luac.c: combine: several files become one main function calling each in turn. */
function combine(protos: Proto[]): Proto {
  if (protos.length === 1) return protos[0]!;
  const src = new TextEncoder().encode("(function()end)();".repeat(protos.length));
  const f = luaY_parser(src, "=(luac)");
  protos.forEach((p, k) => {
    f.p[k] = p;
    if (p.upvalues.length > 0) p.upvalues[0]!.instack = false;
  });
  f.lineinfo = new Int8Array(0);
  return f;
}

try {
  const f = combine(files.map(load));
  if (listing) process.stdout.write(PrintFunction(f, listing > 1));
  if (dumping) {
    const chunk = luaU_dump(f, stripping);
    if (output === null) process.stdout.write(chunk);
    else {
      try {
        writeFileSync(userPath(output), chunk);
      } catch {
        fail(`cannot open ${output}`, 1);
      }
    }
  }
} catch (e) {
  if (e instanceof LuaSyntaxError) fail(e.message, 1);
  throw e;
}
