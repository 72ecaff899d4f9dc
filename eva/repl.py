"""The interactive REPL: multi-line input until parentheses balance, readline editing and
history, the value of each input printed, errors reported without ending the session.

A session whose stdin is not a terminal (`eva < inputs`, a pipe) is a batch: it reads on after
an error as a terminal session does, but its exit status reports the first error, with the
statuses of `eva run` (65 a compile error, 70 a runtime error), so a script feeding the REPL
can tell. A terminal session always ends with 0: its errors were seen as they happened.
"""

from __future__ import annotations

import os
import sys

from eva.config import Options
from eva.errors import EvaRuntimeError, EvaSyntaxError
from eva.objects import display
from eva.reader import Balance
from eva.vm import VM

HISTORY_FILE = os.path.expanduser("~/.eva_history")
HISTORY_LENGTH = 1000
PROMPT = "eva> "
CONTINUATION = "...> "


def _enable_line_editing() -> None:
    try:
        import readline
    except ImportError:  # not every platform ships readline; the REPL works without it
        return
    try:
        readline.read_history_file(HISTORY_FILE)
    except OSError:
        pass
    readline.set_history_length(HISTORY_LENGTH)
    import atexit

    def save() -> None:
        try:
            readline.write_history_file(HISTORY_FILE)
        except OSError:
            pass
    atexit.register(save)


def read_entry(interactive: bool) -> str | None:
    """One complete input (possibly several lines), or None at end of input. Blank lines
    before an input are skipped. Each line costs time in proportion to itself: `Balance`
    keeps the reader's state between lines instead of reading the input so far again (which
    took 14 s for 2,000 continuation lines)."""
    lines: list[str] = []
    balance = Balance()
    while True:
        try:
            line = input(CONTINUATION if lines else PROMPT) if interactive else sys.stdin.readline()
        except EOFError:
            line = None
        if line is None or (not interactive and line == ""):
            return "\n".join(lines) if lines else None
        line = line.rstrip("\n")
        if not lines and not line.strip():
            continue
        lines.append(line)
        if balance.add(line):
            return "\n".join(lines)


def repl(options: Options) -> int:
    """Run a session; its exit status (module docstring)."""
    interactive = sys.stdin.isatty()
    status = 0  # or the first error's exit status
    if interactive:
        _enable_line_editing()
        print("Eva REPL. Ctrl-D exits; an input runs when its parentheses balance.")
    vm = VM(options)
    while True:
        try:
            text = read_entry(interactive)
        except KeyboardInterrupt:
            print("\n(interrupted: input discarded)")
            continue
        if text is None:
            if interactive:
                print()
            vm.report_statistics(sys.stderr)
            vm.close_jit_log()
            return 0 if interactive else status
        try:
            value = vm.run(text, "<repl>")
            if value is not None:
                print(display(value, quoted=True))
        except EvaSyntaxError as error:
            print(error.render(), file=sys.stderr)
            status = status or error.exit_status
        except EvaRuntimeError as error:
            sys.stdout.flush()
            print(error.render(), file=sys.stderr)
            status = status or error.exit_status
        except KeyboardInterrupt:
            print("\n(interrupted)", file=sys.stderr)
        sys.stdout.flush()
