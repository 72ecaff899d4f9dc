"""What one operation on objects costs in native code: a loop compiled by the JIT, run with and
without the operation, the difference per iteration (median of the runs, in process, after a
warm-up run that compiles it).

    python benchmarks/runtime_calls.py [ITERATIONS] [RUNS]

The operations: a property read of an instance's own field (inline: PyDict_GetItem), a method
read (the field table misses, the class's members have it), a property read of a class
(through the runtime's Python function), a call of a global function (compiled: a direct
native call), a call of a closure (through its site's call cache, which calls the closure's
compiled code: eva/jit/callcache.py), a call
of a native (`len`), and `+` of two strings (the runtime's function). Each loop also runs in the translation tier (`--no-jit`) for
comparison.
"""

from __future__ import annotations

import io
import statistics
import sys
import time

import eva

SETUP = """
(class Point null
  (def constructor (self x) (set (prop self x) x))
  (def get (self) (prop self x)))
(var p (new Point 3))
(def add1 (v) (+ v 1))
(def adder (k) (lambda (v) (+ v k)))
(var add2 (adder 2))
(var text "ab")
(var items (list 1 2 3))
(class Body null (def constructor (self x) (set (prop self x) x)))
(var b (new Body 1.5))
"""

LOOP = """
(def run{tag} (n)
  (begin
    (var i 0)
    (var keep 0)
    (while (< i n)
      (begin
        {body}
        (set i (+ i 1))))
    keep))
"""

OPERATIONS = {
    "nothing (the loop alone)": "(set keep i)",
    "property read, own field": "(set keep (prop p x))",
    "property read, method": "(set keep (prop p get))",
    "property read of a class": "(set keep (prop Point get))",
    "call of a global function": "(set keep (add1 i))",
    "call of a closure": "(set keep (add2 i))",
    "call of a native (len)": "(set keep (len text))",
    "+ of two strings": "(set keep (+ text text))",
    "* of two float properties": "(set keep (* (prop b x) (prop b x)))",
    "property write, own field": "(set (prop b x) 1.5)",
    "idx of a list": "(set keep (idx items 1))",
    "sqrt of a float property": "(set keep (sqrt (prop b x)))",
    "/ of two float properties": "(set keep (/ (prop b x) (prop b x)))",
}


def per_iteration(body: str, iterations: int, runs: int, jit: bool) -> float:
    """Seconds per iteration of the loop with `body`, median of `runs`."""
    vm = eva.VM(jit=jit, jit_always=jit, jit_cache=False, stdout=io.StringIO())
    vm.run(SETUP + LOOP.format(tag="", body=body))
    vm.run(f"(run {iterations})")  # warm-up: compiles (or translates) run
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        vm.run(f"(run {iterations})")
        times.append(time.perf_counter() - start)
    return statistics.median(times) / iterations


def main() -> None:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    base = {jit: per_iteration(OPERATIONS["nothing (the loop alone)"], iterations, runs, jit)
            for jit in (True, False)}
    print(f"{'operation':32} {'native (JIT)':>14} {'translated':>14}   (ns per operation, "
          f"the loop's own cost taken off; median of {runs} runs of {iterations})")
    for name, body in OPERATIONS.items():
        if body == OPERATIONS["nothing (the loop alone)"]:
            print(f"{name:32} {base[True] * 1e9:13.0f}  {base[False] * 1e9:13.0f}   (the loop)")
            continue
        costs = [(per_iteration(body, iterations, runs, jit) - base[jit]) * 1e9
                 for jit in (True, False)]
        print(f"{name:32} {costs[0]:13.0f}  {costs[1]:13.0f}")


if __name__ == "__main__":
    main()
