-- fib: naive recursive Fibonacci (calls, global lookup, integer add/compare)
local SIZE = tonumber(arg[1]) or 35

function fib(n)  -- global, as in the other versions
  if n < 2 then
    return n
  end
  return fib(n - 1) + fib(n - 2)
end

print(string.format("%d", fib(SIZE)))
