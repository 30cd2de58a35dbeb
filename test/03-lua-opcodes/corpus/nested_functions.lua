local function a()
  local function b()
    local function c()
      local function d()
        return a, b, c
      end
      return d
    end
    return c
  end
  return b
end
return a
