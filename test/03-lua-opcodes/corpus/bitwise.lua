local a, b = ...
local r = {a & b, a | b, a ~ b, ~a, a << b, a >> b, a & 1, 1 & a, a | 0xffff, a ~ 3.0, a << 1, 1 << a, a >> 64, a << -1, a >> -3}
local k = {1 & 3, 1 | 2, 5 ~ 3, ~0, 1 << 63, 1 << 64, -1 >> 1, 2.0 & 3, 1 << 1.5}
return r, k
