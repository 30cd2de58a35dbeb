local t = {a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9}
local u = {x = 1, 2, y = 3, 4, [5] = 5, 6}
local v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, f()}
local w = {f(), nil}
local z = {n = 1, ...}
return t, u, v, w, z
