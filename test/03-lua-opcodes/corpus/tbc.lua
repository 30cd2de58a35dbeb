local function f()
  local x <close> = setmetatable({}, {__close = print})
  local y <close> = nil
  do
    local z <close> = x
    return 1
  end
end
local function g()
  local a <close> = h()
  return a
end
local function k()
  local a <close> = h()
  return k()
end
return f, g, k
