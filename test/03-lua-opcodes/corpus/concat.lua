local a, b, c = ...
local s = a .. b
local t = a .. b .. c
local u = "x" .. 1 .. 2.5
local v = a .. (b .. c)
local w = (a .. b) .. c
local x = a .. b .. c .. a .. b .. c
return s, t, u, v, w, x
