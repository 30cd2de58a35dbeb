local a, b = (f())
local t = {(f())}
return (f()), (...)
