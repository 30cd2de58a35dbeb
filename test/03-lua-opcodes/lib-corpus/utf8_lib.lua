-- utf8 library: encoding, decoding, lengths, offsets and iteration, strict and lax
local s = "añ日𝄞"
print(#s, utf8.len(s), utf8.codepoint(s, 1, -1))
for p, c in utf8.codes(s) do print(p, c, utf8.char(c)) end
print(utf8.offset(s, 3), utf8.offset(s, -1), utf8.offset(s, 0, 3), utf8.offset(s, 10))
print(utf8.len("\xff"), utf8.len(s, 3), pcall(utf8.len, s, 10))
print(pcall(utf8.codepoint, "\xed\xa0\x80"), utf8.codepoint("\xed\xa0\x80", 1, 1, true))
print(utf8.char(72, 0x10FFFF, 0x7FFFFFFF):byte(1, -1))
print(pcall(utf8.char, 0x80000000), pcall(utf8.offset, "\x80", 1))
print(utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
for c in s:gmatch(utf8.charpattern) do io.write(#c, " ") end
print()
print(pcall(function() for _ in utf8.codes("ab\xff") do end end))
