"""The `eva` command (CLI.md): commands, options, exit statuses, error formats, streams.

Most tests call `eva.cli.main([...])` in-process (the same code path as the command, with
pytest's captured streams); a handful run real subprocesses end to end: `python -m eva`,
the `eva` script, stdin `-`, exit statuses and the absence of host tracebacks.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eva.cli import execute, main
from eva.config import DEFAULT_MAX_DEPTH, Options

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
EVA_SCRIPT = Path(sys.executable).parent / "eva"

RECURSE = "(def f (n) (if (== n 0) 0 (+ 1 (f (- n 1)))))\n"
RUNTIME_ERROR_PROGRAM = """(print "before")
(def inner (x) (/ x 0))
(def outer (y)
  (inner y))
(outer 1)
(print "after")
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    """EVA_* variables of the caller's shell must not change what these tests see."""
    for name in list(os.environ):
        if name.startswith("EVA_"):
            monkeypatch.delenv(name)


@pytest.fixture
def program(tmp_path, monkeypatch):
    """Write a program into a temporary directory (the cwd) and return its relative name."""
    monkeypatch.chdir(tmp_path)

    def write(text: str, name: str = "prog.eva") -> str:
        Path(name).write_text(text)
        return name
    return write


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def subprocess_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVA_")}
    env.update(extra)
    return env


def run_process(args: list[str], stdin: str = "", **env) -> subprocess.CompletedProcess:
    return subprocess.run(args, input=stdin, capture_output=True, text=True, timeout=60,
                          env=subprocess_env(**env), cwd=ROOT)


# -- run / eval / dis in-process ---------------------------------------------------------------

def test_run_file(program, capsys):
    name = program('(print "hello" 42)\n(print (+ 1.5 2))\n')
    assert cli(capsys, "run", name) == (0, "hello 42\n3.5\n", "")
    assert cli(capsys, "run", name, "--no-jit") == (0, "hello 42\n3.5\n", "")


def test_run_does_not_print_the_last_value(program, capsys):
    assert cli(capsys, "run", program("(+ 1 2)")) == (0, "", "")


def test_run_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"(print (* 6 7))\n(print x)")))
    status, out, err = cli(capsys, "run", "-", "--no-jit")
    assert (status, out) == (70, "42\n")
    assert err == "runtime error: undefined variable 'x'\n  at <script> (<stdin>:2:8)\n"


@pytest.mark.parametrize("argv, expected", [
    (["eval", "(+ 1 2)"], "3\n"),
    (["-e", "(+ 1 2)"], "3\n"),
    (["eval", '"hi"'], "hi\n"),
    (["eval", "(list 1 \"a\" 2.5)"], '[1, "a", 2.5]\n'),
    (["eval", "(print 1)"], "1\nnull\n"),
    (["eval", "(/ 1 4)", "--no-jit"], "0.25\n"),
    (["-e", "(var x 2) (* x 21)", "--gc-stress"], "42\n"),
    (["eval", ""], "null\n"),
])
def test_eval_prints_the_last_value(capsys, argv, expected):
    assert cli(capsys, *argv) == (0, expected, "")


def test_dis_file(program, capsys):
    status, out, err = cli(capsys, "dis", program("(print 1)"))
    assert (status, err) == (0, "")
    assert out.split("\n") == [
        "== <script>/0 (prog.eva:1:1) ==",
        "; 1: (print 1)",
        "0000    13 00 00          GET_GLOBAL           0 (print)      1:2",
        "0003    00 00 00          CONST                0 (1)          1:8",
        "0006    28 00 01          CALL                 1              1:1",
        "0009    29                RETURN                              1:1",
        "",
    ]


def test_ir_types_stage_prints_the_typed_bytecode(capsys):
    """`eva ir --stage types --func NAME`: the golden of tests/ir on stdout, the program's own
    output on stderr."""
    ir_dir = ROOT / "tests" / "ir"
    status, out, err = cli(capsys, "ir", str(ir_dir / "bucket.eva"), "--stage", "types",
                           "--func", "bucket")
    assert (status, err) == (0, IR_FORCED + "148985\n")
    assert out.strip() == (ir_dir / "bucket.types").read_text().strip()


