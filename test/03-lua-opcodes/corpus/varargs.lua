local function f(...)
  local a, b = ...
  local t = {...}
  local n = select("#", ...)
  return ..., a, b
end
local function g(a, ...)
  return a, ...
end
local function h(...) return (...) end
print(...)
return f(1, 2), g(...), h()
