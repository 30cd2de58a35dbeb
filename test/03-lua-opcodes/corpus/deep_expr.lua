local a, b, c, d = ...
local x = ((a + b) * (c - d)) / ((a - b) * (c + d)) + ((a * b) - (c * d)) ^ 2
local y = a + b + c + d + a + b + c + d + a + b + c + d
local z = a * (b * (c * (d * (a * (b * (c * d))))))
local w = {{{{{{a}}}}}}
local v = f(f(f(f(f(f(a))))))
return x, y, z, w, v
