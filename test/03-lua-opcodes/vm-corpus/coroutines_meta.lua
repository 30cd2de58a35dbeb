-- yields inside metamethods and iterators (lvm.c luaV_finishOp)
local mt = {__add = function(a, b) return coroutine.yield("adding") end,
            __index = function(t, k) return coroutine.yield("indexing " .. k) end,
            __lt = function(a, b) return coroutine.yield("comparing") end,
            __concat = function(a, b) return coroutine.yield("concat") end,
            __eq = function(a, b) return coroutine.yield("eq") end}
local co = coroutine.wrap(function()
  local o = setmetatable({}, mt)
  local r = o + 1
  print("sum", r)
  print("field", o.foo)
  print("lt", o < o)
  print("cat", "a" .. o .. "b")
  print("eq", o == setmetatable({}, mt))
  for i, v in function(s, c) if c < 2 then return coroutine.yield("iter") end end, nil, 0 do print("loop", i, v) end
  return "done"
end)
print(co())
print(co(100))
print(co("bar"))
print(co(true))
print(co("X"))
print(co(false))
print(co(1, "a"))
print(co(2, "b"))
print(co(nil))
