"""The Python API (CLI.md "Python API"): `eva.run`, `eva.VM`, options as keywords, output
capture, errors as exceptions, GC statistics."""

from __future__ import annotations

import io
import os

import pytest

import eva
from eva.objects import Native


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in list(os.environ):
        if name.startswith("EVA_"):
            monkeypatch.delenv(name)


@pytest.mark.parametrize("source, expected, kind", [
    ("(+ 1 2)", 3, int),
    ("(* 99999999999 99999999999)", 99999999999 ** 2, int),
    ("(/ 1 4)", 0.25, float),
    ("(- 7)", -7, int),
    ("(< 1 2)", True, bool),
    ("(== 1 2)", False, bool),
    ("null", None, type(None)),
    ("(if false 1)", None, type(None)),
    ("", None, type(None)),
    ("(var x 5) (set x (+ x 1)) x", 6, int),
])
def test_run_returns_the_last_value_as_host_values(source, expected, kind):
    value = eva.run(source, jit=False)
    assert value == expected and type(value) is kind


@pytest.mark.parametrize("source, shown", [
    ('"text"', "text"),
    ('(+ "a" "b")', "ab"),
    ('(list 1 2.5 "s" (list))', '[1, 2.5, "s", []]'),
    ("(def f (a b) a)", "<fn f/2>"),
    ("(var g (lambda (x) x)) g", "<fn g/1>"),
    ("(class P null) (new P)", "<P instance>"),
    ("len", "<native len>"),
])
def test_run_returns_heap_values_that_display(source, shown):
    assert eva.display(eva.run(source, jit=False)) == shown


def test_vm_keeps_globals_between_runs():
    vm = eva.VM(jit=False)
    assert vm.run("(var x 41)") == 41
    assert vm.run("(def inc (n) (+ n 1))") is not None
    assert vm.run("(inc x)") == 42
    vm.run("(set x 1)")
    assert vm.get_global("x") == 1
    assert vm.get_global("never-defined") is None
    assert vm.run("(inc x)") == 2


def test_vm_is_usable_after_errors():
    vm = eva.VM(jit=False)
    vm.run("(var total 10)")
    with pytest.raises(eva.EvaRuntimeError):
        vm.run("(def f (n) (/ n 0)) (f total)")
    with pytest.raises(eva.EvaSyntaxError):
        vm.run("(+ total")
    assert vm.interpreter.frames == []
    assert vm.run("(+ total 5)") == 15
    assert eva.display(vm.run("f")) == "<fn f/1>"  # defined before the error, kept


def test_runtime_error_carries_message_and_trace():
    with pytest.raises(eva.EvaRuntimeError) as info:
        eva.run("(def f (x)\n  (idx x 3))\n(f (list 1))", file="api.eva", jit=False)
    error = info.value
    assert isinstance(error, eva.EvaError)
    assert error.message.startswith("index out of range")
    assert [(e.name, str(e.position)) for e in error.trace] == [
        ("f", "api.eva:2:3"), ("<script>", "api.eva:3:1")]
    assert error.render().split("\n")[0] == f"runtime error: {error.message}"


def test_syntax_error_carries_position():
    with pytest.raises(eva.EvaSyntaxError) as info:
        eva.run('(print "ok")\n  (- 1 2 3)', file="api.eva", jit=False)
    error = info.value
    assert isinstance(error, eva.EvaError)
    assert (error.position.file, error.position.line, error.position.col) == ("api.eva", 2, 3)
    assert error.message.startswith("operands")
    assert error.source_line == "  (- 1 2 3)"


def test_options_as_keywords():
    recurse = "(def f (n) (if (== n 0) 0 (+ 1 (f (- n 1))))) (f 100)"
    with pytest.raises(eva.EvaRuntimeError, match="stack overflow"):
        eva.run(recurse, jit=False, max_depth=50)
    assert eva.run(recurse, jit=False, max_depth=500) == 100
    assert eva.run(recurse, jit=False, gc_stress=True, gc_check=True) == 100
    with pytest.raises(TypeError, match="no_such_option"):
        eva.run("1", no_such_option=True)


def test_options_object_and_environment(monkeypatch):
    vm = eva.VM(eva.Options(jit=False, max_depth=7))
    assert vm.options.max_depth == 7 and vm.options.jit is False
    monkeypatch.setenv("EVA_MAX_DEPTH", "12")
    monkeypatch.setenv("EVA_JIT", "0")
    assert eva.VM().options.max_depth == 12 and eva.VM().options.jit is False
    assert eva.VM(max_depth=99).options.max_depth == 99  # a keyword wins over the environment


def test_stdout_capture():
    out = io.StringIO()
    assert eva.run('(print 1 "a" (list "b")) (print) 7', stdout=out, jit=False) == 7
    assert out.getvalue() == '1 a ["b"]\n\n'
    vm_out = io.StringIO()
    vm = eva.VM(jit=False, stdout=vm_out)
    vm.run('(print "first")')
    vm.run('(print "second")')
    assert vm_out.getvalue() == "first\nsecond\n"


def test_output_before_an_error_is_kept():
    out = io.StringIO()
    with pytest.raises(eva.EvaRuntimeError, match="undefined variable 'nope'"):
        eva.run("(print 1) (nope) (print 2)", stdout=out, jit=False)
    assert out.getvalue() == "1\n"


def test_host_natives_can_be_defined():
    vm = eva.VM(jit=False)
    vm.define_global("twice", vm.heap.permanent(Native("twice", 1, lambda x: x * 2)))
    assert vm.run("(twice 21)") == 42
    with pytest.raises(eva.EvaRuntimeError, match="arity"):
        vm.run("(twice 1 2)")


def test_gc_statistics_are_accessible():
    vm = eva.VM(jit=False, gc_stress=True)
    vm.run("(var l (list (list 1) (list 2)))")
    stats = vm.heap.stats
    assert stats.allocations == 4 and stats.collections == 4
    assert "gc stats:" in stats.render()


def test_jit_tiers_agree_with_the_interpreter():
    source = """
        (def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))
        (var acc 0.5)
        (for (var i 0) (< i 50) (++ i) (set acc (+ acc (* i 1.5))))
        (list (fib 15) acc)"""
    expected = eva.display(eva.run(source, jit=False))
    assert expected == "[610, 1838.0]"
    assert eva.display(eva.run(source, jit=True, jit_always=True)) == expected
