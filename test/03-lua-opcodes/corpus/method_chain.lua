local r = obj:a():b():c(1):d "x" :e {y = 1}
local s = f()()()
local t = f().x.y()
return r, s, t
