-- __pairs, next, ipairs stopping at nil, ipairs honouring __index
local t = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end})
for k, v in pairs(t) do print(k, v) end
local u = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 2 end end})
for i, v in ipairs(u) do io.write(i, "=", v, " ") end print()
print(next({}), next({5}))
local n = 0
for k, v in pairs({1, 2, 3, x = 4, y = 5}) do n = n + v end
print(n)
print(pcall(next, {}, "nokey"))
