local function res(name)
  return setmetatable({}, { __close = function(_, err) print("close " .. name, err) end })
end
print(pcall(function()
  local a <close> = res("a")
  do
    local b <close> = res("b")
  end
  local c <close> = res("c")
  error("oops", 0)
end))
