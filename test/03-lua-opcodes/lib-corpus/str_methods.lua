-- the string metatable: methods on string values, and string arithmetic
local s = "Hello"
print(s:rep(3, "-"), ("x"):rep(0), ("ab"):rep(2), s:upper(), s:lower(), s:len(), #s)
print(s:byte(1, -1))
print(s:sub(2), s:sub(-3, -2), s:sub(10), s:sub(0), s:sub(-100, 2))
print(("%d-%s"):format(42, "x"), ("abc"):find("b", 1, true), ("a.b"):find(".", 1, true))
print("10" + 1, "3" * "4", "2" ^ 2, 10 .. "", "0x10" + 0, " 5 " * 2, "7" // 2, -"2")
print(pcall(function() return "a" + 1 end))
print(pcall(function() return {} .. "x" end))
print(pcall(string.rep))
print(pcall(string.rep, "x", -1))
print(pcall(("x").bad))
print(string.char(), string.char(72, 105), pcall(string.char, 256))
print(pcall(string.byte, "abc", 1.5))
