local x = "global?"
local function show() return x end
x = "changed"
local _ENV = { print = print, x = "env" }
print(show(), x)
