-- ADD SUB MUL MOD POW DIV IDIV with integers, wraparound and floor rules
local maxi, mini = math.maxinteger, math.mininteger
print(maxi + 1 == mini, mini - 1 == maxi, maxi * 2, mini * -1)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7.0 // 2, -7.5 // 2, 7 % 2.5, -7 % 2.5, 5.3 % -2, 2^10, 2^-1, 10 / 4)
print(mini // -1, mini % -1, 3 % math.huge, -3 % math.huge, 1 // 0.0, -1 // 0.0)
local a, b = 9007199254740993, 2
print(a + b, a * b, a - 9007199254740992, a // b, a % b)
print(0x7fffffffffffffff, 0xffffffffffffffff, 1 << 63, 1 << 64, -1 >> 1, 3 & 5, 3 | 5, 3 ~ 5, ~0)
print(1 << -1, 256 >> -2, 2^53 + 1, math.tointeger(2^53), 5 // 0.0, -5 % 0.0 ~= -5 % 0.0)