IR_FORCED = ("eva ir: compilation forced: every function at its first call, every loop at its "
             "first back-edge (--as-run compiles what 'eva run' would)\n")
SQUARES = "(def sq (x) (* x x)) (var s 0) (for (var i 0) (< i 10) (++ i) (+= s (sq i))) (print s)"


def ir_headers(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith("; ==== ")]


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_ir_leads_back_to_the_source_and_names_variables(stage, program, capsys):
    """Under each block named for an instruction: that instruction, its source position and
    the Eva form there; a local's IR value is named after its variable, not its slot."""
    status, out, _ = cli(capsys, "ir", program(TOTAL), "--stage", stage)
    assert status == 0
    assert "  ; 0011 JUMP_IF_NOT_LT 0029 at prog.eva:4:20: (< i n)\n" in out
    assert "  ; 0019 ADD at prog.eva:5:18: (+ total i)\n" in out
    assert re.search(r'%"?total_int', out) and not re.search(r"%\"?s\d+_int", out)


ANNOTATED = ("(def sq (x)\n  (* x x))\n(var s 0)\n(for (var i 0) (< i 3000) (++ i)\n"
             "  (+= s (sq i)))\n(print (sq 4000000000) s)\n")


def notes_under(out: str, line: str) -> list[str]:
    """The annotation lines `eva annotate` printed under source line `line` (its text as
    printed: number and source)."""
    lines = out.splitlines()
    start = lines.index(line) + 1
    end = start
    while end < len(lines) and lines[end].startswith("      ; "):
        end += 1
    return [note[len("      ; "):] for note in lines[start:end]]


def test_annotate_marks_tiers_native_loops_and_guard_failures(program, capsys):
    """With the default thresholds: sq is translated then compiled, the loop goes on natively,
    and sq's overflow guard fails once, at (sq 4000000000); the program's output is on
    stderr, the source and its notes on stdout."""
    status, out, err = cli(capsys, "annotate", "--no-jit-cache", program(ANNOTATED))
    assert (status, err) == (0, "16000000000000000000 8995500500\n")
    assert out.splitlines()[0] == "1  (def sq (x)"
    assert notes_under(out, "1  (def sq (x)") == [
        "function sq/1: translated, native sq(int)", "invalidated sq(int): integer overflow"]
    assert re.fullmatch(r"guard #\d+ integer overflow at 2:3 in sq\(int\): failed 1 time",
                        notes_under(out, "2    (* x x))")[0])
    loop = notes_under(out, "4  (for (var i 0) (< i 3000) (++ i)")
    assert loop[0] == "loop at 4:19 in <script>: went on translated and native <script> loop@0016(int)"
    assert "6  (print (sq 4000000000) s)" in out.splitlines()


def test_annotate_runs_with_the_run_options(program, capsys):
    status, out, err = cli(capsys, "annotate", "--no-jit", "--no-translate", program(ANNOTATED))
    assert status == 0
    assert notes_under(out, "1  (def sq (x)") == ["function sq/1: dispatch loop"]
    assert notes_under(out, "4  (for (var i 0) (< i 3000) (++ i)") == []
    assert "guard" not in out
    status, out, err = cli(capsys, "annotate", "--jit-always", "--deopt-every", "3",
                           "--no-jit-cache", program(ANNOTATED))
    assert status == 0 and re.search(r"\): (failed \d+ times?|never failed), forced to fail "
                                     r"\d+ times?\n", out)


def test_annotate_reports_errors_with_their_status(program, capsys):
    status, out, err = cli(capsys, "annotate", program("(def f (a)\n  (/ a 0))\n(f 1)\n"))
    assert status == 70 and "division by zero" in err
    assert out.splitlines()[0] == "1  (def f (a)"
    assert cli(capsys, "annotate", program("(print"))[0] == 65


TOTAL = ("(def total-to (n)\n  (begin\n    (var total 0)\n    (for (var i 0) (< i n) (++ i)\n"
         "      (set total (+ total i)))\n    total))\n(print (total-to 10))\n")


def test_ir_types_stage_shows_the_source_lines(program, capsys):
    status, out, _ = cli(capsys, "ir", program("(def sq (x)\n  (* x x))\n(print (sq 7))"),
                         "--stage", "types")
    assert status == 0
    lines = out.splitlines()
    assert lines[lines.index("; 2:   (* x x))") + 1].startswith("0000  GET_LOCAL2")


