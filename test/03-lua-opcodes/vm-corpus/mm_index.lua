-- __index / __newindex chains, functions and tables, rawget/rawset
local base = {greet = "hello"}
local mid = setmetatable({}, {__index = base})
local top = setmetatable({}, {__index = mid})
print(top.greet, rawget(top, "greet"), top.none)
local log = {}
local p = setmetatable({}, {__index = function(t, k) return k .. "?" end,
  __newindex = function(t, k, v) rawset(t, k, v * 2) end})
p.x = 21
print(p.x, p.y, rawget(p, "y"))
local store = {}
local q = setmetatable({}, {__newindex = store})
q.a = 1
print(rawget(q, "a"), store.a)
local r = setmetatable({}, {__index = function(_, i) return i * 10 end})
print(r[1], r[2.5], r[-3])
local cnt = 0
local s = setmetatable({}, {__index = function() cnt = cnt + 1 return nil end})
local _ = s.a, s.b
print(cnt)
print(pcall(function() local z = 1; return z.x end))
print(pcall(function() local z; z.x = 1 end))
