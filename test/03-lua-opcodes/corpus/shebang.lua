#!/usr/bin/env lua
local a = 1
return a
