-- TFORPREP TFORCALL TFORLOOP with stateless and stateful iterators, and a closing value
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i, i * i end end
end
for a, b in range(3) do io.write(a, ":", b, " ") end print()
local t = {10, 20, 30}
for i, v in ipairs(t) do io.write(i, "=", v, " ") end print()
local function iter(s, c) if c < s then return c + 1 end end
for v in iter, 4, 0 do io.write(v, " ") end print()
local keys = {}
for k in pairs({a = 1, b = 2, c = 3}) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys))
local closed = false
local mt = {__close = function() closed = true end}
for v in iter, 2, 0, setmetatable({}, mt) do end
print(closed)
