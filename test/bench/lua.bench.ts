// Benchmark: the same Lua scripts with our `lua` (bundled by esbuild, as the site ships it), with lua5.4
// and with fengari (the JavaScript Lua 5.3 VM from npm), in one run. Each script is sized to take about a
// second or more in lua5.4 and prints its results, which must be lua5.4's. Times are processor seconds
// (user + system, by GNU time), node's start-up and its compiler threads included.
//   npm run bench -- lua
// LUA_BENCH_SCALE=2 doubles every size; LUA_BENCH_CASES="fib,sort" runs some cases; LUA_BENCH_FENGARI=0
// leaves fengari out (it takes the longest); LUA_BENCH_RUNS=1 runs our two builds once each (2 by default).
//
// A third table measures what the instruction budget and the tracer's step hook cost the VM (chapter 04:
// the tracer costs nothing when unused): the same bundle built with the hook compiled out (the esbuild
// define LUA_NO_STEPHOOK, which removes the budget check from luaV_execute) against the normal one.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync, type BuildOptions } from "esbuild";
import { report, type Row } from "../../src/course/bench.ts";
import { oracle } from "../../src/course/oracle.ts";

const scale = Number(process.env.LUA_BENCH_SCALE ?? "1");
const n = (x: number): number => Math.round(x * scale);

