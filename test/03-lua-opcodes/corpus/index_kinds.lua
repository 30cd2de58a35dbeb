local t, k = ...
local a = t.x
local b = t[1]
local c = t[k]
local d = t["a long string key that is longer than forty characters"]
local e = t[255]
local f = t[256]
local g = t[-1]
local h = t[true]
local i = t[1.0]
t.x = a; t[1] = b; t[k] = c; t[255] = 1; t[256] = 2; t[true] = 3
t.y = nil; t.z = true; t.w = 1.5; t.v = "s"; t.u = 1000000
return a, b, c, d, e, f, g, h, i
