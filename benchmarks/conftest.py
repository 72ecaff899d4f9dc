"""Options of `pytest benchmarks/`.

`--eva-size=quick` (the default) keeps the whole run short enough for CI; `--eva-size=default`
runs every benchmark at its real size, for measurements worth reading; `--eva-size=N` runs at
size N (pick the benchmark with -k: `-k fib --eva-size=27`).
"""

import argparse

import pytest


def pytest_addoption(parser):
    parser.addoption("--eva-size", type=size_choice, default="quick",
                     help="benchmark sizes: 'quick' (each program's quick size, the default), "
                          "'default' (each one's default size) or a number")


def size_choice(text: str):
    if text in ("quick", "default"):
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected quick, default or a number, not {text!r}")


@pytest.fixture(scope="session")
def eva_size(request) -> str | int:
    return request.config.getoption("--eva-size")
