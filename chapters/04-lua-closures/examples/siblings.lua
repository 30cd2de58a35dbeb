local function pair()
  local n = 0
  local function inc() n = n + 1 end
  local function get() return n end
  return inc, get
end
local inc, get = pair()
inc()
inc()
print(get())