/** Each script prints its results, so a wrong answer shows. */
const scripts: Record<string, string> = {
  fib: `local function fib(n) if n < 2 then return n end return fib(n-1) + fib(n-2) end print(fib(${35 + Math.log2(scale) | 0}))`,
  "numeric for": `local s = 0 for i = 1, ${n(90_000_000)} do s = s + i % 7 end print(s)`,
  "table insert and lookup": `local s = 0
    for r = 1, ${n(9)} do
      local t = {} for i = 1, 500000 do t[#t + 1] = i end local h = {}
      for i = 1, #t do h["k" .. (i % 1000)] = t[i] end for k, v in pairs(h) do s = s + v end
    end
    print(s)`,
  "method calls": `local P = {} P.__index = P function P.new(x) return setmetatable({x = x}, P) end
    function P:inc(d) self.x = self.x + d return self end local p = P.new(0)
    for i = 1, ${n(18_000_000)} do p:inc(1) end print(p.x)`,
  closures: `local s = 0 for i = 1, ${n(7_500_000)} do local f = function(a) return a + i end s = s + f(1) end print(s)`,
  "string building": `local n = 0
    for r = 1, ${n(2)} do
      local parts = {} for i = 1, 300000 do parts[#parts + 1] = tostring(i) .. "," end
      local s = table.concat(parts) local t = "" for i = 1, 15000 do t = t .. "x" end n = n + #s + #t
    end
    print(n)`,
  sort: `local t = {} local x = 42 for i = 1, ${n(1_500_000)} do x = (x * 1103515245 + 12345) % 2147483648 t[i] = x end
    table.sort(t) local c = 0 for i = 1, #t, 1000 do c = (c + t[i]) % 1000003 end print(t[1], t[#t], c)`,
  "binary-trees": `local function make(d) if d == 0 then return {} end d = d - 1 return {make(d), make(d)} end
    local function check(t) if t[1] then return 1 + check(t[1]) + check(t[2]) end return 1 end
    local n = 0 for i = 1, ${n(28)} do n = n + check(make(15)) end print(n)`,
  "n-body": `local sqrt = math.sqrt local SOLAR_MASS = 4 * math.pi * math.pi local DAYS_PER_YEAR = 365.24
    local function body(x, y, z, vx, vy, vz, mass)
      return {x = x, y = y, z = z, vx = vx * DAYS_PER_YEAR, vy = vy * DAYS_PER_YEAR, vz = vz * DAYS_PER_YEAR,
        mass = mass * SOLAR_MASS}
    end
    local bodies = {
      body(0, 0, 0, 0, 0, 0, 1),
      body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03,
        7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
      body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03,
        4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
      body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03,
        2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
      body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03,
        1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
    }
    local function advance(nbody, dt)
      for i = 1, nbody do
        local bi = bodies[i]
        local bix, biy, biz, bimass = bi.x, bi.y, bi.z, bi.mass
        local bivx, bivy, bivz = bi.vx, bi.vy, bi.vz
        for j = i + 1, nbody do
          local bj = bodies[j]
          local dx, dy, dz = bix - bj.x, biy - bj.y, biz - bj.z
          local d2 = dx * dx + dy * dy + dz * dz
          local mag = dt / (d2 * sqrt(d2))
          local bm = bj.mass * mag
          bivx, bivy, bivz = bivx - dx * bm, bivy - dy * bm, bivz - dz * bm
          bm = bimass * mag
          bj.vx, bj.vy, bj.vz = bj.vx + dx * bm, bj.vy + dy * bm, bj.vz + dz * bm
        end
        bi.vx, bi.vy, bi.vz = bivx, bivy, bivz
        bi.x, bi.y, bi.z = bix + dt * bivx, biy + dt * bivy, biz + dt * bivz
      end
    end
    local function energy(nbody)
      local e = 0
      for i = 1, nbody do
        local bi = bodies[i]
        local vx, vy, vz, bim = bi.vx, bi.vy, bi.vz, bi.mass
        e = e + 0.5 * bim * (vx * vx + vy * vy + vz * vz)
        for j = i + 1, nbody do
          local bj = bodies[j]
          local dx, dy, dz = bi.x - bj.x, bi.y - bj.y, bi.z - bj.z
          e = e - bim * bj.mass / sqrt(dx * dx + dy * dy + dz * dz)
        end
      end
      return e
    end
    local px, py, pz = 0, 0, 0
    for _, b in ipairs(bodies) do px, py, pz = px + b.vx * b.mass, py + b.vy * b.mass, pz + b.vz * b.mass end
    bodies[1].vx, bodies[1].vy, bodies[1].vz = -px / SOLAR_MASS, -py / SOLAR_MASS, -pz / SOLAR_MASS
    print(string.format("%0.9f", energy(#bodies)))
    for i = 1, ${n(400_000)} do advance(#bodies, 0.01) end
    print(string.format("%0.9f", energy(#bodies)))`,
  "spectral-norm": `local function A(i, j) local ij = i + j - 1 return 1.0 / (ij * (ij - 1) * 0.5 + i) end
    local function Av(x, y, N) for i = 1, N do local a = 0 for j = 1, N do a = a + x[j] * A(i, j) end y[i] = a end end
    local function Atv(x, y, N) for i = 1, N do local a = 0 for j = 1, N do a = a + x[j] * A(j, i) end y[i] = a end end
    local N = ${n(600)} local u, v, t = {}, {}, {} for i = 1, N do u[i] = 1 end
    for i = 1, 10 do Av(u, t, N) Atv(t, v, N) Av(v, t, N) Atv(t, u, N) end
    local vBv, vv = 0, 0 for i = 1, N do vBv = vBv + u[i] * v[i] vv = vv + v[i] * v[i] end
    print(string.format("%0.9f", math.sqrt(vBv / vv)))`,
};

/** GNU time, when installed: it gives a command's processor time, which other work on a shared machine
 * disturbs far less than the time on the clock. */
const gnutime = existsSync("/usr/bin/time") ? "/usr/bin/time" : null;

/** One run of a command: its processor seconds (user + system; the clock's seconds without GNU time) and
 * what it printed; a failure gives its first line of stderr. */
