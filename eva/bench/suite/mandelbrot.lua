-- mandelbrot: SIZE x SIZE points, at most 50 iterations each (float arithmetic, nested loops)
local SIZE = tonumber(arg[1]) or 600

local function iterate(cr, ci)
  local zr = 0.0
  local zi = 0.0
  local i = 0
  while i < 50 and zr * zr + zi * zi <= 4.0 do
    local t = zr * zr - zi * zi + cr
    zi = 2.0 * (zr * zi) + ci
    zr = t
    i = i + 1
  end
  return i
end

local function mandel(n)
  local inside = 0
  local total = 0
  local y = 0
  while y < n do
    local ci = 2.0 * y / n - 1.0
    local x = 0
    while x < n do
      local k = iterate(2.5 * x / n - 2.0, ci)
      if k == 50 then
        inside = inside + 1
      end
      total = total + k
      x = x + 1
    end
    y = y + 1
  end
  return inside * 1000000 + total
end

print(string.format("%d", mandel(SIZE)))
