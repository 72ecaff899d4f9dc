import os
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
# No test writes to the user's code cache. The tests of the cache give it a directory of their
# own (golden mode "jit-cache", test_cache.py); everything else runs without one, and the tests
# that clear the EVA_* variables (to see eva's defaults) write into this session's directory.
os.environ["EVA_JIT_CACHE"] = "0"
SESSION_CACHE = tempfile.mkdtemp(prefix="eva-test-cache-")
os.environ["XDG_CACHE_HOME"] = SESSION_CACHE


def pytest_sessionfinish(session, exitstatus):
    shutil.rmtree(SESSION_CACHE, ignore_errors=True)


@pytest.fixture
def runtime_calls(monkeypatch):
    """Counts, by name, of the runtime functions native code calls (jit/runtime.py's
    `operations`), in the VMs made while the test runs."""
    from eva.jit import runtime
    counts = Counter()
    operations = runtime.operations

    def counted(interpreter, native_depth=None):
        table = operations(interpreter, native_depth)
        for name, function in table.items():
            def call(*args, function=function, name=name):
                counts[name] += 1
                return function(*args)
            table[name] = call
        return table
    monkeypatch.setattr(runtime, "operations", counted)
    return counts
