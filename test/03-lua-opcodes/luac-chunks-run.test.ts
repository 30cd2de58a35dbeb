// Binary chunks written by our ldump.ts run in the real lua5.4 with the output of the source itself.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { needs } from "../../src/course/oracle.ts";
import { luaU_dump } from "../../src/lua/ldump.ts";
import { luaL_loadfile } from "../../src/lua/lload.ts";
import { writeBatch } from "./luac-oracle.ts";

const programs = new Map<string, string>([
  ["fib.lua", "local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end\nfor i = 0, 15 do io.write(fib(i), ' ') end\nprint()\n"],
  ["closures.lua", "local fs = {}\nfor i = 1, 5 do fs[i] = function() return i * i end end\nlocal s = 0\nfor _, f in ipairs(fs) do s = s + f() end\nprint(s)\n"],
  ["strings.lua", "local t = {}\nfor w in ('the quick brown fox'):gmatch('%a+') do t[#t + 1] = w:upper() end\nprint(table.concat(t, '-'), #t, ('x'):rep(3, ','))\n"],
  ["numbers.lua", "print(7 // 2, 7 % -3, 7 / 2, 2^53, math.maxinteger + 1 == math.mininteger, 1e308 * 10, -0.0, 3 | 5, ~0 >> 60)\n"],
  ["tables.lua", "local t = {10, 20, 30, x = 1, [2.0] = 'two'}\nprint(#t, t[2], t.x)\nlocal n = 0\nfor k, v in pairs({a = 1, b = 2, c = 3}) do n = n + v end\nprint(n)\n"],
  ["varargs.lua", "local function f(...) return select('#', ...), ... end\nprint(f(1, nil, 3))\nprint((f(1, 2)))\nlocal t = table.pack(f())\nprint(t.n)\n"],
  ["goto.lua", "local i = 1\n::top::\nif i <= 3 then io.write(i, ' ') i = i + 1 goto top end\nprint()\nfor j = 1, 3 do for k = 1, 3 do if k == 2 then goto continue end io.write(j, k, ' ') ::continue:: end end\nprint()\n"],
  ["tbc.lua", "do\n  local x <close> = setmetatable({}, {__close = function() print('closed') end})\n  print('in block')\nend\nlocal c <const> = 42\nprint(c)\n"],
  ["coroutines.lua", "local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)\nprint(co(1), co(10))\n"],
  ["errors.lua", "print(pcall(error, 'boom'))\nprint(select(2, pcall(function() local t = nil; return t.x end)))\nlocal x = nil + 1\n"],
]);

needs("lua5.4").describe("our binary chunks in the real lua5.4", () => {
  needs("lua5.4").test(`${programs.size} programs: the chunk runs as the source does`, () => {
    const { dir, done } = writeBatch(programs);
    try {
      for (const name of programs.keys()) {
        const chunk = luaU_dump(luaL_loadfile(readFileSync(join(dir, name)), name), false);
        writeFileSync(join(dir, name + ".out"), chunk);
        const fromSource = spawnSync("lua5.4", [name], { cwd: dir, encoding: "latin1", timeout: 10_000 });
        const fromChunk = spawnSync("lua5.4", [name + ".out"], { cwd: dir, encoding: "latin1", timeout: 10_000 });
        expect(fromChunk.stdout, `${name}: stdout`).toBe(fromSource.stdout);
        expect(fromChunk.status, `${name}: exit status`).toBe(fromSource.status);
        // the first line of an error names the chunk by its source, which the chunk carries
        expect(fromChunk.stderr.split("\n")[0], `${name}: error`).toBe(fromSource.stderr.split("\n")[0]);
      }
    } finally {
      done();
    }
  }, 60_000);
});
