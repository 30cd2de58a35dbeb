local t = {}
t[1.0] = 1; t[2.5] = 2; t[1] = 3; t[0.0] = 4; t[-0.0] = 5
local a = 1.0 + 2
local b = 3 == 3.0
local c = x == 1.0
local d = x < 2.0
local e = x > 2.5
return t, a, b, c, d, e, 1.0, 1, 2.0, 2
