local function f0() end
local function f1() return end
local function f2() return 1 end
local function f3() return 1, 2 end
local function f4(a) return a end
local function f5(...) return ... end
local function f6() return f5() end
local function f7() return (f5()) end
local function f8() return f5(), f5() end
local function f9(a, b) local c = a + b; return c end
local function f10() return; end
return f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10