@pytest.mark.parametrize("jit_off", [["--no-jit"], ["EVA_JIT=0"]])
def test_ir_honours_the_jit_being_off(program, capsys, monkeypatch, jit_off):
    if jit_off == ["EVA_JIT=0"]:
        monkeypatch.setenv("EVA_JIT", "0")
        jit_off = []
    assert cli(capsys, "ir", program(SQUARES), *jit_off) == \
        (1, "", "285\neva ir: the JIT is off (--no-jit or EVA_JIT=0): nothing was compiled\n")


def test_ir_as_run_compiles_only_what_a_run_would(program, capsys):
    name = program(SQUARES)
    status, out, err = cli(capsys, "ir", name, "--as-run")
    assert (status, out) == (1, "")
    assert err == ("285\neva ir: the JIT compiled no code for any function; a run compiles a "
                   "function after 1000 calls and a loop after 2000 back-edges (without "
                   "--as-run, eva ir compiles every one)\n")
    status, out, err = cli(capsys, "ir", name, "--as-run", "--jit-threshold", "3")
    assert (status, err) == (0, "285\n")
    assert ir_headers(out) == ["; ==== sq(int) -> int : post ===="]  # not the loop
    status, out, err = cli(capsys, "ir", name)
    assert (status, err) == (0, IR_FORCED + "285\n")
    assert ir_headers(out) == ["; ==== sq(int) -> int : post ====",
                               "; ==== <script> loop@0016(int) -> null : post ===="]


def test_ir_with_an_unknown_function_lists_the_functions(program, capsys):
    assert cli(capsys, "ir", program(SQUARES), "--func", "square") == \
        (2, "", "eva: error: prog.eva has no function 'square'; its functions: <script>, sq\n")


