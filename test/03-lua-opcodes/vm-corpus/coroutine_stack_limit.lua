-- results of a coroutine must fit in the resumer's stack (lcorolib.c auxresume checks with
-- lua_checkstack): near LUAI_MAXSTACK the resume fails instead of overflowing
for _, j in ipairs({999990, 999995, 999999, 1000000, 1000001}) do
  local co = coroutine.create(function ()
    local t = {}
    for i = 1, j do t[i] = i end
    return table.unpack(t)
  end)
  local r, msg = coroutine.resume(co)
  print(j, r, msg)
end
local co = coroutine.wrap(function (...) return select('#', ...) end)
print(co(table.unpack({}, 1, 10000)))
