# nbody: classic 5-body simulation; bodies are instances, float state in attributes
import sys
from math import sqrt

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 200000

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24


class Body:
    def __init__(self, x, y, z, vx, vy, vz, mass):
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx * DAYS_PER_YEAR
        self.vy = vy * DAYS_PER_YEAR
        self.vz = vz * DAYS_PER_YEAR
        self.mass = mass * SOLAR_MASS


def make_bodies():
    return [
        Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        Body(
            4.84143144246472090,
            -1.16032004402742839,
            -0.103622044471123109,
            0.00166007664274403694,
            0.00769901118419740425,
            -0.0000690460016972063023,
            0.000954791938424326609),
        Body(
            8.34336671824457987,
            4.12479856412430479,
            -0.403523417114321381,
            -0.00276742510726862411,
            0.00499852801234917238,
            0.0000230417297573763929,
            0.000285885980666130812),
        Body(
            12.8943695621391310,
            -15.1111514016986312,
            -0.223307578892655734,
            0.00296460137564761618,
            0.00237847173959480950,
            -0.0000296589568540237556,
            0.0000436624404335156298),
        Body(
            15.3796971148509165,
            -25.9193146099879641,
            0.179258772950371181,
            0.00268067772490389322,
            0.00162824170038242295,
            -0.0000951592254519715870,
            0.0000515138902046611451),
    ]


def offset_momentum(bodies):
    px = 0.0
    py = 0.0
    pz = 0.0
    n = len(bodies)
    i = 0
    while i < n:
        b = bodies[i]
        px = px + b.vx * b.mass
        py = py + b.vy * b.mass
        pz = pz + b.vz * b.mass
        i = i + 1
    sun = bodies[0]
    sun.vx = -px / SOLAR_MASS
    sun.vy = -py / SOLAR_MASS
    sun.vz = -pz / SOLAR_MASS


def energy(bodies):
    e = 0.0
    n = len(bodies)
    i = 0
    while i < n:
        b = bodies[i]
        e = e + 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz)
        j = i + 1
        while j < n:
            b2 = bodies[j]
            dx = b.x - b2.x
            dy = b.y - b2.y
            dz = b.z - b2.z
            e = e - (b.mass * b2.mass) / sqrt(dx * dx + dy * dy + dz * dz)
            j = j + 1
        i = i + 1
    return e


def advance(bodies, dt, steps):
    n = len(bodies)
    s = 0
    while s < steps:
        i = 0
        while i < n:
            bi = bodies[i]
            j = i + 1
            while j < n:
                bj = bodies[j]
                dx = bi.x - bj.x
                dy = bi.y - bj.y
                dz = bi.z - bj.z
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * sqrt(d2))
                bim = bi.mass * mag
                bjm = bj.mass * mag
                bi.vx = bi.vx - dx * bjm
                bi.vy = bi.vy - dy * bjm
                bi.vz = bi.vz - dz * bjm
                bj.vx = bj.vx + dx * bim
                bj.vy = bj.vy + dy * bim
                bj.vz = bj.vz + dz * bim
                j = j + 1
            i = i + 1
        i = 0
        while i < n:
            b = bodies[i]
            b.x = b.x + dt * b.vx
            b.y = b.y + dt * b.vy
            b.z = b.z + dt * b.vz
            i = i + 1
        s = s + 1


def main(steps):
    bodies = make_bodies()
    offset_momentum(bodies)
    e0 = energy(bodies)
    advance(bodies, 0.01, steps)
    print(e0, energy(bodies))


main(SIZE)
