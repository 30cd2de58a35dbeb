-- line comment
--[[ block
comment ]]
--[==[ another
]] still
]==]
local a = 1 -- trailing
--[[]] local b = 2
return a, b
