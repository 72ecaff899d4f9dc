"""Measures what the VM's bookkeeping costs, for the notes on the issues:

- profiling: the loop benchmark with the JIT off (no back-edge counting) against the JIT on
  with thresholds too high to ever compile (counting on, nothing compiled);
- the collector: the allocation-heavy `objects` benchmark with the collector as configured,
  against the same run with collection disabled (a threshold no program reaches);
- entering compiled code: calling the entry builtin of a compiled `(def id (x) x)` from
  Python, against calling a Python function of the same shape.

Each configuration runs in-process, interleaved with the others, after one warm-up; the
figures are medians.

    python benchmarks/overheads.py [--runs 7]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import time
from pathlib import Path

import eva
from eva import heap
from eva.bench.programs import discover

PROGRAMS = Path(__file__).parent / "programs"
NEVER = 10 ** 12


@contextlib.contextmanager
def collection_disabled():
    saved = heap.INITIAL_THRESHOLD
    heap.INITIAL_THRESHOLD = NEVER
    try:
        yield
    finally:
        heap.INITIAL_THRESHOLD = saved


EXPERIMENTS = {
    "profiling (loop, 300,000 iterations)": ("loop", 300_000, {
        "JIT off: no back-edge counts": (dict(jit=False), contextlib.nullcontext),
        "JIT on, never compiling": (dict(jit=True, jit_threshold=NEVER,
                                         jit_loop_threshold=NEVER), contextlib.nullcontext),
    }),
    "collector (objects, depth 10)": ("objects", 10, {
        "collection disabled": (dict(jit=False), collection_disabled),
        "collector on": (dict(jit=False), contextlib.nullcontext),
    }),
}


def timed_run(source: str, options: dict, context) -> float:
    with context():
        vm = eva.VM(stdout=io.StringIO(), **options)
        code = vm.compile(source, "benchmark")
        start = time.perf_counter()
        vm.run_code(code)
        return time.perf_counter() - start


def entry_cost(calls: int = 1_000_000) -> tuple[float, float]:
    """Nanoseconds per call: the JIT entry of an identity function, and a Python function."""
    vm = eva.VM(stdout=io.StringIO(), jit_always=True)
    vm.run("(def id (x) x) (id 1)")
    entry = vm.get_global("id").code.native

    def python_id(budget, x):
        return x

    results = []
    for function in (entry, python_id):
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            for i in range(calls):
                function(1000, i)
            best = min(best, time.perf_counter() - start)
        results.append(best)
    start = time.perf_counter()
    for i in range(calls):
        pass
    empty = time.perf_counter() - start
    return tuple((seconds - empty) / calls * 1e9 for seconds in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    programs = discover(PROGRAMS)
    for title, (name, size, configurations) in EXPERIMENTS.items():
        source = programs[name].eva_source(size)
        times: dict[str, list[float]] = {label: [] for label in configurations}
        for run in range(args.runs + 1):
            for label, (options, context) in configurations.items():
                seconds = timed_run(source, options, context)
                if run:  # the first round is the warm-up
                    times[label].append(seconds)
        print(title)
        base = statistics.median(next(iter(times.values())))
        for label, values in times.items():
            median = statistics.median(values)
            print(f"  {label:32} {median:.3f} s  ({median / base:.2f}x)")
    native, python = entry_cost()
    print("entering compiled code (per call, loop overhead subtracted)")
    print(f"  JIT entry builtin                {native:.0f} ns")
    print(f"  Python function call             {python:.0f} ns")


if __name__ == "__main__":
    main()
