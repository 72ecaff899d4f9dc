-- loop: integer arithmetic in a while loop inside a function (locals, %, *, +, compare)
-- Numbers are doubles: exact while every value stays below 2^53, as it does at any size
-- up to about 90,000,000 (i * i is the largest). % takes the divisor's sign, as in Python.
local SIZE = tonumber(arg[1]) or 7000000

local function run(n)
  local i = 0
  local s = 0
  local h = 7
  while i < n do
    s = s + ((i * i) % 7 - i % 3)
    h = (h * 31 + i) % 1000003
    i = i + 1
  end
  return s * 1000003 + h
end

print(string.format("%d", run(SIZE)))
