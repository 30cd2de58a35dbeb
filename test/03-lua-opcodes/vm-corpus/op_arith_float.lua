-- float arithmetic and printing with %.14g
print(0.1 + 0.2, 1/3, -1/3, 100/3, 2^0.5, 1e300 * 1e10, -1e300 * 1e10)
print(3.0, -3.0, 1e14, 1e15, 123456.789e3, 5e-324, 2.5e-7, 0.1)
print(math.pi, -math.pi, math.huge, -math.huge, 1e100, 12345678901234567890)
print(7.5 // 2, 7.5 % 2, -7.5 % 2, 7.5 % -2, 3 // 0.5, 2^63, -2^63, 1e15 + 0.5)
local x = 0.0
for i = 1, 10 do x = x + 0.1 end
print(x, x == 1.0, x < 1.0, math.type(x))
