local a, b, c
a, b = 1, 2
a, b = b, a
a, b, c = f()
a, b, c = 1
a = 1, 2, 3
t.x, t.y = t.y, t.x
t[a], t[b] = 1, 2
a, t[a] = 3, 4
t[a], a = 5, 6
x, y = y, x
local t2 = {}
t2[1], t2 = 1, nil
return a, b, c
