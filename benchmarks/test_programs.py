"""Every benchmark program in every in-process tier, timed by pytest-benchmark.

All these tiers run in this process, through the sessions `eva bench` uses for its steady
state: the Eva tiers in a VM, CPython by executing NAME.py like `runpy.run_path` does. A
subprocess would add interpreter start-up (~0.1 s, more than most quick-size runs) to the time
of CPython and of eva alike and hide the differences being measured; `eva bench` reports
whole-process times separately.

Every round checks the checksum against the CPython version's output at the same size, so a
wrong answer fails the test instead of producing a time. Rounds: `--benchmark-min-rounds`
(default 5), after one warm-up round that is excluded (the JIT's steady state).
"""

import pytest

from eva.bench.programs import DEFAULT_DIRECTORY, discover
from eva.bench.runner import References, check
from eva.bench.tiers import TIERS, RunFailure, Workspace

PROGRAMS = discover(DEFAULT_DIRECTORY)
IN_PROCESS_TIERS = ["bytecode", "interp", "jit", "cpython"]


@pytest.fixture(scope="session")
def references(tmp_path_factory) -> References:
    """Reference checksums, computed once per program and size for the whole session."""
    return References(Workspace(tmp_path_factory.mktemp("eva-bench")))


@pytest.mark.parametrize("tier", IN_PROCESS_TIERS)
@pytest.mark.parametrize("name", list(PROGRAMS))
def test_program(benchmark, request, references, eva_size, name, tier):
    program = PROGRAMS[name]
    size = {"quick": program.quick_size, "default": program.default_size}.get(eva_size, eva_size)
    try:
        expected = references.get(program, size)
        session = TIERS[tier].session(program, size)
    except RunFailure as failure:
        pytest.fail(str(failure), pytrace=False)

    def checked_run():
        output, _ = session.run()
        check(output, expected)

    benchmark.group = f"{name} (size {size})"
    try:
        benchmark.pedantic(checked_run, warmup_rounds=1,
                           rounds=request.config.getoption("benchmark_min_rounds"))
    except RunFailure as failure:
        pytest.fail(f"{name} in {tier}: {failure}", pytrace=False)
