-- MOVE, LOADI, LOADF, LOADK, LOADKX, LOADFALSE, LFALSESKIP, LOADTRUE, LOADNIL
local a, b, c = 1, 2.0, "three"
local d = a
local e = -65536
local f = 1e100
local g = 65535.0
local h, i, j
local k = not nil
local l = (a > 5)
print(a, b, c, d, e, f, g, h, i, j, k, l, math.type(b), math.type(g), math.type(e))
local x = 1 == 1 and false or true
print(x, 3 // 1, 3 / 1, -0.0, 0.0, 1e15, 1e16, 2^63, 123456789012345.0)
