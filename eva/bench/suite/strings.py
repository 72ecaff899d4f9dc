# strings: build short strings by concatenation (+, str) and compare them (==, <, len, index)
import sys

SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000


def make_word(i):
    return "w" + str((i * 7919) % 10007) + ("a" if i % 2 == 0 else "b")


def run(n):
    prev = "start"
    line = ""
    best = ""
    less = 0
    same = 0
    chars = 0
    i = 0
    while i < n:
        w = make_word(i)
        if w < prev:
            less = less + 1
        if w[1] == prev[1]:
            same = same + 1
        if w == make_word(i + 10007 * (i % 3)):
            same = same + 1
        chars = chars + len(w)
        line = line + w[len(w) - 2]
        if len(line) >= 12:
            if best < line:
                best = line
            line = ""
        prev = w
        i = i + 1
    print(less, same, chars, best)


run(SIZE)
