local function res(name)
  return setmetatable({}, { __close = function(_, err) print("close " .. name, err) end })
end
do
  local a <close> = res("a")
  local b <close> = res("b")
  print("in the block")
end
print(pcall(function()
  local c <close> = res("c")
  error("boom", 0)
end))
