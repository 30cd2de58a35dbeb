local t = {1, 2, 3}
for k, v in pairs(t) do print(k, v) end
for i, v in ipairs(t) do print(i, v) end
for k in next, t do print(k) end
for a, b, c, d in f() do print(a, b, c, d) end
for _, v in ipairs(t) do
  local w = v
  f = function() return w end
  if v == 2 then break end
end
