-- __call __eq __lt __le __unm __tostring __name __metatable
local C = setmetatable({}, {__call = function(self, a, b) return "called", a, b end})
print(C(1, 2))
local E = {__eq = function(a, b) return a.v == b.v end, __lt = function(a, b) return a.v < b.v end,
           __le = function(a, b) return a.v <= b.v end}
local a, b, c = setmetatable({v = 1}, E), setmetatable({v = 2}, E), setmetatable({v = 1}, E)
print(a == c, a ~= b, a < b, b <= a, a <= c, b > a, rawequal(a, c))
local S = setmetatable({}, {__tostring = function() return "I am S" end})
print(tostring(S), S)
local N = setmetatable({}, {__name = "MyType"})
print((tostring(N):gsub("0x%x+", "ADDR")))
print(pcall(function() return N < N end))
local P = setmetatable({}, {__metatable = "locked"})
print(getmetatable(P), pcall(setmetatable, P, {}))
print(getmetatable("abc").__index == string)
