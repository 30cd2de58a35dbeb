// Closure programs for chapter 04's differential tests and graded suites: hand-written ones by theme, and
// generated families (captures nested several levels deep, loops creating closures, goto out of blocks,
// <close> with errors). Each prints what it observes; none depends on pairs order.
import type { Program } from "../03-lua-opcodes/vm-oracle.ts";

const res = `local function res(name, log)
  return setmetatable({}, { __close = function(_, e) print("close", name, e) if log then error(log, 0) end end })
end
`;

/** Hand-written programs, by theme. */
export const THEMES: Record<string, string[]> = {
  shared: [
    "local function counter() local n = 0 return function() n = n + 1 return n end end\nlocal a, b = counter(), counter()\nprint(a(), a(), b(), a())",
    "local function pair() local n = 0 return function() n = n + 1 end, function() return n end end\nlocal inc, get = pair() inc() inc() print(get())",
    "local x = 1\nlocal function f() return x end\nx = 2\nprint(f())\nlocal function g() x = 3 end g() print(x, f())",
    "local function mk() local a, b = 1, 2 local function s() a, b = b, a end local function g() return a, b end return s, g end\nlocal s, g = mk() s() print(g()) s() print(g())",
    "local t = {}\nlocal v = 10\nfor i = 1, 3 do t[i] = function() v = v + i return v end end\nprint(t[1](), t[2](), t[3](), v)",
    "local function outer() local x = 0 local function mid() local function inner() x = x + 1 return x end return inner end return mid(), function() return x end end\nlocal inc, get = outer() inc() inc() print(get())",
    "local a = {}\ndo local y = 5 a.get = function() return y end a.set = function(v) y = v end end\na.set(9) print(a.get())",
    "local function f(...) local t, n = {...}, select('#', ...) return function() n = n + 1 return #t, n end end\nlocal g = f(1, 2, 3) print(g()) print(g())",
  ],
  loops: [
    "local fs = {}\nfor i = 1, 3 do fs[i] = function() return i end end\nprint(fs[1](), fs[2](), fs[3]())",
    "local fs = {}\nlocal i = 1\nwhile i <= 3 do local j = i fs[i] = function() return j end i = i + 1 end\nprint(fs[1](), fs[2](), fs[3]())",
    "local fs = {}\nlocal i = 1\nwhile i <= 3 do fs[i] = function() return i end i = i + 1 end\nprint(fs[1](), fs[2](), fs[3]())",
    "local fs = {}\nfor k, v in ipairs({'a', 'b', 'c'}) do fs[k] = function() return k .. v end end\nprint(fs[1](), fs[2](), fs[3]())",
    "local fs = {}\nlocal n = 0\nrepeat local m = n * n fs[#fs + 1] = function() m = m + 1 return m end n = n + 1 until m > 8\nprint(#fs, fs[1](), fs[1](), fs[4]())",
    "local fs = {}\nfor i = 1, 5 do if i % 2 == 0 then fs[#fs + 1] = function() return i end else goto continue end ::continue:: end\nprint(fs[1](), fs[2]())",
    "local fs = {}\nfor i = 1, 10 do local x = i * 2 fs[i] = function() return x end if i == 3 then break end end\nprint(#fs, fs[1](), fs[3]())",
  ],
  env: [
    "x = 5\nlocal function f() return x end\nprint(f())\nlocal _ENV = { print = print, x = 7 }\nprint(x, f())",
    "local function with(env) local _ENV = env return function() return y end end\nprint(with({ y = 1 })(), with({ y = 2 })())",
    "local f = load('return a')\nprint(f())\nlocal g = load('return a', 'c', 't', { a = 42 })\nprint(g())",
    "local function f() return print end\nlocal name, v = debug.getupvalue(f, 1)\nprint(name, v == _ENV, debug.getupvalue(print, 1))",
  ],
  goto: [
    "local fs = {}\ndo local i = 1 ::top:: local x = i fs[i] = function() return x end i = i + 1 if i <= 3 then goto top end end\nprint(fs[1](), fs[2](), fs[3]())",
    "local f\ndo local a = 1 f = function() a = a + 1 return a end goto out end\n::out:: print(f(), f())",
    "local r = {}\nfor i = 1, 3 do local c = i * 10 r[i] = function() return c end if i == 2 then goto done end end\n::done:: print(#r, r[1](), r[2]())",
  ],
  coroutines: [
    "local function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(function() return i end) end end) end\nlocal g = gen(3) local a, b, c = g(), g(), g() print(a(), b(), c())",
    "local x = 0\nlocal co = coroutine.create(function() local y = 1 local f = function() y = y + 1 x = x + y return y end coroutine.yield(f) return f() end)\nlocal _, f = coroutine.resume(co) print(f(), x) print(coroutine.resume(co)) print(f(), x)",
    "local acc = {}\nlocal co = coroutine.wrap(function() local n = 0 while true do n = n + 1 acc[n] = function() return n end coroutine.yield() end end)\nco() co() co() print(acc[1](), acc[3]())",
  ],
  close: [
    res + "do local a <close> = res('a') local b <close> = res('b') print('body') end\nprint('after')",
    res + "print(pcall(function() local a <close> = res('a') local b <close> = res('b') error('boom', 0) end))",
    res + "print(pcall(function() local a <close> = res('a', 'in a') local b <close> = res('b') error('boom', 0) end))",
    res + "print(pcall(function() local a <close> = res('a') local b <close> = res('b', 'in b') return 1 end))",
    res + "local function f() local a <close> = res('a') return 'ret' end\nprint(f())",
    res + "for i = 1, 2 do local c <close> = res('loop' .. i) if i == 2 then break end end\nprint('end')",
    res + "local function f() local x <close> = res('x') local y <close> = nil local z <close> = false print('mid') end\nf()",
    res + "print(pcall(function() local x <close> = 42 end))",
    res + "local co = coroutine.wrap(function() local c <close> = res('co') coroutine.yield(1) return 2 end)\nprint(co()) print(co())",
    res + "do local a <close> = res('a') do local b <close> = res('b') goto out end ::out:: print('inner out') end",
  ],
};

