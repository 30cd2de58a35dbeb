-- GETTABUP, GETTABLE, GETI, GETFIELD, SETTABUP, SETTABLE, SETI, SETFIELD, NEWTABLE, SELF, SETLIST
x = 10
local t = {1, 2, 3, a = "A", ["b c"] = 4, [10] = 5, [2.0] = "two"}
print(x, t[1], t[2], t.a, t["b c"], t[10], #t)
t.z = t.a .. "!"
t[100] = 1; t[3.5] = "f"; t[-1] = "m"
print(t.z, t[100], t[3.5], t[-1], t[2])
local o = {v = 3}
function o:get(d) return self.v + d end
print(o:get(4), o.get(o, 1))
local big = {}
for i = 1, 120 do big[i] = i * i end
print(#big, big[120], big[60])
local list = {table.unpack and 1, 2, 3}
local function three() return 7, 8, 9 end
local l2 = {three()}
local l3 = {three(), three()}
local l4 = {(three())}
print(#l2, #l3, #l4, l3[4])
