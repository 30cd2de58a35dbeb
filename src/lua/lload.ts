// Lua 5.4.4 ldo.c (f_parser, checkmode) and lauxlib.c (luaL_loadfilex, skipcomment): turn the bytes of a
// chunk, text or binary, into its main Proto.
import { LuaSyntaxError } from "./llex.ts";
import type { Proto } from "./lobject.ts";
import { luaY_parser } from "./lparser.ts";
import { LUA_SIGNATURE, luaU_undump } from "./lundump.ts";

function checkmode(mode: string, x: string): void {
  if (!mode.includes(x[0]!)) throw new LuaSyntaxError(`attempt to load a ${x} chunk (mode is '${mode}')`);
}

/** ldo.c: f_parser. A chunk starting with the signature's first byte is binary; anything else is text.
 * `skip` bytes at the start are ignored (a '#' line or BOM removed by luaL_loadfilex). */
export function luaD_protectedparser(z: Uint8Array, name: string, mode = "bt", skip = 0): Proto {
  if (skip < z.length && z[skip] === LUA_SIGNATURE.charCodeAt(0)) {
    checkmode(mode, "binary");
    return luaU_undump(skip === 0 ? z : z.subarray(skip), name);
  }
  checkmode(mode, "text");
  return luaY_parser(z, name, skip);
}

/** lauxlib.c: skipcomment. The number of leading bytes luaL_loadfilex skips: a UTF-8 BOM, then a first
 * line starting with '#' (its newline is kept, so line numbers stay right). */
export function skipcomment(z: Uint8Array): number {
  let p = 0;
  if (z[0] === 0xef && z[1] === 0xbb && z[2] === 0xbf) p = 3;
  if (z[p] === 35) {
    while (p < z.length && z[p] !== 10) p++;
  }
  return p;
}

/** lauxlib.c: luaL_loadfilex on the contents of a file: "@name" as the chunk name, "=stdin" for null. */
export function luaL_loadfile(z: Uint8Array, filename: string | null, mode = "bt"): Proto {
  let skip = skipcomment(z);
  if (skip > 0 && z[skip] === 10 && z[skip + 1] === LUA_SIGNATURE.charCodeAt(0)) skip++;
  return luaD_protectedparser(z, filename === null ? "=stdin" : "@" + filename, mode, skip);
}
