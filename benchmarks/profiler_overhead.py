"""What `eva run --profile` costs: whole processes of the benchmark programs with and without
the tier profiler, interleaved (plain, profiled, plain, ...), in the default configuration
(JIT on) and with `--no-jit`. The profiler's cost is its SIGPROF handler (a walk of the host
stack per sample) and, with the JIT, one Python call more per entry into native code.

    python benchmarks/profiler_overhead.py [--runs 5] [NAME ...]

Medians of wall-clock seconds, and the profiled run's time over the plain one's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eva.bench.programs import discover, select

PROGRAMS = Path(__file__).parent / "programs"
SIZES = {  # sizes where a profiled run takes about a second or two here
    "fib": 27, "loop": 3_000_000, "mandelbrot": 200, "nbody": 20_000, "closures": 300_000,
    "objects": 11, "methods": 100_000, "sieve": 200_000, "strings": 40_000,
}
CONFIGURATIONS = {"JIT on": [], "--no-jit": ["--no-jit"]}


def process_seconds(command: list) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("names", nargs="*", help="benchmarks (default: all)")
    args = parser.parse_args()
    programs = select(discover(PROGRAMS), args.names)
    eva = [sys.executable, "-m", "eva", "run", "--no-jit-cache"]
    print(f"{'program':<12} {'configuration':<14} {'plain':>8} {'profiled':>9} {'ratio':>7}")
    ratios = []
    with tempfile.TemporaryDirectory() as scratch:
        for program in programs:
            path = os.path.join(scratch, f"{program.name}.eva")
            Path(path).write_text(program.eva_source(SIZES.get(program.name, program.quick_size)))
            for configuration, flags in CONFIGURATIONS.items():
                plain, profiled = [], []
                for _ in range(args.runs):
                    plain.append(process_seconds([*eva, *flags, path]))
                    profiled.append(process_seconds([*eva, *flags, "--profile", path]))
                ratio = statistics.median(profiled) / statistics.median(plain)
                ratios.append(ratio)
                print(f"{program.name:<12} {configuration:<14} {statistics.median(plain):8.3f} "
                      f"{statistics.median(profiled):9.3f} {ratio:7.3f}", flush=True)
    print(f"geometric mean of the ratios: {statistics.geometric_mean(ratios):.3f}")


if __name__ == "__main__":
    main()
