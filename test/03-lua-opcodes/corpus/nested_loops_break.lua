for i = 1, 10 do
  while true do
    repeat
      if i > 5 then break end
      do break end
    until true
    break
  end
end
