/* mandelbrot: SIZE x SIZE points, max 50 iterations (C baseline for mandelbrot.eva / .py).
   Must not fuse multiply-add (results must equal Python's): build without FMA contraction
   (plain x86-64 gcc -O2 does not use FMA; elsewhere add -ffp-contract=off). */
#include <stdio.h>
#include <stdlib.h>

static long long iterate(double cr, double ci) {
    double zr = 0.0, zi = 0.0;
    long long i = 0;
    while (i < 50 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * (zr * zi) + ci;
        zr = t;
        i = i + 1;
    }
    return i;
}

static long long mandel(long long n) {
    long long inside = 0, total = 0, y = 0;
    while (y < n) {
        double ci = 2.0 * (double)y / (double)n - 1.0;
        long long x = 0;
        while (x < n) {
            long long k = iterate(2.5 * (double)x / (double)n - 2.0, ci);
            if (k == 50) inside = inside + 1;
            total = total + k;
            x = x + 1;
        }
        y = y + 1;
    }
    return inside * 1000000 + total;
}

int main(int argc, char **argv) {
    long long size = argc > 1 ? atoll(argv[1]) : 600;
    printf("%lld\n", mandel(size));
    return 0;
}
