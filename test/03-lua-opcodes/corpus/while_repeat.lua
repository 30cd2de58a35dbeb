local i = 0
while i < 10 do i = i + 1 end
while true do
  i = i - 1
  if i < 0 then break end
end
repeat local j = i; i = i + 1 until j > 5
repeat
  local k = i
  f = function() return k end
until k > 10
while i do
  if i then break else i = nil end
end
return i
