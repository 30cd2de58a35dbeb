local obj = {}
function obj.f(a) return a end
function obj:g(a) return self, a end
function obj.a.b.c:d() return self end
local function h(...) return ... end
return obj:g(1), obj.f(2), h(3)
