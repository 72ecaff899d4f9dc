"""Instruction counts (valgrind's callgrind) of eva source trees side by side: deterministic
where wall time on a shared machine is not, so a change of 1 % shows.

    python benchmarks/instructions.py steady  TREE[,TREE...] PROGRAM [SIZE]
    python benchmarks/instructions.py compile TREE[,TREE...] PROGRAM[,PROGRAM...]

`steady`: instructions per run of benchmarks/programs/PROGRAM.eva in one VM once warm, as
(5 runs - 3 runs) / 2, so start-up, compilation and the first runs' tier-ups cancel out.
`compile`: instructions to compile the program's units in-process with the JIT forced on and
LLVM already loaded (a run at SIZE 2, minus a run that only warms up). Each TREE is a checkout
whose `eva` package is imported (PYTHONPATH); PYTHONHASHSEED is fixed and bytecode caching
is on, so the counts repeat (without .pyc files, the first run of a tree pays for compiling
eva's modules: run twice).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys

PROGRAMS = pathlib.Path(__file__).resolve().parent / "programs"

RUNS = r'''
import io, sys, eva
source = open(sys.argv[1]).read()
if sys.argv[3] != "-":
    source = source.replace("(var SIZE", "(var SIZE " + sys.argv[3] + ") (var IGNORED", 1)
vm = eva.VM(stdout=io.StringIO(), jit_cache=False)
code = vm.compile(source, sys.argv[1])
for _ in range(int(sys.argv[2])):
    vm.run_code(code)
'''

COMPILES = r'''
import io, sys, eva
vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO())
vm.run("(def warm (x) (+ x 1)) (warm 1) (def warm2 (x) (* x 2.0)) (warm2 1.5)")
if sys.argv[1] != "-":
    vm.run(open(sys.argv[1]).read().replace("(var SIZE", "(var SIZE 2) (var IGNORED", 1))
'''


def count(tree: str, script: str, *args: str) -> int:
    env = {**os.environ, "PYTHONPATH": tree, "PYTHONHASHSEED": "0", "EVA_JIT_CACHE": "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                             sys.executable, "-c", script, *args],
                            env=env, cwd=tree, capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", result.stderr).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["steady", "compile"])
    parser.add_argument("trees")
    parser.add_argument("programs")
    parser.add_argument("size", nargs="?", default="-")
    options = parser.parse_args()
    for program in options.programs.split(","):
        path = str(PROGRAMS / f"{program}.eva")
        row = []
        for tree in options.trees.split(","):
            if options.what == "steady":
                millions = (count(tree, RUNS, path, "5", options.size)
                            - count(tree, RUNS, path, "3", options.size)) / 2e6
            else:
                millions = (count(tree, COMPILES, path) - count(tree, COMPILES, "-")) / 1e6
            row.append(f"{os.path.basename(tree.rstrip('/'))} {millions:.2f} M")
        print(program, "  ".join(row), flush=True)


if __name__ == "__main__":
    main()
