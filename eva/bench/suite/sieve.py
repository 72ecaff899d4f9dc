# sieve: sieve of Eratosthenes on a list (append, index, index-assign); counts and sums primes below SIZE
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 5000000


def sieve(n):
    flags = []
    i = 0
    while i < n:
        flags.append(True)
        i = i + 1
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i < n:
        if flags[i]:
            j = i * i
            while j < n:
                flags[j] = False
                j = j + i
        i = i + 1
    count = 0
    total = 0
    i = 0
    while i < n:
        if flags[i]:
            count = count + 1
            total = total + i
        i = i + 1
    print(count, total)


sieve(SIZE)
