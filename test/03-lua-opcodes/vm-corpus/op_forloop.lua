-- FORPREP FORLOOP: integer and float loops, overflow-safe counts, negative steps
for i = 1, 3 do io.write(i, " ") end print()
for i = 3, 1, -1 do io.write(i, " ") end print()
for i = 1, 0 do print("never") end
for i = 1.0, 2.0, 0.25 do io.write(i, " ") end print()
for i = math.maxinteger - 2, math.maxinteger do io.write(i, " ") end print()
for i = math.mininteger, math.mininteger + 2 do io.write(i, " ") end print()
for i = math.mininteger + 2, math.mininteger, -1 do io.write(i, " ") end print()
for i = 1, math.huge do if i > 3 then break end io.write(i, " ") end print()
for i = 1, 3.7 do io.write(i, " ") end print()
for i = 3, 0.5, -1 do io.write(i, " ") end print()
for i = 0, 10, 4 do io.write(i, " ") end print()
for i = "1", 2 do io.write(i, " ") end print()
local n = 0
for i = math.maxinteger - 10, math.maxinteger, 3 do n = n + 1 end
print(n)
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = nil, 1 do end end))
print(pcall(function() for i = 1, 2, "x" do end end))
