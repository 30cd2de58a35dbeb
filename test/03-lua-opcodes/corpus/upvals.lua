local a, b, c = 1, 2, 3
local function f()
  a = 10
  local function g()
    b = a + c
    return function() return a, b, c end
  end
  return g
end
do
  local d = 4
  f = function() return d end
end
return f
