for i = 1, 10 do print(i) end
for i = 10, 1, -1 do print(i) end
for i = 1.0, 2.0, 0.5 do print(i) end
for i = a, b, c do print(i) end
for i = 1, 3 do
  for j = i, 3 do
    if j == 2 then break end
    print(i, j)
  end
end
local s = 0
for i = 1, 100 do s = s + i end
return s
