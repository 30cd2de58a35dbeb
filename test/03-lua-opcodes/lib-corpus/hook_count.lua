-- debug.sethook with a count: the hook runs every n instructions, can stop a loop, and is turned off
local cnt = 0
local function hk(ev, line) cnt = cnt + 1 assert(ev == "count" and line == nil) end
debug.sethook(hk, "", 1)
local x = 1
x = x + 1
x = x * 2
debug.sethook()
print(cnt, debug.gethook())
local n = 0
debug.sethook(function() n = n + 1 end, "", 3)
local a = 0
for i = 1, 100 do a = a + i end
debug.sethook()
print(n, a)
print(pcall(function()
  debug.sethook(function() error("too long") end, "", 1000)
  while true do end
end))
debug.sethook()
local f, m, c = (function() debug.sethook(hk, "", 7) local f, m, c = debug.gethook() debug.sethook() return f, m, c end)()
print(f == hk, m, c, debug.gethook())
print(pcall(debug.sethook, 1, ""))
