"""Errors of Eva programs, and how they are shown to users.

Three kinds, kept apart because they end a run differently (CLI.md exit codes):
- `EvaSyntaxError`: bad input found before anything runs (reader or compiler), exit 65,
  shown as `FILE:LINE:COL: error: MESSAGE` with the source line and a caret.
- `EvaRuntimeError`: the program did something the language forbids, exit 70, shown as
  `runtime error: MESSAGE` followed by the Eva stack trace (innermost frame first).
- `EvaInternalError`: the VM broke one of its own invariants (for example the GC's checking
  mode caught a use of a swept object). It is a VM bug, never the program's fault.

Every message contains its category word from SPEC.md section 7 so tests can rely on it.
"""

from __future__ import annotations

from collections import namedtuple


class Position(namedtuple("Position", "file line col")):
    """A 1-based line and column in a named source.

    The records made at start-up are named tuples or plain classes, not dataclasses: importing
    dataclasses (it imports inspect, ast, dis and tokenize) and making each class cost eva's
    start-up about 10 ms, a tenth of a short program's whole process."""

    __slots__ = ()

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class EvaError(Exception):
    """Base of every error an Eva program can cause."""


SHOWN_WIDTH = 200
"""Characters of a long source line a compile error shows, centred on the error's column."""


class EvaSyntaxError(EvaError):
    """A compile-time error at a source position."""

    exit_status = 65  # of a run it ends (CLI.md)

    def __init__(self, message: str, position: Position, source_line: str = ""):
        super().__init__(message)
        self.message = message
        self.position = position
        self.source_line = source_line

    def render(self) -> str:
        """The user-facing report: location, message, the source line and a caret."""
        text = f"{self.position}: error: {self.message}"
        if self.source_line:
            line, caret_col = self.source_line, self.position.col
            if len(line) > SHOWN_WIDTH:  # keep huge one-line inputs readable around the column
                start = max(0, caret_col - SHOWN_WIDTH // 2)
                line = line[start:start + SHOWN_WIDTH]
                caret_col -= start
            line = "".join(ch if ch.isprintable() else " " if ch == "\t" else "?"
                           for ch in line)  # no control codes to the tty
            text += f"\n    {line}\n    {' ' * (caret_col - 1)}^"
        return text


class TraceEntry(namedtuple("TraceEntry", "name position")):
    """One frame of an Eva stack trace: a function's name and a Position (None: native)."""

    __slots__ = ()

    def __str__(self) -> str:
        where = str(self.position) if self.position else "native"
        return f"  at {self.name} ({where})"


class EvaRuntimeError(EvaError):
    """A runtime error; the interpreter fills in the Eva stack trace as it unwinds."""

    exit_status = 70  # of a run it ends (CLI.md)

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
        self.trace: list[TraceEntry] = []

    def render(self) -> str:
        lines = [f"runtime error: {self.message}"]
        lines.extend(collapse_repeats([str(entry) for entry in self.trace]))
        return "\n".join(lines)


MAX_REPEAT_PERIOD = 4
"""Runaway recursion through up to this many functions has its trace folded (see below)."""


def collapse_repeats(lines: list[str]) -> list[str]:
    """Fold a block of 1 to MAX_REPEAT_PERIOD trace lines that repeats back to back into
    two copies and a count, as CPython does for recursion: a 20,000-frame stack overflow
    stays readable, and the innermost frames are always shown in full."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        for period in range(1, MAX_REPEAT_PERIOD + 1):
            block = lines[i:i + period]
            repeats = 1
            while lines[i + repeats * period:i + (repeats + 1) * period] == block:
                repeats += 1
            if len(block) == period and repeats > 3:
                out.extend(block * 2)
                hidden = (repeats - 2) * period
                out.append(f"  ... {hidden} more frames repeating the {period} above")
                i += repeats * period
                break
        else:
            out.append(lines[i])
            i += 1
    return out


class EvaInternalError(Exception):
    """A broken VM invariant; reported as an internal error, never as the program's fault."""
