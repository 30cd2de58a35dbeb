-- GETUPVAL, SETUPVAL, CLOSURE, and upvalues shared between closures
local function counter()
  local n = 0
  return function() n = n + 1; return n end, function() return n end
end
local inc, get = counter()
inc(); inc()
print(get(), inc(), get())
local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local acc = {}
local j = 0
while j < 3 do j = j + 1; local k = j * 10; acc[j] = function() k = k + 1; return k end end
print(acc[1](), acc[1](), acc[2](), acc[3]())
