// Benchmark: the same Lua scripts with our `lua` (bundled by esbuild, as the site ships it), with lua5.4
// and with fengari (the JavaScript Lua 5.3 VM from npm).
//   npm run bench -- lua            (LUA_BENCH_SCALE=2 doubles every size)
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { report, timeCommand } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";

const scale = Number(process.env.LUA_BENCH_SCALE ?? "1");

/** Each script prints one line, so a wrong answer shows. */
const scripts: Record<string, string> = {
  fib: `local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end print(fib(${26 + Math.log2(scale) | 0}))`,
  "numeric for": `local s = 0 for i = 1, ${3_000_000 * scale} do s = s + i % 7 end print(s)`,
  "table insert and lookup": `local t = {} for i = 1, ${300_000 * scale} do t[#t + 1] = i end local h = {}
    for i = 1, #t do h["k" .. (i % 1000)] = t[i] end local s = 0 for k, v in pairs(h) do s = s + v end print(s)`,
  "method calls": `local P = {} P.__index = P function P.new(x) return setmetatable({x = x}, P) end
    function P:inc(d) self.x = self.x + d return self end local p = P.new(0)
    for i = 1, ${1_000_000 * scale} do p:inc(1) end print(p.x)`,
  closures: `local s = 0 for i = 1, ${300_000 * scale} do local f = function(a) return a + i end s = s + f(1) end print(s)`,
  "string building": `local parts = {} for i = 1, ${100_000 * scale} do parts[#parts + 1] = tostring(i) .. "," end
    local s = table.concat(parts) local t = "" for i = 1, 5000 do t = t .. "x" end print(#s, #t)`,
  sort: `local t = {} local x = 42 for i = 1, ${100_000 * scale} do x = (x * 1103515245 + 12345) % 2147483648 t[i] = x end
    table.sort(t) print(t[1] <= t[2])`,
  "binary-trees": `local function make(d) if d == 0 then return {} end d = d - 1 return {make(d), make(d)} end
    local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) end return 1 end
    local n = 0 for i = 1, ${8 * scale} do n = n + check(make(14)) end print(n)`,
  "spectral-norm": `local function A(i, j) local ij = i + j - 1 return 1.0 / (ij * (ij - 1) * 0.5 + i) end
    local function Av(x, y, N) for i = 1, N do local a = 0 for j = 1, N do a = a + x[j] * A(i, j) end y[i] = a end end
    local function Atv(x, y, N) for i = 1, N do local a = 0 for j = 1, N do a = a + x[j] * A(j, i) end y[i] = a end end
    local N = ${120 * scale} local u, v, t = {}, {}, {} for i = 1, N do u[i] = 1 end
    for i = 1, 10 do Av(u, t, N) Atv(t, v, N) Av(v, t, N) Atv(t, u, N) end
    local vBv, vv = 0, 0 for i = 1, N do vBv = vBv + u[i] * v[i] vv = vv + v[i] * v[i] end
    print(string.format("%0.9f", math.sqrt(vBv / vv)))`,
};

const dir = mkdtempSync(join(tmpdir(), "lua-bench-"));
try {
  const bundle = join(dir, "lua.mjs");
  buildSync({ entryPoints: [join(import.meta.dirname, "../../src/lua/cli/lua.ts")], bundle: true, platform: "node",
    format: "esm", outfile: bundle, logLevel: "error" });
  const fengariRunner = join(dir, "fengari.cjs");
  writeFileSync(fengariRunner, `const { lauxlib, lualib, to_luastring } = require(${JSON.stringify(
    join(import.meta.dirname, "../../node_modules/fengari"))});
const L = lauxlib.luaL_newstate(); lualib.luaL_openlibs(L);
if (lauxlib.luaL_dofile(L, to_luastring(process.argv[2])) !== 0) { process.exit(1); }\n`);
  const lua54 = oracle("lua5.4").available;
  const rows5 = [];
  const rowsF = [];
  for (const [name, src] of Object.entries(scripts)) {
    const file = join(dir, name.replace(/ /g, "-") + ".lua");
    writeFileSync(file, src + "\n");
    const ours = timeCommand(process.execPath, [bundle, file], 1);
    rows5.push({ case: name, ours, peer: lua54 ? timeCommand("lua5.4", [file], 1) : "lua5.4 missing" });
    let fen: number | string;
    try {
      fen = timeCommand(process.execPath, [fengariRunner, file], 1);
    } catch {
      fen = "fails (Lua 5.3)";
    }
    rowsF.push({ case: name, ours, peer: fen });
  }
  report("Lua scripts: our lua (esbuild bundle) against lua5.4", "lua5.4", rows5);
  report("Lua scripts: our lua against fengari", "fengari", rowsF);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
