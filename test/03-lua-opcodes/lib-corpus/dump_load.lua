-- string.dump and load of a binary chunk: the same bytes as lua5.4 dumps, and the function runs again
local function f(a, b) local u = a + b return function(x) return x * u .. "s" end end
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
print(hex(string.dump(f)))
print(hex(string.dump(f, true)))
print(load(string.dump(f))(2, 3)(10))
print(pcall(string.dump, string.len))
print(pcall(string.dump, 1))
print(load(string.dump(function() return x end))())
print(load(string.dump(load("return ...")))(1, 2))
print(load("x", "n", "b"))
print(load(string.dump(f), "bin", "t"))
print(load(string.dump(f):sub(1, 20)))
