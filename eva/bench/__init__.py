"""The benchmark harness behind `eva bench` and `pytest benchmarks/`.

Every benchmark is a family of programs implementing the same algorithm (NAME.eva, NAME.py,
optionally NAME.c, ...; see eva/bench/suite/README.md). The harness runs each one in each
tier, checks that every run prints the same checksum as the CPython version, and compares times.

Modules, in dependency order:

- `programs`: finding the benchmark programs and rewriting their size.
- `results`: what a run produces (times, failures, machine description) and its JSON form.
- `tiers`: how each tier (interp, jit, cpython, pypy, c, ...) runs a program, in-process
  and as a whole process.
- `worker`: the in-process (steady-state) runs of one benchmark, in a child process.
- `runner`: the measurement loop, checksum checks and progress on stderr.
- `report`, `compare`, `plot`: the table, the change against a saved run, the chart.
- `command`: the `eva bench` command line.
"""
