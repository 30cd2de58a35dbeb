// Lua 5.4.4 loadlib.c, for Lua modules only: require with package.preload and package.path searching,
// package.loaded.
import { readFileSync } from "node:fs";
import { LuaTable } from "./ltable.ts";
import type { CFunction } from "./lfunc.ts";
import { LClosure, LProto, closedUpval } from "./lfunc.ts";
import type { LuaState } from "./lstate.ts";
import { luaL_loadfile } from "./lload.ts";
import { LuaSyntaxError } from "./llex.ts";
import { ret, luaL_checkstring, luaL_error, callvalue } from "./lauxlib.ts";

const LUA_PATH_DEFAULT = "/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;" +
  "/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;./?.lua;./?/init.lua";

/** loadlib.c luaopen_package: the package table and the global require. */
export function luaopen_package(L: LuaState): LuaTable {
  const pkg = new LuaTable();
  const loaded = L.g.l_registry.getStr("_LOADED") as LuaTable;
  const preload = new LuaTable();
  pkg.set("loaded", loaded);
  pkg.set("preload", preload);
  // In a browser worker there is no environment: the default path.
  const env = globalThis.process?.env ?? {};
  const envpath = env.LUA_PATH_5_4 ?? env.LUA_PATH;
  pkg.set("path", envpath ? envpath.replace(";;", ";" + LUA_PATH_DEFAULT + ";") : LUA_PATH_DEFAULT);
  pkg.set("cpath", "");
  pkg.set("config", "/\n;\n?\n!\n-\n");
  const require: CFunction = (L1) => {
    const name = luaL_checkstring(L1, 1);
    const have = loaded.get(name);
    if (have !== undefined && have !== false) return ret(L1, have);
    let msg = "";
    let loader = preload.get(name);
    let extra: string = ":preload:";
    if (loader === undefined) {
      msg += `\n\tno field package.preload['${name}']`;
      const path = pkg.get("path");
      if (typeof path !== "string") luaL_error(L1, "'package.path' must be a string");
      for (const templ of (path as string).split(";")) {
        if (templ === "") continue;
        const filename = templ.replaceAll("?", name.replaceAll(".", "/"));
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(filename);
        } catch {
          msg += `\n\tno file '${filename}'`;
          continue;
        }
        try {
          const p = luaL_loadfile(bytes, filename);
          const cl = new LClosure(new LProto(p), p.upvalues.length);
          for (let i = 0; i < p.upvalues.length; i++) cl.upvals[i] = closedUpval(i === 0 ? L1.g.l_G : undefined);
          loader = cl;
          extra = filename;
        } catch (e) {
          if (e instanceof LuaSyntaxError) {
            return luaL_error(L1, `error loading module '${name}' from file '${filename}':\n\t${e.message}`);
          }
          throw e;
        }
        break;
      }
      if (loader === undefined) return luaL_error(L1, `module '${name}' not found:${msg}`);
    }
    const r = callvalue(L1, loader, [name, extra], 1)[0];
    if (r !== undefined) loaded.set(name, r);
    else if (loaded.get(name) === undefined) loaded.set(name, true);
    return ret(L1, loaded.get(name), extra);
  };
  L.g.l_G.set("require", require);
  return pkg;
}
