-- type names in errors: __name, FILE*, light userdata (lauxlib.c luaL_typeerror), and the stack after
-- an overflow handled by a message handler (ldo.c luaD_growstack / luaD_shrinkstack)
print(pcall(math.sin, io.input()))
local XX = setmetatable({}, {__name = "My Type"})
print(pcall(io.input, XX))
print(io.input() == io.stdin, io.output() == io.stdout, io.output(io.stdout) == io.stdout)
print(pcall(load("getmetatable(io.stdin).__gc()")))
print(pcall(getmetatable(io.stdout).__gc, io.stdout))
print(pcall(function () return ~io.stdin end))
print(pcall(function () return XX < io.stdin end))
local id = debug.upvalueid(function () return XX end, 1)
print(type(id), id == debug.upvalueid(function () return XX end, 1))
print(pcall(debug.setuservalue, id, {}))
print(pcall(debug.setuservalue, io.stdin, {}))
print(debug.getuservalue(io.stdin), debug.getuservalue(id), debug.getuservalue(3, 2))
print(pcall(function () return id.x end))
-- a stack overflow inside the handler of a stack overflow is an error in error handling, and the
-- stack works normally afterwards
local function loop (x, y, z) return 1 + loop(x, y, z) end
local res, msg = xpcall(loop, function (m)
  print(m)
  print(pcall(loop))
  return 15
end)
print(res, msg)
print(pcall(loop))
print(select('#', table.unpack({}, 1, 200000)))
