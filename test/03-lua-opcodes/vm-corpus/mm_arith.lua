-- MMBIN MMBINI MMBINK: arithmetic and bitwise metamethods, operand order
local log = {}
local mt = {}
for _, e in ipairs({"add", "sub", "mul", "div", "mod", "pow", "unm", "idiv", "band", "bor", "bxor", "shl", "shr", "bnot"}) do
  mt["__" .. e] = function(a, b)
    return e .. "(" .. (type(a) == "table" and "T" or tostring(a)) .. "," .. (type(b) == "table" and "T" or tostring(b)) .. ")"
  end
end
local T = setmetatable({}, mt)
print(T + 1, 1 + T, T - 2.5, 3 * T, T / T, T % 7, 2 ^ T, -T, T // 1)
print(T & 1, 1 | T, T ~ T, T << 2, 2 >> T, ~T, T + "x", "10" + 1, "3" * "4", 10 - "2.5")
print(pcall(function() return {} + 1 end))
print(pcall(function() local a = "abc" return a + 1 end))
print(pcall(function() return 1 + nil end))
