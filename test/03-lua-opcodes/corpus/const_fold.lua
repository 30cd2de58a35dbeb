local a = 1 + 2 * 3 - 4 / 2
local b = 2^10 // 3 % 7
local c = 7 // 0.0
local d = 1 // 0
local e = -(-3) + ~5 & 0xff | 3 ~ 1 << 2 >> 1
local f = 3.0 | 0
local g = 1.5 | 0
local h = -0.0
local i = 0.0 * -1
local j = "10" + 1
local k = math.maxinteger + 1
local l = 9007199254740993
return a, b, c, d, e, f, g, h, i, j, k, l