def test_ir_help_documents_forcing_and_exit_status(capsys):
    with pytest.raises(SystemExit):
        main(["ir", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "By default compilation is forced" in out and "--as-run" in out
    assert "Exit status: 0 the dumps were printed; 1 nothing was compiled" in out


# -- error formats and exit statuses --------------------------------------------------------

def test_compile_error_format_and_status(program, capsys):
    name = program('(print "ok")\n(print\n   (+ 1 2 3))\n')
    status, out, err = cli(capsys, "run", name)
    assert status == 65
    assert out == ""  # nothing runs before a compile error
    assert err == ("prog.eva:3:4: error: operands: '+' takes exactly 2 operands, got 3\n"
                   "       (+ 1 2 3))\n"
                   "       ^\n")


@pytest.mark.parametrize("source, line, col, category", [
    ('(print "abc', 1, 8, "unterminated string"),
    ("(print 1))", 1, 10, "unbalanced parentheses"),
    ("(print ())", 1, 8, "expression"),
    ("(var x 1.)", 1, 8, "malformed number"),
    ("/* never closed", 1, 1, "unterminated comment"),
])
def test_compile_error_categories(capsys, source, line, col, category):
    status, out, err = cli(capsys, "eval", source)
    assert (status, out) == (65, "")
    first, shown, caret = err.rstrip("\n").split("\n")
    assert first.startswith(f"<eval>:{line}:{col}: error: ") and category in first
    assert shown == "    " + source and caret == "    " + " " * (col - 1) + "^"


def test_runtime_error_format_trace_and_kept_output(program, capsys):
    status, out, err = cli(capsys, "run", program(RUNTIME_ERROR_PROGRAM), "--no-jit")
    assert status == 70
    assert out == "before\n"  # printed before the error, kept; nothing after it
    assert err.split("\n") == [
        "runtime error: division by zero",
        "  at inner (prog.eva:2:16)",
        "  at outer (prog.eva:4:3)",
        "  at <script> (prog.eva:5:1)",
        "",
    ]


@pytest.mark.parametrize("source, category", [
    ("(+ 1 \"a\")", "type error"),
    ("(nope)", "undefined variable"),
    ("(def f (a) a) (f 1 2)", "arity"),
    ("(class C null) (prop (new C) x)", "unknown property"),
    ("(idx (list 1) 5)", "index out of range"),
    ("(% 5 0)", "modulo by zero"),
])
def test_runtime_error_categories(capsys, source, category):
    status, out, err = cli(capsys, "eval", source, "--no-jit")
    assert (status, out) == (70, "")
    assert err.startswith("runtime error: ") and category in err.split("\n")[0]
    assert err.split("\n")[1].startswith("  at <script> (<eval>:1:")


def test_missing_file_is_bad_usage(program, capsys):
    status, out, err = cli(capsys, "run", "does-not-exist.eva")
    assert (status, out) == (2, "")
    assert err.startswith("eva: error: cannot read does-not-exist.eva")


@pytest.mark.parametrize("argv", [
    ["run", "--bogus", "x.eva"], ["eval"], ["--frobnicate"], ["run"], ["eval", "1", "--max-depth", "x"],
])
def test_bad_usage_exits_2(capsys, argv):
    with pytest.raises(SystemExit) as info:
        main(argv)
    out, err = capsys.readouterr()
    assert info.value.code == 2
    assert out == "" and "usage: eva" in err


def test_negative_option_and_bad_environment_are_bad_usage(capsys, monkeypatch):
    assert cli(capsys, "eval", "1", "--max-depth", "-1") == \
        (2, "", "eva: error: --max-depth must not be negative\n")
    monkeypatch.setenv("EVA_MAX_DEPTH", "lots")
    status, out, err = cli(capsys, "eval", "1")
    assert (status, out) == (2, "") and "EVA_MAX_DEPTH must be an integer" in err


def test_version(capsys):
    from eva import __version__
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert (info.value.code, capsys.readouterr().out) == (0, f"eva {__version__}\n")


def test_eva_file_runs_the_file_with_run_options(program, capsys):
    name = program(SQUARES)
    assert cli(capsys, name) == cli(capsys, "run", name) == (0, "285\n", "")
    status, out, err = cli(capsys, "--no-jit", name, "--jit-stats")
    assert (status, out) == (0, "285\n") and "the JIT is off" in err
    assert cli(capsys, "missing.eva") == \
        (2, "", "eva: error: cannot read missing.eva: No such file or directory\n")
    assert cli(capsys, program("(print (/ 1 0))"))[0] == 70


def test_a_file_named_like_a_command(program, capsys):
    """The command wins, with a note saying how to run the file; `eva ./NAME` runs it."""
    program('(print "the file")', "dis")
    assert cli(capsys, "./dis") == (0, "the file\n", "")
    assert cli(capsys, "run", "dis") == (0, "the file\n", "")
    status, out, err = cli(capsys, "dis", "dis")
    assert status == 0 and "CONST" in out
    assert err == "eva: note: 'dis' is a command; 'eva ./dis' runs the file\n"


def test_eva_file_as_a_process(program):
    result = subprocess.run([PYTHON, "-m", "eva", program(SQUARES)], capture_output=True,
                            text=True, env=subprocess_env(), timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "285\n", "")


@pytest.mark.parametrize("command", [[], ["run"], ["eval"], ["dis"], ["ir"], ["annotate"], ["bench"],
                                     ["repl"]])
def test_help_for_each_command(capsys, command):
    with pytest.raises(SystemExit) as info:
        main([*command, "--help"])
    out, err = capsys.readouterr()
    assert info.value.code == 0 and err == ""
    assert out.startswith("usage: eva" + "".join(" " + c for c in command))
    if command in (["run"], ["eval"], ["annotate"]):
        for option in ("--no-jit", "--gc-stats", "--gc-stress", "--max-depth", "--jit-threshold",
                       "--jit-log"):
            assert option in out


# -- options ------------------------------------------------------------------------------------

def test_gc_stats_go_to_stderr(program, capsys):
    status, out, err = cli(capsys, "run", program('(print (+ "a" "b"))'), "--gc-stats", "--no-jit")
    assert (status, out) == (0, "ab\n")
    assert err.startswith("gc stats:\n")
    allocations = next(line for line in err.split("\n") if "allocations" in line)
    assert allocations.split()[1:3] == ["2", "objects,"]  # the script closure and "ab"


def test_gc_stats_also_after_a_runtime_error(capsys):
    status, out, err = cli(capsys, "eval", "(/ 1 0)", "--gc-stats", "--gc-stress")
    assert status == 70 and out == ""
    assert err.startswith("runtime error: division by zero\n")
    assert "gc stats:" in err and "collections      1" in err


def test_gc_stats_live_heap_counts_the_objects_still_on_the_heap(capsys):
    # nothing was collected and the global `keep` is reachable: the live heap is not empty
    status, out, err = cli(capsys, "eval", '(var keep (list 1 2)) 0', "--gc-stats")
    live = next(line for line in err.split("\n") if "live heap" in line)
    assert status == 0 and "collections      0" in err
    _, _, objects, _, size, _ = live.split()
    assert int(objects) >= 1 and int(size) >= 88, live  # at least the list (72 + 2 * 8 bytes)


@pytest.mark.parametrize("jit_off", [["--no-jit"], ["EVA_JIT=0"]])
def test_jit_stats_with_the_jit_off_say_it_is_off(capsys, monkeypatch, jit_off):
    if jit_off == ["EVA_JIT=0"]:
        monkeypatch.setenv("EVA_JIT", "0")
        jit_off = []
    assert cli(capsys, "eval", RECURSE + "(f 3000)", "--jit-stats", *jit_off) == \
        (0, "3000\n", "jit stats: the JIT is off (--no-jit or EVA_JIT=0): nothing was compiled\n")


def test_jit_stats_of_a_cold_program_say_nothing_got_hot(capsys):
    assert cli(capsys, "eval", "(+ 1 2)", "--jit-stats") == \
        (0, "3\n", "jit stats: no function got hot enough to compile\n")


def test_max_depth_allows_deep_recursion_when_raised(capsys):
    assert cli(capsys, "eval", RECURSE + "(f 100000)", "--max-depth", "200000", "--no-jit") == \
        (0, "100000\n", "")


def test_max_depth_limits_recursion(capsys):
    status, out, err = cli(capsys, "eval", RECURSE + "(f 60)", "--max-depth", "50")
    assert (status, out) == (70, "")
    assert err.startswith("runtime error: stack overflow")
    assert cli(capsys, "eval", RECURSE + "(f 40)", "--max-depth", "50") == (0, "40\n", "")


def test_default_depth_handles_5000_and_stops_runaway_recursion(capsys):
    assert cli(capsys, "eval", RECURSE + "(f 5000)", "--no-jit") == (0, "5000\n", "")
    status, out, err = cli(capsys, "eval", "(def g (n) (+ 1 (g n))) (g 1)", "--no-jit")
    assert (status, out) == (70, "")
    lines = err.rstrip("\n").split("\n")
    assert lines[0].startswith("runtime error: stack overflow")
    assert str(DEFAULT_MAX_DEPTH) in lines[0]
    assert lines[1] == "  at g (<eval>:1:17)" and lines[-1] == "  at <script> (<eval>:1:25)"
    assert "Traceback" not in err


def test_translation_options(capsys, monkeypatch, tmp_path):
    program = RECURSE + "(print (f 3) (f 4))"
    for flags in (["--no-translate"], ["--translate-threshold", "1"], ["--translate"]):
        assert cli(capsys, "eval", program, "--no-jit", *flags) == (0, "3 4\nnull\n", "")
    assert cli(capsys, "eval", "1", "--translate-threshold", "-2") == \
        (2, "", "eva: error: --translate-threshold must not be negative\n")
    monkeypatch.setenv("EVA_TRANSLATE", "0")
    assert cli(capsys, "eval", program) == (0, "3 4\nnull\n", "")
    path = tmp_path / "f.eva"
    path.write_text(RECURSE)
    status, out, err = cli(capsys, "dis", "--python", str(path))
    assert (status, err) == (0, "") and "def eva_f(depth, l0, l1_n):" in out


def test_environment_switches_options(capsys, monkeypatch):
    monkeypatch.setenv("EVA_MAX_DEPTH", "10")
    monkeypatch.setenv("EVA_JIT", "0")
    status, _, err = cli(capsys, "eval", RECURSE + "(f 20)")
    assert status == 70 and "stack overflow" in err
    # a flag wins over the environment
    assert cli(capsys, "eval", RECURSE + "(f 20)", "--max-depth", "100") == (0, "20\n", "")


def test_execute_in_process_with_own_streams():
    out, err = io.StringIO(), io.StringIO()
    status = execute('(print "x") (nope)', "m.eva", Options(jit=False), print_value=True,
                     stdout=out, stderr=err)
    assert (status, out.getvalue()) == (70, "x\n")
    assert err.getvalue() == "runtime error: undefined variable 'nope'\n  at <script> (m.eva:1:14)\n"


# -- end to end, real processes --------------------------------------------------------------------

def test_python_dash_m_eva_run(tmp_path):
    path = tmp_path / "p.eva"
    path.write_text(RUNTIME_ERROR_PROGRAM)
    result = run_process([PYTHON, "-m", "eva", "run", str(path), "--no-jit"])
    assert result.returncode == 70
    assert result.stdout == "before\n"
    assert result.stderr.startswith("runtime error: division by zero\n  at inner (")
    assert "Traceback" not in result.stderr


def test_eva_script_eval_and_dash_e():
    assert EVA_SCRIPT.exists(), "the `eva` console script is not installed in the venv"
    for flag in ("eval", "-e"):
        result = run_process([str(EVA_SCRIPT), flag, "(* 6 7)"])
        assert (result.returncode, result.stdout, result.stderr) == (0, "42\n", "")


def test_eva_script_run_stdin():
    result = run_process([str(EVA_SCRIPT), "run", "-"], stdin='(print "from stdin")\n(+ 1 "x")')
    assert result.returncode == 70
    assert result.stdout == "from stdin\n"
    assert result.stderr.startswith("runtime error: type error")
    assert "(<stdin>:2:1)" in result.stderr


def test_the_command_flushes_everything_and_runs_exit_functions_before_its_quick_exit(tmp_path):
    """cli.entry ends the process with os._exit: output still buffered, the exit functions
    (here the code cache's pending write) and the exit status must all survive it."""
    path = tmp_path / "p.eva"
    path.write_text('(def sq (x) (* x x)) (var i 0) (while (< i 20000) (begin (print (sq i)) '
                    '(set i (+ i 1)))) (print "done") (def last (x) (- x)) (last 1) (sq "x")')
    cache = tmp_path / "cache"
    result = subprocess.run([str(EVA_SCRIPT), "run", "--jit-always", "--jit-cache-dir", str(cache),
                             str(path)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "EVA_JIT_CACHE": "1"})
    lines = result.stdout.splitlines()
    assert (len(lines), lines[-2:], result.returncode) == (20001, ["399960001", "done"], 70)
    assert result.stderr.startswith("runtime error: type error")
    # the script's loop's, sq's and last's entries and the signal handler's (jit/interrupts.py),
    # written on the writer thread: last's was compiled just before the end, so its write was
    # still running at exit
    assert len(list(cache.glob("*.so"))) == 4


def test_exit_status_compile_error_and_bad_usage_in_processes(tmp_path):
    result = run_process([PYTHON, "-m", "eva", "eval", "(+ 1)"])
    assert (result.returncode, result.stdout) == (65, "")
    assert result.stderr.startswith("<eval>:1:1: error: operands")
    result = run_process([PYTHON, "-m", "eva", "run", "--no-such-option", "x.eva"])
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr
    result = run_process([PYTHON, "-m", "eva", "run", str(tmp_path / "missing.eva")])
    assert (result.returncode, result.stdout) == (2, "")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("flags", [[], ["--jit-always"], ["--no-jit", "--translate-threshold", "1"],
                                   ["--no-jit", "--no-translate"]],
                         ids=["jit", "jit-always", "translated", "bytecode"])
def test_runaway_recursion_in_a_process_has_no_host_traceback(flags):
    result = run_process([str(EVA_SCRIPT), "eval", "(def g (n) (+ 1 (g n))) (g 0)", *flags])
    assert result.returncode == 70
    assert result.stderr.startswith("runtime error: stack overflow")
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr


@pytest.mark.parametrize("flags", [[], ["--jit-always"], ["--no-jit", "--translate-threshold", "1"]],
                         ids=["jit", "jit-always", "translated"])
def test_deep_recursion_with_raised_max_depth_and_the_jit_on(tmp_path, flags):
    """SPEC 7: deep recursion never crashes the host, JIT on or off; with --max-depth 200000
    a 100,000-deep recursion is within the limit and must simply work."""
    path = tmp_path / "deep.eva"
    path.write_text(RECURSE + "(print (f 100000))\n")
    result = run_process([str(EVA_SCRIPT), "run", str(path), "--max-depth", "200000", *flags])
    assert result.returncode != -11, "segmentation fault"
    assert (result.returncode, result.stdout, result.stderr) == (0, "100000\n", "")


MEMORY_LIMIT = 200 * 2 ** 20
"""Address space for the out-of-memory tests' processes: room for eva itself, far less than a
string or list doubled forty times needs, so the allocation fails quickly and harmlessly."""
DOUBLING = """(def grow (t) (+ t t))
(def double-up (v n) (begin (for (var i 0) (< i n) (++ i) (set v (grow v))) v))
(print (len (double-up "x" 3)) (len (double-up (list 1) 3)))
(print (len (double-up %s 40)))
"""


def limited_memory():  # runs in the child, before eva starts
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
@pytest.mark.parametrize("value, flags", [('"x"', []), ('"x"', ["--no-jit", "--no-translate"]),
                                          ("(list 1)", [])],
                         ids=["string", "string-bytecode", "list"])  # (lists are slower to fill)
def test_out_of_memory_is_a_runtime_error_with_the_eva_trace(tmp_path, value, flags):
    """A value larger than the host can allocate: `runtime error: out of memory` with the Eva
    trace (translated frames included, in the default mode), never a host MemoryError."""
    path = tmp_path / "grow.eva"
    path.write_text(DOUBLING % value)
    result = subprocess.run([str(EVA_SCRIPT), "run", str(path), *flags], capture_output=True,
                            text=True, timeout=60, env=subprocess_env(), cwd=ROOT,
                            preexec_fn=limited_memory)
    assert (result.returncode, result.stdout) == (70, "8 8\n")
    assert result.stderr.split("\n")[:4] == [
        "runtime error: out of memory: a value too large for the host's memory",
        f"  at grow ({path}:1:15)", f"  at double-up ({path}:2:66)",
        f"  at <script> ({path}:4:13)"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_the_repl_goes_on_after_running_out_of_memory():
    result = subprocess.run([str(EVA_SCRIPT)], input=(DOUBLING % '"x"') + '(print "still here")\n',
                            capture_output=True, text=True, timeout=60, env=subprocess_env(),
                            cwd=ROOT, preexec_fn=limited_memory)
    assert result.returncode == 70  # the session's runtime error (piped: repl.py)
    assert result.stdout.endswith("8 8\nstill here\n")
    assert result.stderr.startswith("runtime error: out of memory")


def test_closed_stdout_pipe_is_not_an_error(tmp_path):
    path = tmp_path / "many.eva"
    path.write_text("(var i 0) (while (< i 100000) (begin (print i) (++ i)))")
    process = subprocess.Popen([str(EVA_SCRIPT), "run", str(path), "--no-jit"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=subprocess_env())
    assert process.stdout.readline() == b"0\n"
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert b"Traceback" not in stderr


def test_the_command_line_does_not_import_shutil():
    """argparse's own formatter imports shutil (with zlib, bz2 and lzma) to find the
    terminal's width, about 1.5-4 ms of every process; cli.HelpFormatter finds it itself."""
    code = ("import sys; from eva.cli import main; main(['eval', '(+ 1 2)']); "
            "print('shutil' in sys.modules)")
    result = run_process([PYTHON, "-c", code])
    assert (result.returncode, result.stdout, result.stderr) == (0, "3\nFalse\n", "")


@pytest.mark.parametrize("columns, width", [("50", 50), ("0", 80), ("x", 80), (None, 80)])
def test_help_is_formatted_at_the_width_columns_gives(monkeypatch, columns, width):
    """$COLUMNS wins; without it (or with nonsense) the terminal's width, here none: 80."""
    from eva.cli import terminal_columns
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(sys, "__stdout__", io.StringIO())  # not a terminal
    assert terminal_columns() == width
