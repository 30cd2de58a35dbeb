local x = 1
local function f()
  local y = 2
  return function()
    x = x + y
    return function() return x, y end
  end
end
local g = function(a) return function(b) return a + b end end
for i = 1, 3 do
  local z = i
  g = function() return z end
end
return f, g
