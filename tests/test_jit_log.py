"""The JIT log (eva/jit/log.py, `--jit-log FILE`): one JSON object per line for every
compilation, refusal, deopt, invalidation, give-up and code-cache event, each with the fields
docs/jit.md ("The JIT log") lists for it."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

import eva
from eva.cli import main
from eva.errors import EvaRuntimeError
from eva.jit import analysis
from eva.jit.log import EVENTS

DOCS = Path(__file__).resolve().parent.parent / "docs" / "jit.md"
SQUARES = ("(def sq (x)\n  (* x x))\n(var s 0)\n(for (var i 0) (< i 30) (++ i)\n"
           "  (+= s (sq i)))\n(print s)\n")


def documented_fields() -> dict[str, set[str]]:
    """Event -> the fields docs/jit.md's table gives it (the backticked names at the start
    of each field's description, not those inside parentheses)."""
    text = DOCS.read_text().split("## The JIT log", 1)[1]
    table = {}
    for row in re.findall(r"^\| `([a-z-]+)` \| [^|]+ \| (.+) \|$", text, re.MULTILINE):
        event, fields = row
        fields = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", fields)  # drop the explanations
        table[event] = set(re.findall(r"`([a-z_]+)`", fields))
    return table


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def run(source: str, log: Path, **options) -> tuple[str, EvaRuntimeError | None]:
    out = io.StringIO()
    vm = eva.VM(stdout=out, jit_strict=True, jit_log=str(log), **options)
    error = None
    try:
        vm.run(source, "prog.eva")
    except EvaRuntimeError as caught:
        error = caught
    vm.close_jit_log()
    return out.getvalue(), error


def test_the_documented_table_covers_every_event():
    assert set(documented_fields()) == set(EVENTS)


def test_compile_deopt_and_cache_events_of_two_runs(tmp_path):
    """A run with --deopt-every compiles, deoptimizes (forced) and writes the cache; the same
    run again loads its units from the cache. Every record has the documented fields."""
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    options = dict(jit_threshold=2, jit_loop_threshold=1000, deopt_every=3, jit_cache=True,
                   jit_cache_dir=str(tmp_path / "cache"))
    assert run(SQUARES, first, **options) == ("8555\n", None)
    assert run(SQUARES, second, **options) == ("8555\n", None)
    fields = documented_fields()
    logged = records(first) + records(second)
    for record in logged:
        assert set(record) - {"event", "t"} == fields[record["event"]], record
    one = records(first)
    assert [r["t"] for r in one] == sorted(r["t"] for r in one)
    [compiled] = [r for r in one if r["event"] == "compile" and r["function"] == "sq"]
    assert (compiled["unit"], compiled["source"], compiled["entry"]) == ("sq(int)", "llvm", "function")
    assert (compiled["file"], compiled["line"], compiled["col"]) == ("prog.eva", 1, 1)
    overflow = next(g for g in compiled["guards"] if g["reason"] == "integer overflow")
    assert (overflow["line"], overflow["col"]) == (2, 3)  # the `(* x x)`
    deopts = [r for r in one if r["event"] == "deopt"]
    assert deopts and all(r["forced_by"] == "--deopt-every" for r in deopts)
    in_sq = [r for r in deopts if r["function"] == "sq"]
    assert in_sq and all(r["line"] == 2 or r["reason"] == "stack depth" for r in in_sq)
    assert any(set(r["values"]) & {"x", "stack0"} for r in in_sq)
    stored = {r["unit"] for r in one if r["event"] == "cache-store"}
    assert "sq(int)" in stored
    two = records(second)
    assert {r["unit"] for r in two if r["event"] == "cache-load"} == {"sq(int)"}
    assert {r["source"] for r in two if r["event"] == "compile"} == {"cache"}


