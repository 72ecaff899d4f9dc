"""Peak memory of a REPL-like session that redefines a hot function again and again.

Each definition, `(def f (x) (* x I))`, is followed by a loop calling `f` 60 times, so with
a JIT threshold of 50 every version is translated and compiled to native code, and the
previous version's unit is released (docs/jit.md, "Releasing units"). The process's peak
RSS should stop growing with the number of definitions (README, "Memory").

    python benchmarks/redefinitions.py [--definitions 1000,2000,5000,10000] [--no-jit]
"""

from __future__ import annotations

import argparse
import io
import resource
import time

import eva


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--definitions", default="1000,2000,5000,10000",
                        help="the counts at which to report (the last is the session's length)")
    parser.add_argument("--no-jit", dest="jit", action="store_false")
    options = parser.parse_args()
    marks = sorted(map(int, options.definitions.split(",")))
    vm = eva.VM(jit=options.jit, jit_threshold=50, jit_cache=False, stdout=io.StringIO())
    vm.run("(def g (x) (+ (f x) 1))")
    start = time.perf_counter()
    print("| definitions | peak RSS | units live | seconds |")
    print("| --- | --- | --- | --- |")
    for version in range(1, marks[-1] + 1):
        vm.run(f"(def f (x) (* x {version}))")
        vm.run("(for (var k 0) (< k 60) (++ k) (f k))")
        if version in marks:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            units = len(vm.jit.units) if vm.jit is not None else 0
            print(f"| {version:,} | {peak} MB | {units} | {time.perf_counter() - start:.0f} |",
                  flush=True)


if __name__ == "__main__":
    main()
