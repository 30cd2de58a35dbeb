// Run many library programs with the real lua5.4 in ONE process: a driver loads each program as a chunk
// named "@name", with print and io.write captured in a fresh environment, and reports what `lua5.4 name`
// would show: the printed text, the exit status, and the first line of the error message (lua.c's
// msghandler: strings and numbers as they are, __tostring, or "(error object is a X value)").
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Program, Run } from "./vm-oracle.ts";

const driver = String.raw`
local G = _G
for _, name in ipairs(arg) do
  local f = G.io.open(name, "rb"); local src = f:read("a"); f:close()
  local out = {}
  local function emit(s) out[#out + 1] = s end
  local env = G.setmetatable({}, {__index = G})
  env._G = env
  env.print = function(...)
    local n = G.select("#", ...)
    for i = 1, n do emit((i > 1 and "\t" or "") .. G.tostring((G.select(i, ...)))) end
    emit("\n")
  end
  env.io = G.setmetatable({write = function(...)
    for i = 1, G.select("#", ...) do
      local v = G.select(i, ...)
      emit(G.math.type(v) == "float" and G.string.format("%.14g", v) or G.tostring(v))
    end
    return G.io.stdout
  end}, {__index = G.io})
  local chunk, err = G.load(src, "@" .. name, "t", env)
  local status, msg = 0, ""
  if not chunk then status, msg = 1, err
  else
    local ok, e = G.xpcall(chunk, function(m)
      if G.type(m) == "string" or G.type(m) == "number" then return G.tostring(m) end
      local mt = G.getmetatable(m)
      if mt and mt.__tostring then return G.tostring(m) end
      return "(error object is a " .. G.type(m) .. " value)"
    end)
    if not ok then status, msg = 1, e end
  end
  msg = G.tostring(msg):match("^[^\n]*")
  local text = G.table.concat(out)
  G.io.stdout:write(#text, "\n", text, status, "\n", #msg, "\n", msg)
end
`;

/** lua5.4 on every program, all in one process. */
export function theirsBatch(programs: Program[]): Run[] {
  const dir = mkdtempSync(join(tmpdir(), "lua-lib-"));
  try {
    writeFileSync(join(dir, "driver.lua"), driver);
    for (const p of programs) writeFileSync(join(dir, p.name), p.source, "latin1");
    const r = spawnSync("lua5.4", ["driver.lua", ...programs.map((p) => p.name)],
      { cwd: dir, encoding: "latin1", timeout: 60_000, maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Error(`the lua5.4 driver failed: ${r.stderr}`);
    const out = r.stdout;
    let at = 0;
    const field = (): string => {
      const nl = out.indexOf("\n", at);
      const n = parseInt(out.slice(at, nl), 10);
      at = nl + 1 + n;
      return out.slice(nl + 1, at);
    };
    return programs.map(() => {
      const stdout = field();
      const nl = out.indexOf("\n", at);
      const status = parseInt(out.slice(at, nl), 10);
      at = nl + 1;
      return { stdout, status, error: field() };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
