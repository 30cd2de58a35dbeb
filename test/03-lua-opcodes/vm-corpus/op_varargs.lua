-- VARARGPREP VARARG, select with negative indices, table.pack/unpack
local function f(a, ...)
  local n = select("#", ...)
  local t = {...}
  return a, n, #t, ...
end
print(f())
print(f(1))
print(f(1, 2, 3))
print(f(1, nil, nil))
local function g(...) return select(-1, ...) end
print(g(1, 2, 3))
print(pcall(select, -5, 1))
local function h(...) local a, b = ... return a, b end
print(h(9))
print(table.unpack({1, 2, 3}, 2))
local p = table.pack(1, nil, 3)
print(p.n, p[1], p[2], p[3])
local function count(...) return select("#", ...) end
print(count(table.unpack({}, 1, 5)))
