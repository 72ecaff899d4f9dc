# methods: method calls in a loop, with an inherited method and an override
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 3000000


class Acc:
    def __init__(self, k):
        self.total = 0
        self.k = k

    def scale(self, x):
        return x * self.k

    def step(self, x):
        self.total = (self.total + self.scale(x)) % 1000003
        return self.total


class Offset(Acc):
    def scale(self, x):
        return x * self.k + 1


def run(n):
    a = Acc(3)
    b = Offset(5)
    last = 0
    i = 0
    while i < n:
        last = a.step(i)
        last = last + b.step(last)
        i = i + 1
    return a.total * 1000003 + (b.total + last)


print(run(SIZE))
