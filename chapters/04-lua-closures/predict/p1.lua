local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
local j = 1
local gs = {}
while j <= 3 do gs[j] = function() return j end j = j + 1 end
print(fs[1](), fs[3](), gs[1](), gs[3]())
