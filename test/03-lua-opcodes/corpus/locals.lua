local a
local b, c = 1, 2
local d, e, f = 3
local g <const> = 10
local h <const> = "str"
local i <close> = nil
local j = g + 1
print(a, b, c, d, e, f, g, h, j)
