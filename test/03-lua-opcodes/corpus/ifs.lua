local a = ...
if a then print(1) end
if a then print(1) else print(2) end
if a == 1 then print(1) elseif a == 2 then print(2) elseif a == 3 then print(3) else print(4) end
if a then end
if a then else end
if a > 1 then return 1 end
if nil then print("never") end
if true then print("always") end
if 1 then print("one") end
if "s" then print("s") end
return a
