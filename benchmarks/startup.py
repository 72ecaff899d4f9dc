"""What a whole `eva run` process pays before and around its compiled code.

Issue 5 asks for whole processes at least 10x faster than CPython running the same program.
A CPython process of fib, loop or mandelbrot takes 0.64-0.84 s here, so 10x leaves 64-84 ms
for everything: starting Python, importing eva, loading LLVM (llvmlite's library, through
eva/jit/llvm.py), compiling and running. This script measures those fixed costs as processes
of their own, next to the benchmarks' whole processes with the JIT compiling afresh and with
the code cache warm (in a temporary cache directory). The floor of a cold run before it
compiles anything is the process that imports eva and loads LLVM; compiling (`--jit-stats`)
and the compiled run's in-process time (`eva bench`) come on top of it. For comparison, the
same floor with LLVM loaded through llvm.py's fallback (what an llvmlite version other than the
ones its ctypes binding knows gets), and the process that only imports llvmlite.binding.

    python benchmarks/startup.py [--runs 9]

Medians of wall-clock seconds; each row's processes run back to back.
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

PROGRAMS = Path(__file__).parent / "programs"
PYTHON = sys.executable
EVA = [PYTHON, "-m", "eva"]


def median_ms(command: list, runs: int, env: dict | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    rows = [
        ("python -c pass", [PYTHON, "-c", "pass"]),
        ("python, import eva.cli", [PYTHON, "-c", "import eva.cli"]),
        ("eva eval '(+ 1 2)'", EVA + ["eval", "(+ 1 2)"]),
        ("python, import eva.cli, load LLVM (the floor)",
         [PYTHON, "-c", "import eva.cli; from eva.jit.codegen import NativeCompiler; "
                        "NativeCompiler()"]),
        ("python, import eva.cli, load LLVM, EVA_JIT_LLVM_BINDING=1",
         [PYTHON, "-c", "import os; os.environ['EVA_JIT_LLVM_BINDING'] = '1'; import eva.cli; "
                        "from eva.jit.codegen import NativeCompiler; NativeCompiler()"]),
        ("python, import and initialize llvmlite.binding",
         [PYTHON, "-c", "import llvmlite.binding as l; l.initialize_native_target(); "
                        "l.initialize_native_asmprinter()"]),
    ]
    for label, command in rows:
        print(f"{label:<48} {median_ms(command, runs):7.1f} ms")
    print()
    with tempfile.TemporaryDirectory() as cache:
        warm = dict(os.environ, EVA_JIT_CACHE="1", EVA_JIT_CACHE_DIR=cache)
        print(f"{'program':<12} {'CPython':>9} {'10x budget':>11} {'eva, cold':>10} "
              f"{'eva, cache warm':>16}")
        for name in ("fib", "loop", "mandelbrot"):
            source = str(PROGRAMS / f"{name}.eva")
            cpython = median_ms([PYTHON, str(PROGRAMS / f"{name}.py")], runs)
            cold = median_ms(EVA + ["run", "--no-jit-cache", source], runs)
            subprocess.run(EVA + ["run", source], check=True, stdout=subprocess.DEVNULL,
                           env=warm)  # fills the cache
            cached = median_ms(EVA + ["run", source], runs, env=warm)
            print(f"{name:<12} {cpython:7.1f} ms {cpython / 10:8.1f} ms {cold:7.1f} ms "
                  f"{cached:13.1f} ms")


if __name__ == "__main__":
    main()
