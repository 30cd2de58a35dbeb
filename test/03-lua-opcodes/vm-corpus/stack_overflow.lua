-- deep recursion raises "stack overflow", catchable
local function rec(n) return 1 + rec(n + 1) end
local ok, msg = pcall(rec, 1)
print(ok, (string.gsub(msg, "^.-:%d+: ", "")))
local function rec2() rec2() end
print(pcall(rec2))
local t = setmetatable({}, {})
getmetatable(t).__index = function(t, k) return t[k] end
local ok2, m2 = pcall(function() return t.x end)
print(ok2, m2)
print("still alive")
