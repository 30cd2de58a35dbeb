-- CALL TAILCALL RETURN RETURN0 RETURN1 with multiple results
local function none() end
local function one() return 1 end
local function many() return 1, 2, 3 end
local function pass(...) return ... end
print(none(), one(), many())
print((many()))
print(many(), "end")
print(pass(many()))
print(select("#", none()), select("#", pass(nil, nil)), select("#", many()))
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end
print(tail(100000))
local function sum(n, acc) if n == 0 then return acc end return sum(n - 1, acc + n) end
print(sum(1000000, 0))
local t = {many()}
print(#t, t[3])
local a, b, c, d = many()
print(a, b, c, d)
local function adjust() local x, y = one() return x, y end
print(adjust())
