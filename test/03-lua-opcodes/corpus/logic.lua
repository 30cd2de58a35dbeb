local a, b, c = ...
local x = a and b
local y = a or b
local z = a and b or c
local w = not a
local v = not not a
local u = (a and b) or (c and a)
local s = a or 1
local r = nil and a
local q = false or a
local p = 1 and 2
local o = (a == b) and c
local n = not (a < b)
if a and b then print(1) end
if a or b then print(2) end
if not a then print(3) end
if not (a and b) then print(4) end
while a and not b do a = c end
return x, y, z, w, v, u, s, r, q, p, o, n
