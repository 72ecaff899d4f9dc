# mandelbrot: SIZE x SIZE points, at most 50 iterations each (float arithmetic, nested loops)
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 600


def iterate(cr, ci):
    zr = 0.0
    zi = 0.0
    i = 0
    while i < 50 and zr * zr + zi * zi <= 4.0:
        t = zr * zr - zi * zi + cr
        zi = 2.0 * (zr * zi) + ci
        zr = t
        i = i + 1
    return i


def mandel(n):
    inside = 0
    total = 0
    y = 0
    while y < n:
        ci = 2.0 * y / n - 1.0
        x = 0
        while x < n:
            k = iterate(2.5 * x / n - 2.0, ci)
            if k == 50:
                inside = inside + 1
            total = total + k
            x = x + 1
        y = y + 1
    return inside * 1000000 + total


print(mandel(SIZE))
