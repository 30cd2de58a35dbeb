local a = "x"
local function f() return "x", "y" end
local b = "y"
local function g() return "y", "x", "z" end
local c = "z"
return a, b, c, f, g
