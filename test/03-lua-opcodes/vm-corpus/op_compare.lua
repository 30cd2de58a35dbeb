-- EQ LT LE EQK EQI LTI LEI GTI GEI, integer/float exactness
local i, f = 2^53, 2^53 + 1
print(1 == 1.0, 1 < 1.5, 2 <= 2.0, "a" < "b", "abc" < "abd", "Z" < "a", "" < "a", "a\0b" < "a\0c")
print(math.maxinteger < 2^63, math.maxinteger + 0.0 == 2^63, math.mininteger == -2^63, 9007199254740993 < 9007199254740992.0)
local x = 5
print(x == 5, x ~= 5, x < 10, x <= 5, x > 4, x >= 6, x == 5.0, x < 5.5, 0/0 == 0/0, 0/0 ~= 0/0)
local n = 0/0
print(n < 1, n > 1, n <= n, 1 < math.huge, -math.huge < math.mininteger)
print(pcall(function() return 1 < "2" end))
print(pcall(function() return {} < {} end))
print(pcall(function() return nil <= 1 end))
print("10" == 10, {} == {}, "x" == "x")
