-- strings: build short strings by concatenation (.., tostring) and compare them (==, <, #, sub)
-- Lua strings start at 1: Python's w[1] is w:sub(2, 2).
local SIZE = tonumber(arg[1]) or 1000000

local function make_word(i)
  return "w" .. tostring((i * 7919) % 10007) .. (i % 2 == 0 and "a" or "b")
end

local function run(n)
  local prev = "start"
  local line = ""
  local best = ""
  local less = 0
  local same = 0
  local chars = 0
  local i = 0
  while i < n do
    local w = make_word(i)
    if w < prev then
      less = less + 1
    end
    if w:sub(2, 2) == prev:sub(2, 2) then
      same = same + 1
    end
    if w == make_word(i + 10007 * (i % 3)) then
      same = same + 1
    end
    chars = chars + #w
    line = line .. w:sub(#w - 1, #w - 1)
    if #line >= 12 then
      if best < line then
        best = line
      end
      line = ""
    end
    prev = w
    i = i + 1
  end
  print(string.format("%d %d %d %s", less, same, chars, best))
end

run(SIZE)
