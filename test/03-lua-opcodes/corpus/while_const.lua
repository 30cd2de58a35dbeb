while false do print(1) end
while nil do print(2) end
repeat print(3) until true
repeat print(4) until false
while 1 do break end
