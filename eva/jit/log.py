"""The JIT log: every compilation, refusal, deopt, invalidation, give-up and code-cache event
as one JSON object per line (`--jit-log FILE`, `EVA_JIT_LOG`), PYPYLOG's role for eva.

The traces (`--trace-jit`, `--trace-deopt`) are for a person reading stderr; this is for
tools: each record has an `"event"`, `"t"` (seconds since the VM started) and the fields of
its event, listed in docs/jit.md ("The JIT log"), which a test checks against what is written.
`eva annotate` reads the same records, kept in memory, to say what ran natively where.

A record is written and flushed as it happens, so a log is complete up to a crash; the code
cache's writer thread logs its stores too, hence the lock. Nothing here imports the JIT: the
VM opens the log when it starts (so a run that compiles nothing leaves an empty log, not
none), and json and threading are imported only then.
"""

from __future__ import annotations

import math
import time

EVENTS = ("compile", "refuse", "deopt", "invalidate", "give-up", "cache-load", "cache-store",
          "cache-reject")
"""Every event the log writes (docs/jit.md has a row for each)."""


class JitLog:
    """Where the JIT's events go: a JSON-lines file (`path`), a list (`keep`: `records`), or
    both. Its time zero is when it is made, with its VM."""

    def __init__(self, path: str | None = None, keep: bool = False):
        import json
        import threading
        self.started = time.perf_counter()
        self.records: list[dict] | None = [] if keep else None
        self.encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode
        self.lock = threading.Lock()
        self.file = open(path, "w", encoding="utf-8") if path else None

    def emit(self, event: str, **fields) -> None:
        """Record one event (one of EVENTS) with its fields, stamped with the time."""
        record = {"event": event, "t": round(time.perf_counter() - self.started, 6), **fields}
        with self.lock:
            if self.records is not None:
                self.records.append(record)
            if self.file is not None and not self.file.closed:
                self.file.write(self.encode(record) + "\n")
                self.file.flush()

    def close(self) -> None:
        with self.lock:
            if self.file is not None:
                self.file.close()


def position_fields(code, pc: int | None = None) -> dict:
    """`file`, `line`, `col` of instruction `pc` of `code`, or of the function itself."""
    if pc is None:
        return {"file": code.file, "line": code.line, "col": code.col}
    position = code.position(pc)
    return {"file": position.file, "line": position.line, "col": position.col}


def json_value(value, boxed: bool):
    """A value seen by a guard as JSON has it: numbers and booleans as themselves, a float
    JSON cannot write (nan, inf) and any other object as Eva displays it."""
    if boxed or (type(value) is float and not math.isfinite(value)):
        from eva.objects import display
        return display(value, quoted=True)
    return value
