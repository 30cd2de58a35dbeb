local a = {}
a.b = {}
a.b.c = function(self) return self end
local r = a.b:c()
local s = a["b"]:c()
local k = "b"
local t = a[k]:c()
return r, s, t
