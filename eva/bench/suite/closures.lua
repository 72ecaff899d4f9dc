-- closures: a counter closure incrementing a captured variable (an upvalue), called SIZE times
local SIZE = tonumber(arg[1]) or 10000000

local function make_counter(start)
  local count = start
  return function()
    count = count + 1
    return count
  end
end

local function run(n)
  local c1 = make_counter(0)
  local c2 = make_counter(1000)
  local total = 0
  local i = 0
  while i < n do
    total = total + c1() % 10
    i = i + 1
  end
  return total * 10000 + (c1() + c2())
end

print(string.format("%d", run(SIZE)))
