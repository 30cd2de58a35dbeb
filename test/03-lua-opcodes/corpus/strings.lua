local a = "hello\n\t\\\"world\""
local b = 'single \'quoted\''
local c = [[long
string]]
local d = [==[with ]] inside]==]
local e = "\x41\65\u{48}\u{7FF}\u{FFFF}\u{10FFFF}\u{7FFFFFFF}"
local f = "a\z
     b"
local g = "\0\1\127\255"
local h = "été"
local i = [[
]]
local j = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
local k = "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
local l = "\a\b\f\v\r"
return a, b, c, d, e, f, g, h, i, j, k, l