def test_a_guard_that_fails_invalidates_and_the_refusals_and_give_ups_are_logged(tmp_path,
                                                                                   monkeypatch):
    log = tmp_path / "log.jsonl"
    source = "(def f (a b)\n  (/ a b))\n(for (var i 0) (< i 30) (++ i) (f 1 2))\n(f 7 0)"
    out, error = run(source, log, jit_threshold=10, jit_cache=False)
    assert error is not None
    logged = records(log)
    [deopt] = [r for r in logged if r["event"] == "deopt"]
    assert (deopt["reason"], deopt["forced_by"], deopt["line"], deopt["col"]) == \
        ("division by zero", None, 2, 3)
    assert deopt["values"] == {"stack0": 7, "stack1": 0}
    assert {"event": "invalidate", "unit": "f(int, int)", "function": "f",
            "reason": "division by zero"}.items() <= next(
                r for r in logged if r["event"] == "invalidate").items()
    # a loop over the size budget is refused each time it gets hot, until the JIT gives up
    monkeypatch.setattr(analysis, "MAX_UNIT_INSTRUCTIONS", 2)
    run("(var s 0)\n(for (var i 0) (< i 100) (++ i) (+= s i))", log, jit_loop_threshold=10,
        translate=False, jit_cache=False)
    logged = records(log)
    refusals = [r for r in logged if r["event"] == "refuse"]
    assert {(r["unit"], r["line"], r["col"]) for r in refusals} == {("<script> loop@000D(int)", 2, 19)}
    assert refusals[0]["reason"].startswith("too large to compile")
    assert [r["times"] for r in refusals] == [1, 2, 3, 4]
    [given_up] = [r for r in logged if r["event"] == "give-up"]
    assert (given_up["function"], given_up["line"], given_up["why"]) == ("<script>", 2, "refused 4 times")


def test_a_damaged_cache_entry_is_logged_as_rejected(tmp_path):
    options = dict(jit_always=True, jit_cache=True, jit_cache_dir=str(tmp_path / "cache"))
    run(SQUARES, tmp_path / "first.jsonl", **options)
    key = next(r["key"] for r in records(tmp_path / "first.jsonl")
               if r["event"] == "cache-store" and r["unit"] == "sq(int)")
    shared_object = tmp_path / "cache" / f"{key}.so"
    damaged = bytearray(shared_object.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    shared_object.write_bytes(damaged)
    run(SQUARES, tmp_path / "second.jsonl", **options)
    [rejected] = [r for r in records(tmp_path / "second.jsonl") if r["event"] == "cache-reject"]
    assert (rejected["unit"], rejected["key"]) == ("sq(int)", key)
    assert "SHA-256" in rejected["reason"]


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_command_writes_the_log_from_its_option_or_the_environment(how, tmp_path,
                                                                      monkeypatch, capsys):
    program, log = tmp_path / "prog.eva", tmp_path / "jit.jsonl"
    program.write_text(SQUARES)
    arguments = ["run", "--jit-always", "--no-jit-cache", str(program)]
    if how == "option":
        arguments[1:1] = ["--jit-log", str(log)]
    else:
        monkeypatch.setenv("EVA_JIT_LOG", str(log))
    assert main(arguments) == 0
    assert capsys.readouterr().out == "8555\n"
    assert any(r["event"] == "compile" and r["unit"] == "sq(int)" for r in records(log))


def test_a_run_that_compiles_nothing_leaves_an_empty_log(tmp_path):
    log = tmp_path / "log.jsonl"
    assert run("(print 1)", log) == ("1\n", None)
    assert log.read_text() == ""


def test_a_log_that_cannot_be_written_is_a_usage_error(tmp_path, capsys):
    program = tmp_path / "prog.eva"
    program.write_text("(print 1)")
    assert main(["run", "--jit-log", str(tmp_path / "missing" / "log"), str(program)]) == 2
    assert "cannot write the JIT log" in capsys.readouterr().err


def test_a_repl_whose_log_cannot_be_written_is_a_usage_error(tmp_path, capsys, monkeypatch):
    """The REPL makes its own VM; the log's path is checked before it starts."""
    monkeypatch.setattr("sys.stdin", io.StringIO("(print 1)\n"))
    assert main(["repl", "--jit-log", str(tmp_path / "missing" / "log")]) == 2
    assert "cannot write the JIT log" in capsys.readouterr().err