const fill = (s: string, vars: Record<string, string | number>): string =>
  s.replace(/\$(\w+)/g, (_, k: string) => String(vars[k]));

/** Generated programs: nested captures of depth 1..6, loops of each kind creating closures, goto out of
 * blocks, <close> lists with an error at each position. */
export function generated(): string[] {
  const out: string[] = [];
  for (let depth = 1; depth <= 6; depth++) {
    for (const mode of ["read", "write", "both"]) {
      let body = mode === "read" ? "return v0" : mode === "write" ? "v0 = v0 + 1 return v0" : `v0 = v0 + v${depth - 1} return v0`;
      for (let d = depth - 1; d >= 0; d--) body = `local v${d} = ${d + 1}\nreturn function() ${body} end`;
      out.push(`local function make() ${body} end\nlocal f = make()\n${"for _ = 2, ".concat(String(depth), " do f = f() end")}\nprint(f(), f())`);
    }
  }
  for (let n = 1; n <= 4; n++) {
    for (const loop of ["for i = 1, $n do", "for i = $n, 1, -1 do", "for _, i in ipairs({$list}) do"]) {
      const list = Array.from({ length: n }, (_, j) => j + 1).join(", ");
      out.push(fill(`local fs, s = {}, 0\n${loop} local sq = i * i fs[#fs + 1] = function(d) sq = sq + d return sq end end\nfor _, f in ipairs(fs) do s = s + f(1) + f(1) end\nprint(#fs, s)`, { n, list }));
    }
  }
  for (let k = 1; k <= 4; k++) {
    out.push(`local fs = {}\nlocal i = 0\n::again:: do local x = i * ${k} fs[#fs + 1] = function() x = x + 1 return x end end\ni = i + 1 if i < ${k + 1} then goto again end\nlocal t = {} for j = 1, #fs do t[j] = fs[j]() + fs[j]() end print(table.concat(t, ' '))`);
    out.push(`local f, g\nfor i = 1, ${k + 2} do local a = i do local b = a * 2 f = function() return a + b end if i == ${k} then goto out end end end\n::out:: print(f())`);
  }
  for (let n = 1; n <= 4; n++) {
    for (let errAt = 0; errAt <= n; errAt++) {
      const decls = Array.from({ length: n }, (_, j) => `local c${j} <close> = res('c${j}'${j + 1 === errAt ? `, 'e${j}'` : ""})`).join(" ");
      out.push(res + `print(pcall(function() ${decls} print('body') end))`);
      out.push(res + `print(pcall(function() ${decls} error('fail${errAt}', 0) end))`);
    }
  }
  return out;
}

/** Every program of the corpus, named by theme. */
export function corpus(): Program[] {
  const progs: Program[] = [];
  for (const [theme, list] of Object.entries(THEMES)) list.forEach((source, j) => progs.push({ name: `${theme}${j}.lua`, source }));
  generated().forEach((source, j) => progs.push({ name: `gen${j}.lua`, source }));
  return progs;
}
