# objects: binary trees (benchmarks game style): allocation-heavy instance creation and traversal
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 14


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right


def make_tree(d):
    if d == 0:
        return Node(None, None)
    return Node(make_tree(d - 1), make_tree(d - 1))


def check(t):
    if t.left == None:  # noqa: E711 -- mirrors Eva's (== x null)
        return 1
    return 1 + (check(t.left) + check(t.right))


def pow2(k):
    r = 1
    while k > 0:
        r = r * 2
        k = k - 1
    return r


def main(n):
    min_depth = 4
    max_depth = n
    if max_depth < min_depth + 2:
        max_depth = min_depth + 2
    total = check(make_tree(max_depth + 1))
    long_lived = make_tree(max_depth)
    d = min_depth
    while d <= max_depth:
        iters = pow2(max_depth - d + min_depth)
        s = 0
        i = 0
        while i < iters:
            s = s + check(make_tree(d))
            i = i + 1
        total = total * 7 + s
        d = d + 2
    return total * 7 + check(long_lived)


print(main(SIZE))
