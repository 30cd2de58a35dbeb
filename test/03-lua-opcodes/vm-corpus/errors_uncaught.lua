-- an uncaught error: exit status 1, message with position
local function inner() local t = nil; return t.field end
print("before")
inner()
print("after")
