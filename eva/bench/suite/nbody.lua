-- nbody: classic 5-body simulation; bodies are instances (tables), float state in fields
local SIZE = tonumber(arg[1]) or 200000

local sqrt = math.sqrt
local PI = 3.141592653589793
local SOLAR_MASS = 4.0 * PI * PI
local DAYS_PER_YEAR = 365.24

local Body = {}
Body.__index = Body

function Body.new(x, y, z, vx, vy, vz, mass)
  local self = setmetatable({}, Body)
  self.x = x
  self.y = y
  self.z = z
  self.vx = vx * DAYS_PER_YEAR
  self.vy = vy * DAYS_PER_YEAR
  self.vz = vz * DAYS_PER_YEAR
  self.mass = mass * SOLAR_MASS
  return self
end

local function make_bodies()
  return {
    Body.new(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
    Body.new(
      4.84143144246472090,
      -1.16032004402742839,
      -0.103622044471123109,
      0.00166007664274403694,
      0.00769901118419740425,
      -0.0000690460016972063023,
      0.000954791938424326609),
    Body.new(
      8.34336671824457987,
      4.12479856412430479,
      -0.403523417114321381,
      -0.00276742510726862411,
      0.00499852801234917238,
      0.0000230417297573763929,
      0.000285885980666130812),
    Body.new(
      12.8943695621391310,
      -15.1111514016986312,
      -0.223307578892655734,
      0.00296460137564761618,
      0.00237847173959480950,
      -0.0000296589568540237556,
      0.0000436624404335156298),
    Body.new(
      15.3796971148509165,
      -25.9193146099879641,
      0.179258772950371181,
      0.00268067772490389322,
      0.00162824170038242295,
      -0.0000951592254519715870,
      0.0000515138902046611451),
  }
end

-- Lua lists start at 1: body i (counted from 0, as elsewhere) is bodies[i + 1].
local function offset_momentum(bodies)
  local px = 0.0
  local py = 0.0
  local pz = 0.0
  local n = #bodies
  local i = 0
  while i < n do
    local b = bodies[i + 1]
    px = px + b.vx * b.mass
    py = py + b.vy * b.mass
    pz = pz + b.vz * b.mass
    i = i + 1
  end
  local sun = bodies[1]
  sun.vx = -px / SOLAR_MASS
  sun.vy = -py / SOLAR_MASS
  sun.vz = -pz / SOLAR_MASS
end

local function energy(bodies)
  local e = 0.0
  local n = #bodies
  local i = 0
  while i < n do
    local b = bodies[i + 1]
    e = e + 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
    local j = i + 1
    while j < n do
      local b2 = bodies[j + 1]
      local dx = b.x - b2.x
      local dy = b.y - b2.y
      local dz = b.z - b2.z
      e = e - (b.mass * b2.mass) / sqrt(dx * dx + dy * dy + dz * dz)
      j = j + 1
    end
    i = i + 1
  end
  return e
end

local function advance(bodies, dt, steps)
  local n = #bodies
  local s = 0
  while s < steps do
    local i = 0
    while i < n do
      local bi = bodies[i + 1]
      local j = i + 1
      while j < n do
        local bj = bodies[j + 1]
        local dx = bi.x - bj.x
        local dy = bi.y - bj.y
        local dz = bi.z - bj.z
        local d2 = dx * dx + dy * dy + dz * dz
        local mag = dt / (d2 * sqrt(d2))
        local bim = bi.mass * mag
        local bjm = bj.mass * mag
        bi.vx = bi.vx - dx * bjm
        bi.vy = bi.vy - dy * bjm
        bi.vz = bi.vz - dz * bjm
        bj.vx = bj.vx + dx * bim
        bj.vy = bj.vy + dy * bim
        bj.vz = bj.vz + dz * bim
        j = j + 1
      end
      i = i + 1
    end
    i = 0
    while i < n do
      local b = bodies[i + 1]
      b.x = b.x + dt * b.vx
      b.y = b.y + dt * b.vy
      b.z = b.z + dt * b.vz
      i = i + 1
    end
    s = s + 1
  end
end

-- the shortest %.{p}g that reads back to the same double: Python's repr for these values
local function repr(v)
  for p = 1, 17 do
    local text = string.format("%." .. p .. "g", v)
    if tonumber(text) == v then
      return text
    end
  end
end

local function main(steps)
  local bodies = make_bodies()
  offset_momentum(bodies)
  local e0 = energy(bodies)
  advance(bodies, 0.01, steps)
  print(repr(e0) .. " " .. repr(energy(bodies)))
end

main(SIZE)
