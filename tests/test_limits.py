"""Pathological inputs get their answer quickly: a result, or a clean error with a position
(issue 16; docs/limits.md lists every limit with its measured times).

Each input here took from 14 s to minutes, or hours, before its fix. The target is 2 s; the
tests allow `TIME_LIMIT` so that a loaded machine does not make them fail, which still tells
a linear front end from a quadratic one by a wide margin.
"""

from __future__ import annotations

import io
import time

from eva.cli import EXIT_COMPILE_ERROR, EXIT_OK, execute
from eva.config import Options

TIME_LIMIT = 5.0


def run(source: str, **options) -> tuple[int, str, str, float]:
    """Run `source` as `eva run` does, in-process: status, stdout, stderr, seconds taken."""
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    status = execute(source, "big.eva", Options.from_env(environ={}, **options),
                     print_value=False, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue(), time.perf_counter() - start


# -- run time ---------------------------------------------------------------------------------

def test_printing_a_million_digit_integer():
    """CPython 3.11 converts integers to decimal in quadratic time: 16 s for this one."""
    source = "(var x 2) (for (var i 0) (< i 22) (++ i) (set x (* x x))) (print (len (str x)))"
    status, out, err, seconds = run(source, jit=False)
    assert (status, out, err) == (EXIT_OK, "1262612\n", "")
    assert seconds < TIME_LIMIT


def test_an_index_of_a_million_digits_in_an_error_message():
    source = "(var x 2) (for (var i 0) (< i 22) (++ i) (set x (* x x))) (idx (list 1) x)"
    status, out, err, seconds = run(source, jit=False)
    assert status == 70
    assert err.startswith("runtime error: index out of range: index 2065063539835887924399")
    assert err.split("\n")[0].endswith("for a list of length 1")
    assert seconds < TIME_LIMIT
