print()
print(1)
print(1, 2, 3)
print(f())
print(f(), g())
print((f()))
local a = f()
local b, c = f()
local d, e, g2 = f(), 1
obj:method(1, 2)
obj.field:method()
obj:method "str"
obj:method {1, 2}
f "str"
f {x = 1}
f(...)
local r = f(g(h(1)))
return f(1)
