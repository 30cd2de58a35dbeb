print("x")
error({code = 2})
