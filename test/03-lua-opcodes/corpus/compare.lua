local a, b = ...
local t = {}
t[1] = a == b; t[2] = a ~= b; t[3] = a < b; t[4] = a <= b; t[5] = a > b; t[6] = a >= b
t[7] = a == 1; t[8] = a ~= 1.0; t[9] = a < 5; t[10] = a <= 200; t[11] = 5 < a; t[12] = 5 <= a
t[13] = a > 3; t[14] = a >= 3.0; t[15] = a == "x"; t[16] = "x" == a; t[17] = a == nil; t[18] = a == true
t[19] = 1 < a; t[20] = a < 1000; t[21] = a == 1000; t[22] = a > -129
if a < b then print(1) elseif a == b then print(2) else print(3) end
return t
