"""Native code against translated code on the same program, in steady state: what the JIT's
policy (tierup.TRANSLATION_FASTER) decides between. Each benchmark program runs in one VM per
configuration, five times; the median of the last three is reported.

    python benchmarks/native_vs_translated.py PROGRAM SIZE [PROGRAM SIZE ...]

Configurations: `translated` (`--no-jit`: the translation tier), `jit` (the default policy),
`jit-always` (every function and loop compiled, at its first call or back-edge: native code
even where translated code is faster). The ratio is jit-always over translated, below 1 when
native code is faster. Compiled at its first call, a function has no inline-cache feedback
yet (its property reads stay boxed), which a normal run's units have.
"""

from __future__ import annotations

import io
import re
import statistics
import sys
import time
from pathlib import Path

import eva

PROGRAMS = Path(__file__).resolve().parent / "programs"
CONFIGURATIONS = {"translated": {"jit": False}, "jit": {}, "jit-always": {"jit_always": True}}


def steady(source: str, name: str, options: dict) -> float:
    vm = eva.VM(jit_cache=False, stdout=io.StringIO(), **options)
    code = vm.compile(source, name)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        vm.run_code(code)
        times.append(time.perf_counter() - start)
    return statistics.median(times[2:])


def main() -> None:
    args = sys.argv[1:]
    if not args or len(args) % 2:
        sys.exit(__doc__.strip().split("\n\n")[1])
    for program, size in zip(args[::2], args[1::2]):
        path = PROGRAMS / f"{program}.eva"
        source = re.sub(r"\(var SIZE \d+\)", f"(var SIZE {int(size)})", path.read_text())
        seconds = {label: steady(source, str(path), options)
                   for label, options in CONFIGURATIONS.items()}
        cells = "  ".join(f"{label} {value:.3f} s" for label, value in seconds.items())
        print(f"{program} {size}  {cells}  jit-always/translated "
              f"{seconds['jit-always'] / seconds['translated']:.2f}", flush=True)


if __name__ == "__main__":
    main()
