"""Options of `pytest benchmarks/`.

`--eva-size=quick` (the default) keeps the whole run short enough for CI; `--eva-size=default`
runs every benchmark at its real size, for measurements worth reading.
"""

import pytest


def pytest_addoption(parser):
    parser.addoption("--eva-size", choices=["quick", "default"], default="quick",
                     help="benchmark sizes: each program's quick size (default) or its default "
                          "size")


@pytest.fixture(scope="session")
def eva_size(request) -> str:
    return request.config.getoption("--eva-size")
