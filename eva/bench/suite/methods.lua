-- methods: method calls in a loop, with an inherited method and an override
-- Classes are metatables; Offset's falls back to Acc's for the methods it does not define.
local SIZE = tonumber(arg[1]) or 3000000

local Acc = {}
Acc.__index = Acc

function Acc.new(k)
  local self = setmetatable({}, Acc)
  self.total = 0
  self.k = k
  return self
end

function Acc:scale(x)
  return x * self.k
end

function Acc:step(x)
  self.total = (self.total + self:scale(x)) % 1000003
  return self.total
end

local Offset = setmetatable({}, {__index = Acc})
Offset.__index = Offset

function Offset.new(k)
  local self = Acc.new(k)
  return setmetatable(self, Offset)
end

function Offset:scale(x)
  return x * self.k + 1
end

local function run(n)
  local a = Acc.new(3)
  local b = Offset.new(5)
  local last = 0
  local i = 0
  while i < n do
    last = a:step(i)
    last = last + b:step(last)
    i = i + 1
  end
  return a.total * 1000003 + (b.total + last)
end

print(string.format("%d", run(SIZE)))
