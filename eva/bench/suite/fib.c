/* fib: naive recursive Fibonacci (C baseline for fib.eva / fib.py) */
#include <stdio.h>
#include <stdlib.h>

static long long fib(long long n) {
    if (n < 2) return n;
    return fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
    long long size = argc > 1 ? atoll(argv[1]) : 35;
    printf("%lld\n", fib(size));
    return 0;
}
