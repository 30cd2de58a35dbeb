-- CONCAT LEN with numbers, __concat, __len
print("a" .. "b" .. 1 .. 2.0 .. -3, 1 .. "", 2^63 .. "", #"hello", #"", #{1, 2, 3})
local mt = {__concat = function(a, b) return "C(" .. tostring(type(a)) .. "," .. tostring(type(b)) .. ")" end,
            __len = function() return 42 end}
local o = setmetatable({}, mt)
print(o .. "x", "x" .. o, 1 .. o, #o)
print("x" .. "y" .. o .. "z")
print(pcall(function() return "a" .. {} end))
print(pcall(function() local t = {} return t .. "a" end))
print(pcall(function() return #5 end))
print(pcall(function() local n = nil return #n end))
