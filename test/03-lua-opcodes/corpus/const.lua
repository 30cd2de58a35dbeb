local a <const> = 10
local b <const> = a * 2
local c <const> = "str" .. "x"
local d <const> = nil
local e <const> = true
local f <const> = 3.5
local g <const> = {}
local function h() return a + b, d, e, f, g end
local t = {a, b, d, e, f, c}
return a + 1, b, h, t, a < b, -a
