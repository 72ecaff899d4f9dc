/* sieve: sieve of Eratosthenes (C baseline for sieve.eva / sieve.py); growable array like push */
#include <stdio.h>
#include <stdlib.h>

static void sieve(long long n) {
    long long cap = 8, len = 0;
    char *flags = malloc(cap);
    long long i = 0;
    while (i < n) {
        if (len == cap) { cap *= 2; flags = realloc(flags, cap); }
        flags[len++] = 1;
        i = i + 1;
    }
    flags[0] = 0;
    flags[1] = 0;
    i = 2;
    while (i * i < n) {
        if (flags[i]) {
            long long j = i * i;
            while (j < n) {
                flags[j] = 0;
                j = j + i;
            }
        }
        i = i + 1;
    }
    long long count = 0, sum = 0;
    i = 0;
    while (i < n) {
        if (flags[i]) {
            count = count + 1;
            sum = sum + i;
        }
        i = i + 1;
    }
    printf("%lld %lld\n", count, sum);
    free(flags);
}

int main(int argc, char **argv) {
    long long size = argc > 1 ? atoll(argv[1]) : 5000000;
    sieve(size);
    return 0;
}
