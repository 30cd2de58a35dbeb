-- BAND BOR BXOR SHL SHR BNOT with K and immediates, floats with integral values
local a, b = 0xF0, 0x3C
print(a & b, a | b, a ~ b, ~a, a << 4, a >> 4, a & 0xF, a | 1, a ~ 0xFF, 1 << 62, 3.0 & 1, 2^53 | 0)
print(-1 >> 60, -1 << 70, 5 >> 0, 5 << 0, 0x7fffffffffffffff >> 62, math.mininteger >> 63)
print(pcall(function() return 1.5 & 1 end))
print(pcall(function() return "3" & 1 end))
print(pcall(function() local s = {} return s | 1 end))
