-- objects: binary trees (benchmarks game style): allocation-heavy instance creation and traversal
-- Nodes are tables made by a constructor, their class a metatable, as instances elsewhere.
-- Numbers are doubles: the checksum is exact while it stays below 2^53, as at the default size.
local SIZE = tonumber(arg[1]) or 14

local Node = {}
Node.__index = Node

function Node.new(left, right)
  local self = setmetatable({}, Node)
  self.left = left
  self.right = right
  return self
end

local function make_tree(d)
  if d == 0 then
    return Node.new(nil, nil)
  end
  return Node.new(make_tree(d - 1), make_tree(d - 1))
end

local function check(t)
  if t.left == nil then
    return 1
  end
  return 1 + (check(t.left) + check(t.right))
end

local function pow2(k)
  local r = 1
  while k > 0 do
    r = r * 2
    k = k - 1
  end
  return r
end

local function main(n)
  local min_depth = 4
  local max_depth = n
  if max_depth < min_depth + 2 then
    max_depth = min_depth + 2
  end
  local total = check(make_tree(max_depth + 1))
  local long_lived = make_tree(max_depth)
  local d = min_depth
  while d <= max_depth do
    local iters = pow2(max_depth - d + min_depth)
    local s = 0
    local i = 0
    while i < iters do
      s = s + check(make_tree(d))
      i = i + 1
    end
    total = total * 7 + s
    d = d + 2
  end
  return total * 7 + check(long_lived)
end

print(string.format("%d", main(SIZE)))
