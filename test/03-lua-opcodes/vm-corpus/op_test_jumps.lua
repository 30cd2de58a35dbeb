-- TEST TESTSET JMP NOT, and/or chains
local a, b, c = nil, false, 0
print(a or b, a and b, c or 1, c and 2, not a, not c, a or b or c, (a or 1) and (b or 2))
local r = {}
for _, v in ipairs({1, 2, 3, 4, 5, 6}) do
  if v % 2 == 0 and v > 2 then r[#r + 1] = "e" .. v elseif v == 1 or v == 5 then r[#r + 1] = "o" .. v else r[#r + 1] = "x" end
end
print(table.concat(r, ","))
local k = 0
repeat k = k + 1 until k >= 7 or k * k > 20
print(k)
goto skip
print("not printed")
::skip::
do
  local i = 1
  ::top::
  if i <= 3 then i = i + 1; goto top end
  print("i", i)
end
