# closures: a counter closure incrementing a captured variable, called SIZE times
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 10000000


def make_counter(start):
    count = start

    def counter():
        nonlocal count
        count = count + 1
        return count

    return counter


def run(n):
    c1 = make_counter(0)
    c2 = make_counter(1000)
    total = 0
    i = 0
    while i < n:
        total = total + c1() % 10
        i = i + 1
    return total * 10000 + (c1() + c2())


print(run(SIZE))
