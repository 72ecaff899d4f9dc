"""The REPL (eva/repl.py, CLI.md): multi-line input until parentheses balance, each value
printed, errors reported without ending the session, globals kept between inputs.

Piped stdin is tested in-process (`eva.cli.main([])` with a fake stdin) and once through a
real `python -m eva` process; the interactive path (prompts, line editing, history) runs in a
tmux pane when tmux is installed.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eva.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith("EVA_"):
            monkeypatch.delenv(name)


def repl(monkeypatch, capsys, text: str, *argv: str) -> tuple[int, str, str]:
    """Run the REPL in-process on piped `text`."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_values_are_printed_and_null_is_not(monkeypatch, capsys):
    status, out, err = repl(monkeypatch, capsys,
                            '(+ 1 2)\n"str"\n(list "a" 1.5)\n(print "side")\nnull\ntrue\n')
    assert (status, err) == (0, "")
    assert out == '3\n"str"\n["a", 1.5]\nside\ntrue\n'


def test_multi_line_input_runs_when_parentheses_balance(monkeypatch, capsys):
    text = "(def add (a b)\n  (+ a\n     b))\n\n(add 40\n\n 2)\n(print \"two\nlines\")\n"
    status, out, err = repl(monkeypatch, capsys, text)
    assert (status, err) == (0, "")
    assert out == "<fn add/2>\n42\ntwo\nlines\n"


def test_globals_persist_between_inputs(monkeypatch, capsys):
    text = "(var x 40)\n(def f () (+ x 2))\n(f)\n(set x 0)\n(f)\n(class P null)\n(new P)\n"
    status, out, err = repl(monkeypatch, capsys, text)
    assert (status, err) == (0, "")
    assert out == "40\n<fn f/0>\n42\n0\n2\n<class P>\n<P instance>\n"


def test_errors_do_not_end_the_session(monkeypatch, capsys):
    text = "(var x 1)\n(/ x 0)\n(+ 1 2 3)\n)\n(undefined-name)\n(+ x 1)\n"
    status, out, err = repl(monkeypatch, capsys, text)
    assert status == 70  # piped: the first error's status (a runtime error)
    assert out == "1\n2\n"  # the inputs after the errors still ran, x kept its value
    assert err.split("\n") == [
        "runtime error: division by zero",
        "  at <script> (<repl>:1:1)",
        "<repl>:1:1: error: operands: '+' takes exactly 2 operands, got 3",
        "    (+ 1 2 3)",
        "    ^",
        "<repl>:1:1: error: unbalanced parentheses: unexpected ')'",
        "    )",
        "    ^",
        "runtime error: undefined variable 'undefined-name'",
        "  at <script> (<repl>:1:2)",
        "",
    ]


def test_runtime_error_in_a_function_keeps_earlier_definitions(monkeypatch, capsys):
    text = "(def bad (n) (idx (list) n))\n(bad 3)\n(def good () 7)\n(good)\n"
    status, out, err = repl(monkeypatch, capsys, text)
    assert status == 70 and out == "<fn bad/1>\n<fn good/0>\n7\n"
    assert err.startswith("runtime error: index out of range")
    assert "  at bad (<repl>:1:14)" in err


def test_incomplete_input_at_end_of_file_is_reported(monkeypatch, capsys):
    status, out, err = repl(monkeypatch, capsys, "(+ 1 1)\n(print 1\n")
    assert (status, out) == (65, "2\n")
    assert "unbalanced parentheses" in err and "never closed" in err


def test_strings_and_comments_across_lines_hide_their_parentheses(monkeypatch, capsys):
    text = ('(print "a (\n b"\n  /* ) (\n )) */ "c\\"(")\n'  # a string, a comment, an escape
            "\n\n   \n"                                      # blank lines between inputs
            "(+ 1 /* ( */\n 2) (+ 3\n 4)\n"                  # two inputs ending on one line
            "// a comment alone\n")
    status, out, err = repl(monkeypatch, capsys, text)
    assert (status, err) == (0, "")
    assert out == 'a (\n b c"(\n7\n'


def test_an_error_ends_an_input_at_its_line(monkeypatch, capsys):
    """An input with an error is complete: it runs (and reports) at once, instead of waiting
    for more lines; so does one nested too deeply, however many '(' are left open."""
    text = "(print (+ 1\n 1.2.3\n(print 2)\n" + "(" * 2000 + "\n(print 3)\n"
    status, out, err = repl(monkeypatch, capsys, text)
    assert (status, out) == (65, "2\n3\n")
    assert err.split("\n")[0] == "<repl>:2:2: error: malformed number '1.2.3'"
    assert "<repl>:1:1001: error: expression nested too deeply" in err


def test_twenty_thousand_continuation_lines_take_linear_time(monkeypatch, capsys):
    """Each line used to read the whole input so far again: 14 s for 2,000 lines, and this
    would have taken about 25 minutes."""
    text = "(print 1\n" + "1\n" * 20_000 + ")\n(print 2)\n"
    start = time.perf_counter()
    status, out, err = repl(monkeypatch, capsys, text)
    assert time.perf_counter() - start < 5.0
    assert (status, err) == (0, "")
    assert out == "1 " * 20_000 + "1\n2\n"


