/* nbody: classic 5-body simulation (C baseline for nbody.eva / nbody.py).
   Floats are printed as the shortest %.{p}g that round-trips, which equals Python's repr for
   the energies printed here (magnitude between 1e-4 and 1e16: no exponent form).
   Must not fuse multiply-add: plain x86-64 gcc -O2 does not; elsewhere add -ffp-contract=off. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.141592653589793
#define DAYS_PER_YEAR 365.24

typedef struct { double x, y, z, vx, vy, vz, mass; } Body;

static double SOLAR_MASS;

static void init(Body *b, double x, double y, double z, double vx, double vy, double vz,
                 double mass) {
    b->x = x; b->y = y; b->z = z;
    b->vx = vx * DAYS_PER_YEAR; b->vy = vy * DAYS_PER_YEAR; b->vz = vz * DAYS_PER_YEAR;
    b->mass = mass * SOLAR_MASS;
}

static void offset_momentum(Body *bodies, int n) {
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < n; i++) {
        px = px + bodies[i].vx * bodies[i].mass;
        py = py + bodies[i].vy * bodies[i].mass;
        pz = pz + bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(Body *bodies, int n) {
    double e = 0.0;
    for (int i = 0; i < n; i++) {
        Body *b = &bodies[i];
        e = e + 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < n; j++) {
            Body *b2 = &bodies[j];
            double dx = b->x - b2->x, dy = b->y - b2->y, dz = b->z - b2->z;
            e = e - (b->mass * b2->mass) / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(Body *bodies, int n, double dt, long long steps) {
    for (long long s = 0; s < steps; s++) {
        for (int i = 0; i < n; i++) {
            Body *bi = &bodies[i];
            for (int j = i + 1; j < n; j++) {
                Body *bj = &bodies[j];
                double dx = bi->x - bj->x, dy = bi->y - bj->y, dz = bi->z - bj->z;
                double d2 = dx * dx + dy * dy + dz * dz;
                double mag = dt / (d2 * sqrt(d2));
                double bim = bi->mass * mag, bjm = bj->mass * mag;
                bi->vx = bi->vx - dx * bjm;
                bi->vy = bi->vy - dy * bjm;
                bi->vz = bi->vz - dz * bjm;
                bj->vx = bj->vx + dx * bim;
                bj->vy = bj->vy + dy * bim;
                bj->vz = bj->vz + dz * bim;
            }
        }
        for (int i = 0; i < n; i++) {
            Body *b = &bodies[i];
            b->x = b->x + dt * b->vx;
            b->y = b->y + dt * b->vy;
            b->z = b->z + dt * b->vz;
        }
    }
}

/* shortest %.{p}g that reads back to the same double */
static void repr(char *buf, double v) {
    for (int p = 1; p <= 17; p++) {
        snprintf(buf, 40, "%.*g", p, v);
        if (strtod(buf, NULL) == v) return;
    }
}

int main(int argc, char **argv) {
    long long steps = argc > 1 ? atoll(argv[1]) : 200000;
    SOLAR_MASS = 4.0 * PI * PI;
    Body bodies[5];
    init(&bodies[0], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
    init(&bodies[1], 4.84143144246472090, -1.16032004402742839, -0.103622044471123109, 0.00166007664274403694, 0.00769901118419740425, -0.0000690460016972063023, 0.000954791938424326609);
    init(&bodies[2], 8.34336671824457987, 4.12479856412430479, -0.403523417114321381, -0.00276742510726862411, 0.00499852801234917238, 0.0000230417297573763929, 0.000285885980666130812);
    init(&bodies[3], 12.8943695621391310, -15.1111514016986312, -0.223307578892655734, 0.00296460137564761618, 0.00237847173959480950, -0.0000296589568540237556, 0.0000436624404335156298);
    init(&bodies[4], 15.3796971148509165, -25.9193146099879641, 0.179258772950371181, 0.00268067772490389322, 0.00162824170038242295, -0.0000951592254519715870, 0.0000515138902046611451);
    offset_momentum(bodies, 5);
    double e0 = energy(bodies, 5);
    advance(bodies, 5, 0.01, steps);
    double e1 = energy(bodies, 5);
    char a[40], b[40];
    repr(a, e0);
    repr(b, e1);
    printf("%s %s\n", a, b);
    return 0;
}
