# loop: integer arithmetic in a while loop inside a function (locals, %, *, +, compare)
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 7000000


def run(n):
    i = 0
    s = 0
    h = 7
    while i < n:
        s = s + ((i * i) % 7 - i % 3)
        h = (h * 31 + i) % 1000003
        i = i + 1
    return s * 1000003 + h


print(run(SIZE))
