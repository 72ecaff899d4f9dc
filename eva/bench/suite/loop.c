/* loop: integer arithmetic in a while loop (C baseline for loop.eva / loop.py) */
#include <stdio.h>
#include <stdlib.h>

/* Python's % takes the sign of the divisor; all operands here are non-negative. */
static long long run(long long n) {
    long long i = 0, s = 0, h = 7;
    while (i < n) {
        s = s + ((i * i) % 7 - i % 3);
        h = (h * 31 + i) % 1000003;
        i = i + 1;
    }
    return s * 1000003 + h;
}

int main(int argc, char **argv) {
    long long size = argc > 1 ? atoll(argv[1]) : 7000000;
    printf("%lld\n", run(size));
    return 0;
}
