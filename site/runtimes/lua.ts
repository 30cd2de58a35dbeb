// The `lua` runtime: a block runs as `lua5.4 -` runs standard input, on our compiler and VM (src/lua), with
// print and io.write as its output and an uncaught error printed as the lua command prints it. A folded view
// shows the block's `luac -l -l` listing. Each VM instruction is a step of the budget.
import { dostring, luaL_newstate } from "../../src/lua/lapi.ts";
import { BudgetExceeded as LuaBudgetExceeded } from "../../src/lua/ldo.ts";
import { luaD_protectedparser } from "../../src/lua/lload.ts";
import { PrintFunction } from "../../src/lua/luac.ts";
import { BudgetExceeded, GuestError, escapeHtml, type Runtime, type Session } from "../runtime.ts";

/** Lua strings are bytes (one per char code); the page shows them as UTF-8 text, as a terminal would. */
function text(bytes: string): string {
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0) & 0xff));
}

const lua: Runtime = {
  language: "lua",
  steps: 10_000_000,
  run(source: string, session: Session): void {
    const bytes = String.fromCharCode(...new TextEncoder().encode(source));
    // The VM counts its instructions (and string matching its steps) against the block's budget itself.
    const L = luaL_newstate({ stdout: (s) => session.print(text(s)), stderr: (s) => session.print(text(s)), budget: session.limit });
    let error: string | null;
    try {
      error = dostring(L, bytes, "=stdin");
    } catch (e) {
      if (e instanceof LuaBudgetExceeded) throw new BudgetExceeded(session.limit);
      throw e;
    } finally {
      session.step(session.limit - Math.max(0, L.g.budget));
    }
    try {
      const listing = PrintFunction(luaD_protectedparser(Uint8Array.from(bytes, (c) => c.charCodeAt(0)), "=stdin"), true);
      session.view({ title: "luac -l -l", html: `<pre>${escapeHtml(listing)}</pre>`, folded: true });
    } catch {
      // a syntax error: the error below says it
    }
    if (error !== null) throw new GuestError(`lua: ${text(error)}`);
  },
};

export default lua;
