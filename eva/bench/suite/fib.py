# fib: naive recursive Fibonacci (calls, global lookup, integer add/compare)
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 35


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(SIZE))
