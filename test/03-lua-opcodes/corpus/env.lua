local _ENV = {print = print}
x = 1
print(x)
local function f()
  y = 2
  return _ENV
end
return f
