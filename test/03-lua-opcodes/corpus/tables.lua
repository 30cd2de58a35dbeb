local t = {}
local u = {1, 2, 3, x = 1, ["y"] = 2, [3 + 4] = 5; 6}
local v = {f(), g()}
local w = {f(), (g())}
local x = {...}
local y = {[1] = 1, [2] = 2, n = 2}
t.a = 1; t["b"] = 2; t[1] = 3; t[256] = 4; t[-1] = 5; t[1.5] = 6; t.a.b.c = 7
t[u] = t[v]
local z = t.a.b[1][x]
return t, u, v, w, x, y, z
