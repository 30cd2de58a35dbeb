local function pair()
  local n = 0
  return function() n = n + 1 return n end, function() n = n * 10 return n end
end
local inc, mul = pair()
local inc2 = pair()
print(inc(), mul(), inc(), inc2(), mul())
