-- sieve: sieve of Eratosthenes on a list (append, index, index-assign); counts and sums primes below SIZE
-- Lua lists start at 1: the flag of number i is flags[i + 1].
local SIZE = tonumber(arg[1]) or 5000000

local function sieve(n)
  local flags = {}
  local i = 0
  while i < n do
    flags[#flags + 1] = true
    i = i + 1
  end
  flags[1] = false
  flags[2] = false
  i = 2
  while i * i < n do
    if flags[i + 1] then
      local j = i * i
      while j < n do
        flags[j + 1] = false
        j = j + i
      end
    end
    i = i + 1
  end
  local count = 0
  local total = 0
  i = 0
  while i < n do
    if flags[i + 1] then
      count = count + 1
      total = total + i
    end
    i = i + 1
  end
  print(string.format("%d %d", count, total))
end

sieve(SIZE)
