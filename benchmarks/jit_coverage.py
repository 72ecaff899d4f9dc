"""How much of a corpus of Eva programs the JIT compiles: units compiled and refused with the
JIT forced on (every function at its first call, every loop at its first back-edge), and the
refusal reasons, most frequent first.

    python benchmarks/jit_coverage.py [DIR]      (default: tests/lang, the golden corpus)

Each program runs in a VM of its own, in this process, without the code cache; a program's
runtime error ends it (what was compiled until then counts). Reasons are grouped with the
names and offsets they mention blanked out.
"""

from __future__ import annotations

import argparse
import collections
import io
import pathlib
import re

import eva
from eva.errors import EvaError


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default="tests/lang")
    root = pathlib.Path(parser.parse_args().corpus)
    compiled = refused = programs = offered = clean = 0
    reasons: collections.Counter = collections.Counter()
    for path in sorted(root.rglob("*.eva")):
        vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO())
        try:
            vm.run(path.read_text(), str(path))
        except EvaError:
            pass
        programs += 1
        stats = vm.jit_stats()
        if stats is None:  # nothing was called and no loop ran: nothing to compile
            continue
        offered += 1
        compiled += len(stats.compiled)
        refused += len(stats.failed)
        clean += not stats.failed
        for reason in stats.failed.values():
            reasons[re.sub(r"'[^']*'", "'X'", re.sub(r" \(at [0-9A-F]+\)", "", reason))] += 1
    print(f"{programs} programs, {offered} with a function or loop to compile: {compiled} "
          f"units compiled, {refused} refused; {clean} of them with no refusal")
    for reason, count in reasons.most_common():
        print(f"{count:6d}  {reason}")


if __name__ == "__main__":
    main()
