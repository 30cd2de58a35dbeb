-- load: an explicit nil environment is the chunk's first upvalue; errors inside the reader function
-- are returned by load (lbaselib.c generic_reader runs in lua_load's protected parser)
print(load("return _ENV", nil, "t", nil)())
print(load("return _ENV", nil, "t", 123)())
print(load("return _ENV")() == _G)
print(load("x = 1; return x", "=chunk", "t", {})())
-- (under lua5.4's message handler the message carries a traceback: print its first line)
local function first (f, msg) return f, (tostring(msg):match("^[^\n]*")) end
print(first(load(function () error("hhi") end)))
print(load(function () error({}) end) == nil)
print(first(load(function () return true end)))
local parts = {"return ", "1 ", "+ 2", nil}
local i = 0
print(load(function () i = i + 1 return parts[i] end)())
i = 0
parts = {"return ", "", "error"}
print(load(function () i = i + 1 return parts[i] end)())
print(load("*a = 123"))
print(pcall(load, 42))
print(load("return ...", "=args")(1, 2, 3))
