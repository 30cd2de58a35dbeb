-- TBC CLOSE: to-be-closed variables, order, errors passed to __close
local function closer(name) return setmetatable({}, {__close = function(_, err) print("close", name, err) end}) end
do
  local a <close> = closer("a")
  local b <close> = closer("b")
  local c <close> = nil
  print("in block")
end
local function f()
  local x <close> = closer("x")
  return "ret"
end
print(f())
print(pcall(function()
  local y <close> = closer("y")
  error("boom")
end))
print(pcall(function() local z <close> = 42 end))
local k <const> = 10
print(k * 2)