def test_repl_command_takes_run_options(monkeypatch, capsys):
    text = "(def f (n) (if (== n 0) 0 (+ 1 (f (- n 1)))))\n(f 30)\n(f 3)\n"
    status, out, err = repl(monkeypatch, capsys, text, "repl", "--max-depth", "10", "--no-jit")
    assert (status, out) == (70, "<fn f/1>\n3\n")
    assert err.startswith("runtime error: stack overflow")


def test_eva_with_run_options_and_no_file_starts_the_repl(monkeypatch, capsys):
    text = "(def sq (x) (* x x))\n(var s 0)\n(for (var i 0) (< i 50) (++ i) (+= s (sq i)))\ns\n"
    assert repl(monkeypatch, capsys, text, "--no-jit", "--jit-stats") == \
        (0, "<fn sq/1>\n0\n40425\n",
         "jit stats: the JIT is off (--no-jit or EVA_JIT=0): nothing was compiled\n")
    status, out, err = repl(monkeypatch, capsys, text, "--jit-threshold", "10", "--jit-stats",
                            "--no-jit-cache")
    assert (status, out) == (0, "<fn sq/1>\n0\n40425\n") and "    sq(int)\n" in err


def test_a_piped_session_exits_with_its_first_error(monkeypatch, capsys):
    assert repl(monkeypatch, capsys, "(+ 1 2)\n")[0] == 0
    assert repl(monkeypatch, capsys, "(+ 1 2 3)\n(/ 1 0)\n")[0] == 65
    assert repl(monkeypatch, capsys, "(/ 1 0)\n(+ 1 2 3)\n(print 4)\n")[:2] == (70, "4\n")


def test_piped_python_dash_m_eva_session():
    text = "(var n 20)\n(def double (x)\n  (* 2 x))\n(double n)\n(double \"x\")\n(double 21)\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVA_")}
    result = subprocess.run([sys.executable, "-m", "eva"], input=text, capture_output=True,
                            text=True, timeout=60, env=env, cwd=ROOT)
    assert result.returncode == 70
    assert result.stdout == "20\n<fn double/1>\n40\n42\n"
    assert result.stderr.startswith("runtime error: type error")
    assert "Traceback" not in result.stderr


# -- interactive, in a terminal ----------------------------------------------------------------

class Tmux:
    """A private tmux server (own socket) running one pane."""

    def __init__(self, socket: str):
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              timeout=20).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "eva")

    def wait_for(self, predicate, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if predicate(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the screen shows:\n{screen}")
            time.sleep(0.05)

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "eva", *keys)


def test_interactive_session_in_tmux(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    home = tmp_path / "home"
    home.mkdir()
    done = tmp_path / "exit-status"
    command = (f"cd {ROOT} && env -u EVA_JIT HOME={home} {sys.executable} -m eva; "
               f"echo $? > {done}; sleep 30")
    terminal = Tmux(f"eva-test-{os.getpid()}")
    terminal.tmux("new-session", "-d", "-s", "eva", "-x", "100", "-y", "40", command)
    try:
        terminal.wait_for(lambda s: "eva>" in s)
        assert "Eva REPL" in terminal.screen()
        terminal.send("(var x 41)", "Enter")
        terminal.wait_for(lambda s: s.count("eva>") >= 2)
        terminal.send("(+ x", "Enter")
        terminal.wait_for(lambda s: "...>" in s)           # continuation prompt
        terminal.send("   1)", "Enter")
        terminal.wait_for(lambda s: "\n42\n" in s)
        terminal.send("(/ x 0)", "Enter")
        terminal.wait_for(lambda s: "division by zero" in s)
        terminal.send("Up", "Up", "Up", "Up")               # history: back to (var x 41)
        terminal.send("BSpace", "BSpace", "BSpace", "47)", "Enter")  # edited to (var x 47)
        terminal.wait_for(lambda s: "\n47\n" in s)
        terminal.send("(* x 2)", "Enter")
        terminal.wait_for(lambda s: "\n94\n" in s)
        terminal.send("C-d")
        deadline = time.monotonic() + 15
        while not (done.exists() and done.read_text().strip()):
            assert time.monotonic() < deadline, terminal.screen()
            time.sleep(0.05)
        assert done.read_text().strip() == "0"
        history = (home / ".eva_history").read_text()
        assert "(var x 41)" in history and "(* x 2)" in history
    finally:
        terminal.tmux("kill-server")


def test_statistics_flags_report_when_the_session_ends(monkeypatch, capsys):
    text = "(def sq (x) (* x x))\n(var s 0)\n(for (var i 0) (< i 50) (++ i) (+= s (sq i)))\ns\n"
    status, out, err = repl(monkeypatch, capsys, text, "repl", "--jit-stats", "--gc-stats",
                            "--jit-threshold", "10", "--no-jit-cache")
    assert status == 0 and out.endswith("40425\n")
    assert "gc stats:" in err and "jit stats:" in err and "sq(int)" in err
