-- math.max/math.min compare any values with lua_compare (lmathlib.c); os.setlocale knows the C locale
print(pcall(math.max))
print(pcall(math.min))
print(math.max("a", "b", "ab"), math.min("a", "b", "ab"))
print(pcall(math.max, "10", 2))
print(math.max(1, 2.0, 2), math.max(2, 2.0), math.min(-0.0, 0), math.min(0, -0.0))
print(math.max(math.maxinteger, 2^63), math.min(math.mininteger, -2^63))
local mt = {__lt = function (a, b) return a.v < b.v end}
local a, b = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
print(math.max(a, b) == b, math.min(a, b) == a)
print(pcall(math.min, {}, {}))
print(os.setlocale(), os.setlocale("C"), os.setlocale(nil, "numeric"), os.setlocale("POSIX", "ctype"))
print(os.setlocale("no_SUCH.locale"))
print(pcall(os.setlocale, "C", "bad"))
