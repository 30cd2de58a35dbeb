local a = {}
local i = 1
i, a[i] = i + 1, 20
a, a.x = {}, 1
local function f()
  i, a[i] = 3, 4
  a, a.y = 5, 6
end
x, x.y = 1, 2
return f