function run(command: string, args: string[]): { seconds: number; out: string } | { error: string } {
  const t = process.hrtime.bigint();
  const timing = join(dir, "time.txt");
  const r = gnutime === null ? spawnSync(command, args, { encoding: "latin1", maxBuffer: 1 << 26 })
    : spawnSync(gnutime, ["-f", "%U %S", "-o", timing, command, ...args], { encoding: "latin1", maxBuffer: 1 << 26 });
  const clock = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) return { error: (r.stderr || String(r.error ?? "")).trim().split("\n")[0] ?? "" };
  if (gnutime === null) return { seconds: clock, out: r.stdout };
  const [user, sys] = readFileSync(timing, "latin1").trim().split("\n").pop()!.split(" ").map(Number);
  return { seconds: user! + sys!, out: r.stdout };
}

const only = process.env.LUA_BENCH_CASES?.split(",").map((c) => c.trim());
const withFengari = process.env.LUA_BENCH_FENGARI !== "0";
const runs = Number(process.env.LUA_BENCH_RUNS ?? "2");
const dir = mkdtempSync(join(tmpdir(), "lua-bench-"));
try {
  const entry = join(import.meta.dirname, "../../src/lua/cli/lua.ts");
  const bundle = join(dir, "lua.mjs");
  const bare = join(dir, "lua-nohook.mjs");
  const options: BuildOptions = { entryPoints: [entry], bundle: true, platform: "node", format: "esm", logLevel: "error" };
  buildSync({ ...options, outfile: bundle });
  buildSync({ ...options, outfile: bare, define: { LUA_NO_STEPHOOK: "true" } });
  const fengariRunner = join(dir, "fengari.cjs");
  writeFileSync(fengariRunner, `const { lua, lauxlib, lualib, to_luastring } = require(${JSON.stringify(
    join(import.meta.dirname, "../../node_modules/fengari"))});
const L = lauxlib.luaL_newstate(); lualib.luaL_openlibs(L);
if (lauxlib.luaL_dofile(L, to_luastring(process.argv[2])) !== 0) {
  process.stderr.write(lua.lua_tojsstring(L, -1) + "\\n"); process.exit(1);
}\n`);
  if (!oracle("lua5.4").available) throw new Error("lua5.4 is missing: this benchmark compares with it (apt-get install lua5.4)");
  const rows5: Row[] = [];
  const rowsF: Row[] = [];
  const rowsH: Row[] = [];
  for (const [name, src] of Object.entries(scripts)) {
    if (only && !only.includes(name)) continue;
    const file = join(dir, name.replace(/ /g, "-") + ".lua");
    writeFileSync(file, src + "\n");
    const real = run("lua5.4", [file]);
    if ("error" in real) throw new Error(`lua5.4 failed on '${name}': ${real.error}`);
    // ours and the build without the hook alternate, so a change in the machine's load hits both
    const ours: number[] = [];
    const nohook: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [b, times] of [[bundle, ours], [bare, nohook]] as const) {
        const r = run(process.execPath, [b, file]);
        if ("error" in r) throw new Error(`our lua failed on '${name}': ${r.error}`);
        if (r.out !== real.out) throw new Error(`our lua printed ${JSON.stringify(r.out)} for '${name}', lua5.4 ${JSON.stringify(real.out)}`);
        times.push(r.seconds);
      }
    }
    const best = Math.min(...ours);
    rows5.push({ case: name, ours: best, peer: real.seconds });
    rowsH.push({ case: name, ours: best, peer: Math.min(...nohook) });
    if (withFengari) {
      const f = run(process.execPath, [fengariRunner, file]);
      const peer = "error" in f ? `fails: ${f.error.slice(0, 60)}`
        : f.out !== real.out ? `wrong output (Lua 5.3, 32-bit integers): ${f.out.trim().slice(0, 40)}` : f.seconds;
      rowsF.push({ case: name, ours: best, peer });
    }
  }
  report(`Lua scripts, processor seconds: our lua (esbuild bundle, best of ${runs}) against lua5.4`, "lua5.4", rows5);
  if (withFengari) report("Lua scripts: our lua against fengari (one run)", "fengari", rowsF);
  report(`The step hook's cost: our lua against the same bundle with the hook compiled out (best of ${runs})`, "nohook", rowsH);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
