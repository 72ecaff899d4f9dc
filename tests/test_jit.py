"""What the JIT did, not only what the program printed: compiled units, guards that failed,
deopts and their reasons, give-ups, invalidation, and that results match the interpreter."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eva
from eva.errors import EvaRuntimeError
from eva.jit.tierup import TRANSLATION_FASTER

IR_DIR = Path(__file__).parent / "ir"


def run(source: str, **options):
    """(vm, stdout text, error or None) for `source` run with the given options."""
    out = io.StringIO()
    vm = eva.VM(stdout=out, jit_strict=True, **options)
    try:
        vm.run(source, "test.eva")
        error = None
    except EvaRuntimeError as caught:
        error = caught
    return vm, out.getvalue(), error


def interpreted(source: str):
    return run(source, jit=False)


def too_large(variable: str) -> str:
    """An expression of `variable` past the JIT's size budget on its own (more instructions than
    analysis.MAX_UNIT_INSTRUCTIONS): the one refusal left that is about the code (every other
    unit compiles), for the tests of what happens to code the JIT refuses."""
    from eva.jit.analysis import MAX_UNIT_INSTRUCTIONS
    expression = variable
    for index in range(MAX_UNIT_INSTRUCTIONS // 3):
        expression = f"(+ (* {variable} {index % 7 + 2}) {expression})"
    return expression


def test_hot_function_compiles_and_matches_the_interpreter():
    source = "(def sq (x) (* x x)) (var s 0) (for (var i 0) (< i 100) (++ i) (+= s (sq i))) (print s)"
    vm, out, _ = run(source, jit_threshold=10)
    assert out == interpreted(source)[1] == "328350\n"
    assert "sq(int)" in vm.jit.stats.compiled


def test_type_change_after_warm_up_int_then_float_then_string():
    source = """
    (def add (a b) (+ a b))
    (var r 0)
    (for (var i 0) (< i 200) (++ i) (set r (add i 1)))
    (print r)
    (for (var i 0) (< i 200) (++ i) (set r (add 0.5 i)))
    (print r)
    (for (var i 0) (< i 200) (++ i) (set r (add (add 1.5 2.5) 0.25)))
    (print r)
    (print (add "a" "b"))
    """
    vm, out, error = run(source, jit_threshold=20)
    assert error is None
    assert out == interpreted(source)[1] == "200\n199.5\n4.25\nab\n"
    stats = vm.jit.stats
    assert "add(int, int)" in stats.compiled
    assert "add(float, int)" in stats.compiled or "add(float, float)" in stats.compiled
    assert stats.invalidated >= 1  # the int specialization was dropped when types changed


def test_integer_overflow_in_a_hot_loop_deopts_to_exact_big_integers():
    source = """
    (def grow (n) (begin (var x 1) (for (var i 0) (< i n) (++ i) (set x (* x 3))) x))
    (print (grow 30))
    (print (grow 100))
    """
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1]
    assert out.splitlines()[1] == str(3 ** 100)
    assert vm.jit.stats.deopts.get("integer overflow", 0) >= 1


def test_division_by_zero_after_thousands_of_good_calls_has_the_interpreters_error_and_trace():
    source = """
    (def ratio (a b) (/ a b))
    (def outer (a b) (ratio a b))
    (var s 0.0)
    (for (var i 1) (< i 3000) (++ i) (+= s (outer i i)))
    (print s)
    (outer 1 0)
    """
    vm, out, error = run(source, jit_threshold=100)
    _, expected_out, expected_error = interpreted(source)
    assert out == expected_out == "2999.0\n"
    assert error is not None and expected_error is not None
    assert error.render() == expected_error.render()
    assert "division by zero" in error.message
    assert vm.jit.stats.deopts.get("division by zero", 0) == 1
    assert [entry.name for entry in error.trace] == ["ratio", "outer", "<script>"]


def test_global_function_rebound_while_callers_are_compiled():
    source = """
    (def g (x) (+ x 1))
    (def f (x) (g x))
    (var s 0)
    (for (var i 0) (< i 100) (++ i) (+= s (f i)))
    (print s)
    (def g (x) (* x 2))
    (print (f 21))
    (for (var i 0) (< i 100) (++ i) (+= s (f i)))
    (print s)
    """
    vm, out, _ = run(source, jit_threshold=10)
    assert out == interpreted(source)[1] == "5050\n42\n14950\n"
    assert vm.jit.stats.invalidated >= 1
    assert any(label.startswith("f(") for label in vm.jit.stats.compiled)


def test_direct_callers_of_an_invalidated_unit_are_invalidated_with_it():
    """z calls a natively and a calls x; rebinding x invalidates a (it watches x) and so z,
    which holds a's address: z recompiles and calls a's successor, where it used to call
    the stale a, which deoptimized on every call."""
    source = """
    (def x (n) (+ n 1))
    (def a (n) (+ (x n) (x n)))
    (def z (k) (a k))
    (var s 0)
    (for (var i 0) (< i 30) (++ i) (+= s (a i)))
    (for (var i 0) (< i 300) (++ i)
      (begin (if (== i 150) (set x (lambda (n) (* n 100)))) (+= s (z i))))
    (print s)
    """
    vm, out, _ = run(source, jit_threshold=5)
    assert out == interpreted(source)[1] == "6758580\n"
    assert vm.jit.stats.deopts == {}
    assert vm.jit.stats.compiled.count("z(int)") == 2
    assert vm.jit.stats.compiled.count("a(int)") == 2


def test_recursive_fib_runs_in_native_code_without_deopts():
    source = "(def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (print (fib 20))"
    vm, out, _ = run(source, jit_threshold=5)
    assert out == "6765\n"
    assert vm.jit.stats.compiled == ["fib(int)"]
    assert vm.jit.stats.deopts == {}
    assert vm.interpreter.tiers.calls(vm.get_global("fib").code) <= 10  # the rest of the 21,891 calls were native


def test_a_small_self_recursive_function_runs_two_levels_per_native_call():
    """The inline copy: LLVM folds it into the function, which then calls itself four times."""
    source = "(def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (print (fib 10))"
    vm, out, _ = run(source, jit_always=True)
    assert out == "55\n"
    [(_, pre)] = vm.jit_ir("fib", "pre")
    [(_, post)] = vm.jit_ir("fib", "post")
    symbol = re.search(r'define protected \{i64, i32\} @"(fn_\d+)"', pre).group(1)
    assert f'define internal {{i64, i32}} @"{symbol}.inline"' in pre
    assert f'@{symbol}.inline(' not in post  # inlined, then deleted
    body = post[post.index(f"@{symbol}("):]
    body = body[:body.index("\n}\n")]
    assert len(re.findall(rf"call {{ i64, i32 }} @{symbol}\(", body)) == 4


def test_only_a_function_that_calls_itself_is_analysed_a_second_time(monkeypatch):
    """The first pass knows nothing of the function's own result type; a second pass, given
    the type the first found, is needed only when a call of itself used it."""
    from eva.jit.analysis import Analyzer
    passes = []
    original = Analyzer.pass_with

    def counted(self, assumed_return, live):
        passes.append(self.code.name)
        return original(self, assumed_return, live)

    monkeypatch.setattr(Analyzer, "pass_with", counted)
    source = "(def sq (x) (* x x)) (def fact (n) (if (< n 2) 1 (* n (fact (- n 1))))) " \
             "(print (sq 3)) (print (fact 5))"
    vm, out, _ = run(source, jit_always=True)
    assert out == "9\n120\n"
    assert vm.jit.stats.compiled == ["sq(int)", "fact(int)"]
    assert passes.count("<script>") == 0  # (run once: the JIT leaves it to the interpreter)
    assert passes.count("sq") == 1 and passes.count("fact") == 2


@pytest.mark.parametrize("depth", [5, 6])
def test_guards_failing_inside_the_inline_copy_match_the_interpreter(depth):
    """Errors, overflow and the depth limit at an odd and an even level of the recursion, so
    in the function and in its inlined copy: same output, same error, same trace."""
    source = f"""
    (def f (n d) (if (== n 0) (/ 100 d) (+ 1 (f (- n 1) d))))
    (def p (n) (if (== n 0) 1 (* 4 (p (- n 1)))))
    (def down (n) (if (== n 0) 0 (+ 1 (down (- n 1)))))
    (for (var i 0) (< i 50) (++ i) (begin (f {depth} 1) (p {depth}) (down {depth})))
    (print (p {depth} ) (p 40) (f {depth} 4))
    (print (down 1000))
    (f {depth} 0)
    """
    vm, out, error = run(source, jit_threshold=20, max_depth=1000 + depth)
    _, expected_out, expected_error = interpreted(source + "")
    assert out == expected_out
    assert str(4 ** 40) in out
    assert error.render() == expected_error.render()
    assert [entry.name for entry in error.trace] == ["f"] * (depth + 1) + ["<script>"]
    assert {"f(int, int)", "p(int)", "down(int)"} <= set(vm.jit.stats.compiled)
    assert vm.jit.stats.deopts.get("integer overflow", 0) >= 1
    assert vm.jit.stats.deopts.get("division by zero", 0) == 1


def test_a_loop_is_entered_by_on_stack_replacement():
    source = """
    (def run (n) (begin (var s 0) (var i 0) (while (< i n) (begin (+= s i) (++ i))) s))
    (print (run 100000))
    """
    vm, out, _ = run(source, jit_loop_threshold=50)
    assert out == "4999950000\n"
    assert any("loop@" in label for label in vm.jit.stats.compiled)


def test_a_loop_hot_in_a_often_called_function_compiles_the_function_instead():
    source = """
    (def run (n) (begin (var s 0) (var i 0) (while (< i n) (begin (+= s i) (++ i))) s))
    (var t 0) (for (var k 0) (< k 100) (++ k) (+= t (run 10)))
    (print t)
    """
    vm, out, _ = run(source, jit_threshold=100000, jit_loop_threshold=200)
    assert out == "4500\n"
    assert vm.jit.stats.compiled == ["run(int)"]  # at its 20th call, by its loop's count


def test_a_function_whose_body_assigns_a_parameter_is_not_specialized_on_its_value_then():
    """`n` is an integer at every call and a float once the loop has halved it: a frame in
    the loop says nothing about the type calls pass. Compiling the function's entry from
    that frame made `halve-steps(float)`, which no call entered, until 50 calls had missed it
    and it was dropped; the loop gets its own unit instead, and the entry is left to the
    call count: at the 200th call its unit would box `n` (int at entry, float in the loop),
    and the function is translated by then: the policy leaves it there
    (tierup.TRANSLATION_FASTER). The script's loop compiles too, and the function is
    compiled for it at its 100th call from there (Jit.called_by_native_code)."""
    source = """
    (def halve-steps (n) (begin (var k 0) (while (> n 1) (begin (set n (/ n 2)) (++ k))) k))
    (var t 0)
    (for (var i 0) (< i 300) (++ i) (set t (+ t (halve-steps 1000))))
    (print t)
    """
    vm, out, _ = run(source, jit_threshold=200, jit_loop_threshold=100)
    assert out == "3000\n"
    assert vm.jit.stats.compiled == ["halve-steps loop@0006(float, int)", "<script> loop@0016(int)",
                                     "halve-steps(int)"]
    assert vm.jit.stats.invalidated == 0
    assert vm.jit.stats.failed == {"halve-steps(int)": TRANSLATION_FASTER}
    assert vm.jit.stats.deopts == {}


def test_a_long_activation_of_an_often_called_function_still_gets_its_loop_compiled():
    source = """
    (def run (n) (begin (var s 0) (var i 0) (while (< i n) (begin (+= s i) (++ i))) s))
    (for (var k 0) (< k 20) (++ k) (run 5))
    (print (run 100000))
    """
    vm, out, _ = run(source, jit_threshold=100000, jit_loop_threshold=200)
    assert out == "4999950000\n"
    assert vm.jit.stats.compiled[0] == "run(int)"
    assert vm.jit.stats.compiled[1].startswith("run loop@")


def test_code_on_strings_compiles_and_runs_natively():
    """Strings were unsupported: greet stayed in the interpreter, with a reason. Now a string
    is a boxed value native code hands to the runtime (`str`, `+`), and greet compiles like
    any function. (What the JIT still refuses, with a reason, is its policy's: a unit too
    large, see test_a_function_past_the_size_budget_stays_in_the_interpreter_and_its_loop_compiles.)"""
    source = '(def greet (n) (+ "hi " (str n))) (var s "") (for (var i 0) (< i 30) (++ i) (set s (greet i))) (print s)'
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1] == "hi 29\n"
    assert "greet(int)" in vm.jit.stats.compiled
    assert vm.jit.stats.failed == {} and vm.jit.stats.deopts == {}
    assert vm.interpreter.tiers.calls(vm.get_global("greet").code) == 1  # the other 29: native


def test_a_translated_function_holding_objects_stays_translated():
    """Without --jit-always, a unit holding boxed values is not compiled for a function the
    translation tier already runs, which runs it faster (tierup.TRANSLATION_FASTER): greet
    is translated at its second call and refused at its tenth, with that reason, and then
    translated again without counting its calls for the JIT."""
    source = '(def greet (n) (+ "hi " (str n))) (var s "") (for (var i 0) (< i 30) (++ i) (set s (greet i))) (print s)'
    vm, out, _ = run(source, jit_threshold=10)
    assert out == "hi 29\n"
    assert vm.jit.stats.failed == {"greet(int)": TRANSLATION_FASTER}
    assert "greet(int)" not in vm.jit.stats.compiled
    assert vm.get_global("greet").code.translated is not None
    # translated again without the JIT's counting: the 20 calls after the tenth count nothing
    assert vm.interpreter.tiers.calls(vm.get_global("greet").code) == 10


def test_a_loop_handed_to_translated_code_compiles_unless_it_runs_eva_code_through_the_runtime():
    """A loop running in translated code (handed over at its 5th back-edge) reaches the JIT's
    threshold: holding a list and an instance but doing property, list and float work, it
    compiles (native code does that inline), and so does a loop calling a closure (through
    a call cache, callcache.py); making an instance each iteration, it stays translated
    (the runtime would call the constructor: tierup.TRANSLATION_FASTER), and is not offered
    again. work's unit serves its next call, translated, too."""
    source = """
    (class P null (def constructor (self) (set (prop self x) 0.5)))
    (def work (n)
      (begin (var p (new P)) (var l (list 1.5 2.5)) (var s 0.0) (var i 0)
        (while (< i n) (begin (set s (+ s (* (prop p x) (idx l (% i 2))))) (set i (+ i 1))))
        s))
    (def calls (n)
      (begin (var f (lambda (x) (* x 2))) (var s 0) (var i 0)
        (while (< i n) (begin (set s (+ s (f i))) (set i (+ i 1))))
        s))
    (def makes (n)
      (begin (var s 0.0) (var i 0)
        (while (< i n) (begin (set s (+ s (prop (new P) x))) (set i (+ i 1))))
        s))
    (print (work 400) (calls 400) (makes 400))
    (print (work 400))
    """
    vm, out, _ = run(source, jit_threshold=1000, jit_loop_threshold=50,
                     translate_loop_threshold=5)
    assert out == interpreted(source)[1] == "400.0 159600 200.0\n400.0\n"
    assert [label for label in vm.jit.stats.compiled if label.startswith("work loop@")]
    assert [label for label in vm.jit.stats.compiled if label.startswith("calls loop@")]
    assert not [label for label in vm.jit.stats.compiled if label.startswith("makes")]
    refused = [label for label in vm.jit.stats.failed if label.startswith("makes loop@")]
    assert [vm.jit.stats.failed[label] for label in refused] == [TRANSLATION_FASTER]
    # refused once, then retired: its next 350 iterations offer it no more, and run in a
    # translation that does not count them (the count stays where retiring it left it)
    assert [vm.jit.stats.refusals[(label, TRANSLATION_FASTER)] for label in refused] == [1]
    assert max(vm.get_global("makes").code.counters.back_edges) == 50
    translations = vm.interpreter.translations
    assert vm.get_global("work").code in translations.loop_entries
    # work's second call runs translated; its loop enters the unit compiled in the first
    assert vm.get_global("work").code.translated is not None
    assert vm.get_global("work").code not in translations.left_to_translation
    assert vm.get_global("makes").code in translations.left_to_translation


def test_gives_up_after_repeated_deopts():
    source = """
    (var g 0)
    (def f (x) (+ g x))
    (var r 0)
    (for (var i 0) (< i 400) (++ i)
      (begin (set g (if (== (% i 20) 0) 0.5 1)) (set r (+ r (f i)))))
    (print r)
    """
    vm, out, _ = run(source, jit_threshold=5)
    assert out == interpreted(source)[1]
    assert vm.jit.stats.given_up == {"f": "compiled 4 times"}
    assert vm.jit.stats.deopts == {"global type": 4}


def test_code_that_overflowed_in_two_units_compiles_as_a_runtime_operation():
    """Two units of f failed the overflow guard of its `*` (tierup.VALUE_FAILURES_BEFORE_REFUSING):
    the third does that `*` in the runtime, on boxed values, and so computes the big integers
    itself, without a guard and without deoptimizing again (it used to be refused, and f left
    to the interpreter)."""
    source = """
    (def f (x) (* x 4611686018427387904))
    (var r 0)
    (for (var i 0) (< i 400) (++ i) (set r (f (% i 3))))
    (print r (f 2))
    """
    vm, out, _ = run(source, jit_threshold=5, translate=False)  # (translated, the third unit,
    assert out == interpreted(source)[1] == "0 9223372036854775808\n"  # boxed, would not be)
    assert vm.jit.stats.compiled == ["f(int)", "f(int)", "f(int)"]
    assert vm.jit.stats.deopts == {"integer overflow": 2} and vm.jit.stats.failed == {}
    [unit] = vm.jit.units
    assert unit.active and vm.jit.function_units[unit.code] is unit
    [(header, types)] = vm.jit_ir("f", "types")
    assert header == "; ==== f(int) -> boxed : types ===="
    assert "MUL" in types and "integer overflow" not in types


@pytest.mark.parametrize("expression, reason", [
    ("(* 9223372036854775807 3)", "integer overflow"),
    ("(/ 9007199254740993 3)", "inexact int division"),
    ("(< 9007199254740993 0.5)", "inexact mixed comparison"),
    ("(sqrt 9007199254740993)", "inexact int to float"),
    ("(floor 1e300)", "floor out of integer range"),
])
def test_a_loop_nest_whose_value_guard_fails_deopts_twice_not_per_loop_header(
        expression, reason):
    """Every loop header is an entry of its own; each used to compile the same code, whose
    guard on a value (not a type) fails on every run, until its own limit (14 units here).
    Found by the differential fuzzer. Now the guard fails in two units, k's and its innermost
    loop's; then the instruction is a runtime operation on boxed values, in the loop unit
    compiled again to finish the first call and in k's entry, compiled again for the second
    Nothing is refused."""
    source = f"""
    (def k (p)
      (begin
        (for (var i 0) (< i 5) (++ i)
          (for (var j 0) (< j 5) (++ j)
            (for (var m 0) (< m 5) (++ m)
              (begin {expression} (set p (+ p 1))))))
        p))
    (print (k 1) (k 2))
    """
    vm, out, _ = run(source, jit_always=True)
    assert out == "126 127\n"
    loop = "k loop@0022(int, int, int, int)"
    assert vm.jit.stats.compiled == ["k(int)", loop, loop, "k(int)"]
    assert vm.jit.stats.deopts == {reason: 2}
    assert vm.jit.stats.failed == {}
    assert [(unit.label, unit.active) for unit in vm.jit.units] == [(loop, True), ("k(int)", True)]


def test_a_loop_given_up_is_not_offered_to_the_jit_again():
    """The loop's body is too large to compile (the one refusal left that is about the code):
    refused at four back-edges (tierup.MAX_COMPILATIONS), it is given up, and its back-edges
    no longer reach the JIT, in this run of f or the next."""
    source = f"""
    (def f (n) (begin (var s 0) (for (var i 0) (< i n) (++ i) (set s {too_large("i")})) s))
    (print (f 3000))
    """
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1]
    assert vm.jit.stats.failed["f loop@000C(int, int, int)"].startswith("too large to compile: ")
    assert vm.jit.compilations[vm.get_global("f").code][4] == 4  # the loop header's
    offers = []
    original = vm.jit.on_hot_loop
    vm.jit.on_hot_loop = lambda *args: offers.append(args) or original(*args)
    vm.run("(f 3000)")
    assert vm.jit.stats.given_up == {"f": "refused 4 times"}  # no unit was ever made
    assert "    f: refused 4 times\n" in vm.jit.stats.render()
    assert offers == []


MIX = """
(def mix (a b) (if (< a b) (- b a) (% a 7)))
(var s 0)
(for (var i 0) (< i 300) (++ i) (+= s (mix i (- 300 i))))
(print s)
"""


def test_deopt_every_guard_gives_identical_output():
    vm, out, _ = run(MIX, jit_always=True, deopt_every=1)
    assert out == interpreted(MIX)[1]
    assert sum(vm.jit.stats.forced.values()) > 100 and vm.jit.stats.deopts == {}


def test_deopt_every_third_guard_fails_guards_past_the_entry():
    """With N = 1 the stack depth check at a unit's entry fails every time and nothing after
    it runs (the golden mode "deopt-every" uses 3 for that reason)."""
    vm, out, _ = run(MIX, jit_always=True, deopt_every=1)
    assert set(vm.jit.stats.forced) == {"stack depth"}
    vm, out, _ = run(MIX, jit_always=True, deopt_every=3)
    assert out == interpreted(MIX)[1]
    assert set(vm.jit.stats.forced) - {"stack depth"}, vm.jit.stats.forced


def test_forced_deopts_are_reported_as_forced_not_as_failures(capfd):
    """A guard --deopt-every fails while its condition held did not overflow: the trace and
    the stats say which guard was forced, and by what, and count no failure."""
    source = "(def sq (x) (* x x)) (var s 0) (for (var i 0) (< i 30) (++ i) (+= s (sq i))) (print s)"
    vm, out, _ = run(source, jit_always=True, deopt_every=3, trace_deopt=True, jit_cache=False)
    assert out == "8555\n"
    lines = [line for line in capfd.readouterr().err.splitlines() if line.startswith("[deopt]")]
    assert lines and all(re.search(r": forced by --deopt-every \([a-z ]+ guard\); values", line)
                         for line in lines), lines
    stats = vm.jit.stats
    assert stats.deopts == {} and sum(stats.forced.values()) == len(lines)
    report = stats.render()
    assert "  deopts          0\n" in report
    assert f"  forced deopts   {len(lines)} (guards made to fail by --deopt-every, not failures)\n" \
        in report
    assert all(f"    {reason} guard: {count}\n" in report for reason, count in stats.forced.items())


def test_a_guard_that_fails_by_itself_under_deopt_every_is_a_failure():
    source = "(def sq (x) (* x x)) (var s 0) (for (var i 0) (< i 30) (++ i) (+= s (sq i))) (print (sq 4611686018427387904))"
    vm, out, _ = run(source, jit_always=True, deopt_every=5, jit_cache=False)
    assert out == "21267647932558653966460912964485513216\n"
    assert vm.jit.stats.deopts.get("integer overflow", 0) == 1, vm.jit.stats.deopts
    assert vm.jit.stats.forced


SHAPES = """
(class Circle null
  (def constructor (self r) (set (prop self r) r))
  (def area (self) (* 3 (* (prop self r) (prop self r)))))
(def measure (s) ((prop s area) s))
(var t 0)
(for (var i 0) (< i 3000) (++ i) (+= t (measure (new Circle 2))))
(print t)
"""


def test_units_show_the_class_of_instance_arguments():
    vm, out, _ = run(SHAPES, jit_always=True, jit_cache=False)
    assert out == "36000\n"
    assert {"measure(Circle)", "area(Circle)"} <= set(vm.jit.stats.compiled), vm.jit.stats.compiled


def test_a_refusal_repeated_is_traced_once_and_counted(capfd):
    """The loop of test_a_loop_given_up_is_not_offered_to_the_jit_again, refused four times."""
    source = f"""
    (def f (n) (begin (var s 0) (for (var i 0) (< i n) (++ i) (set s {too_large("i")})) s))
    (print (f 3000))
    """
    vm, out, _ = run(source, jit_always=True, trace_jit=True)
    label = "f loop@000C(int, int, int)"
    [reason] = [reason for (refused, reason) in vm.jit.stats.refusals if refused == label]
    assert vm.jit.stats.refusals[label, reason] == 4
    assert capfd.readouterr().err.count(f"[jit] not compiled {label}: ") == 1
    assert f"    {label} (refused 4 times): {reason}\n" in vm.jit.stats.render()


def test_trace_deopt_names_function_guard_position_offset_reason_and_values(capfd):
    """The guard's source position (file:line:col in function), its bytecode offset, and
    the values by variable name."""
    source = ("(def f (a b)\n  (begin\n    (var c (/ a b))\n    (+ c a)))\n"
              "(for (var i 0) (< i 30) (++ i) (f 1 2)) (f 6 0)")
    run(source, jit_threshold=10, trace_deopt=True, jit_cache=False)
    err = capfd.readouterr().err
    line = next(l for l in err.splitlines() if l.startswith("[deopt] f("))
    assert re.search(r"\[deopt\] f\(int, int\) guard #\d+ at test.eva:3:12 in f \([0-9A-F]{4}\): "
                     r"division by zero; values a=6 stack0=6 stack1=0$", line), line


def test_cold_program_never_imports_llvmlite():
    code = "import sys, eva; eva.run('(+ 1 2)'); print('llvmlite' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_compiling_loads_llvm_without_importing_llvmlite_binding():
    """eva/jit/llvm.py calls llvmlite's library directly: importing llvmlite.binding would
    cost 25-40 ms of Python imports in every process that compiles."""
    code = ("import sys, eva; vm = eva.VM(jit_always=True, jit_cache=False); "
            "vm.run('(def sq (x) (* x x)) (print (sq 3))'); print(vm.jit_stats().compiled); "
            "print('libllvmlite' in open('/proc/self/maps').read(), "
            "'llvmlite.binding' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "9\n['sq(int)']\nTrue False\n"


def test_a_hot_program_the_jit_refuses_never_imports_the_backend():
    """backend.py (the runtime, ctypes, the code cache, LLVM) comes in with the first unit that
    passes analysis: refusing a loop too large to compile (the script's: it runs 3000 times, it
    gets hot; the script itself, called once, does not) costs a process only the policy and
    the analysis."""
    program = (f"(var s 0) (var i 0) (while (< i 3000) (begin (set s {too_large('i')}) "
               "(set i (+ i 1)))) (print i)")
    code = ("import sys, eva; vm = eva.VM(jit_cache=False); vm.run(sys.argv[1]); "
            "print(list(vm.jit_stats().failed.items()), 'eva.jit.backend' in sys.modules, "
            "'ctypes' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, program], capture_output=True, text=True,
                            check=True)
    assert result.stdout.startswith("3000\n[('<script> loop@000E()', 'too large to compile: ")
    assert result.stdout.endswith(" False False\n")


def run_with_llvmlite(setup: str) -> str:
    """The report of a process that runs `setup` (on llvmlite) first, then compiles two
    functions, with what it printed before the report."""
    code = (f"import sys, llvmlite; {setup}; import eva; "
            "vm = eva.VM(jit_always=True, jit_cache=False); "
            "vm.run('(def sq (x) (* x x)) (def cube (x) (* x (sq x))) (print (+ (sq 3) (cube 4)))'); "
            "print(vm.jit.stats_report()); print('llvmlite.binding' in sys.modules)")
    environ = {name: value for name, value in os.environ.items()
               if name != "EVA_JIT_LLVM_BINDING"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=environ)
    assert result.stdout.startswith("73\n") and result.stderr == ""
    return result.stdout


def test_an_llvmlite_the_ctypes_binding_does_not_know_compiles_through_llvmlite_binding():
    """Its C functions may have other signatures: eva does not call them itself, it goes
    through llvmlite's public API, which declares them (eva/jit/llvm.py)."""
    report = run_with_llvmlite("llvmlite.__version__ = '0.51.0'")
    assert "compiled        2 units" in report and "LLVM unavailable" not in report
    assert "ms loading LLVM (llvmlite.binding, llvmlite 0.51.0: not checked for the ctypes " \
           "binding), " in report
    assert report.endswith("True\n")


@pytest.mark.parametrize("setup, reason", [
    ("sys.modules['llvmlite.binding'] = None",
     "import of llvmlite.binding halted; None in sys.modules"),
    ("import llvmlite.binding; del llvmlite.binding.initialize_native_target",  # a future API
     "module 'llvmlite.binding' has no attribute 'initialize_native_target'")])
def test_llvm_that_does_not_load_leaves_functions_in_the_interpreter_with_the_reason(setup,
                                                                                    reason):
    report = run_with_llvmlite(f"llvmlite.__version__ = '0.51.0'; {setup}")
    assert "compiled        0 units" in report
    for unit in ("cube(int)", "sq(int)"):  # the failure is remembered, not tried again
        assert f"{unit}: LLVM unavailable: cannot load llvmlite.binding: {reason}" in report


def test_jit_stats_and_ir_through_the_api():
    vm, out, _ = run("(def sq (x) (* x x)) (print (sq 3))", jit_always=True)
    assert out == "9\n"
    assert vm.jit_stats().compiled == ["sq(int)"]
    assert re.search(r"\n  compile time    total [\d.]+ ms, median [\d.]+ ms, worst [\d.]+ ms "
                     r"\(\+ [\d.]+ ms loading LLVM \([^()]*llvmlite [\d.]+[^()]*\), "
                     r"[\d.]+ ms importing the backend and "
                     r"llvmlite\.ir and [\d.]+ ms making the shared code, once\)\n",
                     vm.jit.stats_report())
    [(header, text)] = vm.jit_ir("sq", "post")
    assert header == "; ==== sq(int) -> int : post ===="
    assert "define" in text and "smul.with.overflow" in text


def ir_dumps(name: str, stage: str) -> str:
    """What `eva ir tests/ir/NAME.eva --stage STAGE` prints (which keeps the units released
    when the program ends: a loop unit's)."""
    vm = eva.VM(stdout=io.StringIO(), jit_strict=True, jit_always=True, jit_keep_ir=True)
    vm.run((IR_DIR / f"{name}.eva").read_text(), f"{name}.eva")
    return "\n\n".join(f"{header}\n{text}" for header, text in vm.jit_ir(stage=stage))


@pytest.mark.parametrize("name", sorted(p.stem for p in IR_DIR.glob("*.eva")))
def test_pre_optimization_ir_is_golden(name):
    """To regenerate after a deliberate change: eva ir tests/ir/NAME.eva --stage pre > NAME.ll
    (then check the diff by hand)."""
    assert ir_dumps(name, "pre").strip() == (IR_DIR / f"{name}.ll").read_text().strip()


@pytest.mark.parametrize("name", sorted(p.stem for p in IR_DIR.glob("*.eva")))
def test_typed_bytecode_is_golden(name):
    """`eva ir --stage types`: the kinds, guards and sign facts of each instruction. To
    regenerate after a deliberate change: eva ir tests/ir/NAME.eva --stage types > NAME.types
    (then check the diff by hand)."""
    assert ir_dumps(name, "types").strip() == (IR_DIR / f"{name}.types").read_text().strip()


def test_typed_bytecode_shows_the_decisions_that_shaped_the_ir():
    """The goldens above show what tests/ir/*.ll was made from: a speculated argument and the
    unsigned `%` it buys (urem, no correction), and an OSR unit's exit."""
    bucket = (IR_DIR / "bucket.types").read_text()
    assert "; speculated on entry: h >= 0" in bucket
    assert "unsigned: both operands >= 0" in bucket and "urem" in (IR_DIR / "bucket.ll").read_text()
    assert "; entry at loop header 000D, specialized on: i int>=0" in \
        (IR_DIR / "osr.types").read_text()
    assert "leaves the loop at 0033" in (IR_DIR / "osr.types").read_text()


def test_osr_deopt_continues_the_same_frame():
    """A compiled loop that deoptimizes hands its frame back: the trace has it once."""
    source = """
    (def divloop (n) (begin (var s 0.0) (var i 0)
      (while (< i n) (begin (+= s (/ 1 (- 10 i))) (++ i))) s))
    (print (divloop 12))
    """
    vm, out, error = run(source, jit_threshold=3, jit_loop_threshold=5)
    _, _, expected = interpreted(source)
    assert error.render() == expected.render()
    assert [entry.name for entry in error.trace] == ["divloop", "<script>"]
    assert any("loop@" in label for label in vm.jit.stats.compiled)


def test_osr_in_a_frame_at_the_depth_limit_is_not_a_stack_overflow():
    source = "(def rec (n) (if (> n 0) (rec (- n 1)) (begin (var i 0) (while (< i 50) (++ i)) i))) (print (rec 98))"
    vm, out, error = run(source, max_depth=100, jit_threshold=100000, jit_loop_threshold=5)
    assert error is None and out == "50\n"


def test_a_deopt_deep_in_recursion_does_not_cascade_through_compiled_callers():
    source = "(def down (n) (if (== n 0) 0 (+ 1 (down (- n 1))))) (print (down 15000)) (print (down 15000))"
    vm, out, _ = run(source)
    assert out == "15000\n15000\n"
    assert vm.jit.stats.given_up == {}
    assert vm.jit.stats.deopts.get("call result type", 0) == 0


def test_a_top_level_loop_with_globals_compiles_and_leaves_at_its_exit():
    source = """
    (var s 0) (var n 5000)
    (for (var i 0) (< i n) (++ i) (set s (+ s i)))
    (print s)
    """
    vm, out, _ = run(source, jit_loop_threshold=50)
    assert out == "12497500\n"
    assert any(label.startswith("<script> loop@") for label in vm.jit.stats.compiled)
    assert vm.jit.stats.loop_exits == 1 and vm.jit.stats.deopts == {}


def test_globals_changing_type_or_growing_big_inside_compiled_loops():
    source = """
    (var x 1) (var big 4611686018427387904)
    (for (var i 0) (< i 300) (++ i)
      (begin (if (== i 200) (set x 0.5)) (set x (+ x 1)) (if (== i 250) (set big (* big 4)))))
    (print x big)
    """
    vm, out, _ = run(source, jit_loop_threshold=20)
    assert out == interpreted(source)[1] == "100.5 18446744073709551616\n"
    assert vm.jit.stats.deopts  # the type change and the overflow left compiled code


def test_compiled_loop_setting_an_undefined_global_raises_like_the_interpreter():
    source = "(for (var i 0) (< i 100) (++ i) (if (== i 90) (set nope 1)))"
    vm, out, error = run(source, jit_loop_threshold=20)
    assert error.render() == interpreted(source)[2].render()
    assert "undefined variable 'nope'" in error.message


def interrupt(command: list, ready: str, input_text: str | None = None):
    """Start `command`, wait until its stderr shows `ready`, let it run on a little, send
    SIGINT; returns (exit status, seconds from SIGINT to exit, stdout, stderr). A process
    still running 10 s after SIGINT fails the test (uninterrupted, fib(45) runs 37 s
    compiled and hours interpreted)."""
    import signal
    import time
    # SIGINT as a terminal gives it: a test run started in the background inherits it
    # ignored, and Python then keeps it ignored
    process = subprocess.Popen(command, stdin=subprocess.PIPE if input_text else None,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if input_text:
        process.stdin.write(input_text)
        process.stdin.flush()
    deadline = time.monotonic() + 30
    stderr = ""
    while ready not in stderr and time.monotonic() < deadline:
        stderr += process.stderr.readline()
    # well inside the work by now; without a marker to wait for, past eva's start-up too
    # (imports without cached bytecode took over 0.3 s on a loaded machine)
    time.sleep(0.3 if ready else 1.5)
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    try:
        if input_text:
            process.stdin.close()
        status = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        pytest.fail(f"still running 10 s after SIGINT; its stderr: {stderr + process.stderr.read()}")
    return status, time.monotonic() - sent, process.stdout.read(), stderr + process.stderr.read()


def test_ctrl_c_stops_a_compiled_loop(tmp_path):
    """Native loops let Python handle signals every so many back-edges."""
    program = tmp_path / "spin.eva"
    program.write_text("(def spin () (begin (var i 0) (while true (set i (+ i 1))))) (spin)")
    status, _, _, stderr = interrupt([sys.executable, "-m", "eva", "run", "--trace-jit",
                                      str(program)], "[jit] compiled spin")
    assert status == 130
    assert "interrupted" in stderr


FIB_45 = "(def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))) (print (fib 45))"


@pytest.mark.parametrize("tier", [["--jit-always", "--trace-jit"], ["--no-jit", "--trace-jit"],
                                  ["--no-jit", "--no-translate", "--trace-jit"]],
                         ids=["compiled", "translated", "dispatch-loop"])
def test_ctrl_c_stops_recursion_in_every_tier(tmp_path, tier):
    """Compiled recursion does not loop, so it never polled: fib(45) ran on for 37 s after
    SIGINT. eva's signal handler (jit/interrupts.py) makes the next compiled call fail its
    depth check."""
    program = tmp_path / "fib.eva"
    program.write_text(FIB_45)
    ready = "[jit] compiled fib" if "--jit-always" in tier else ""
    status, _, stdout, stderr = interrupt([sys.executable, "-m", "eva", "run", *tier,
                                           "--no-jit-cache", str(program)], ready)
    assert (status, stdout) == (130, "")
    assert stderr.rstrip().endswith("interrupted") and "Traceback" not in stderr


def test_ctrl_c_during_llvm_compilations(tmp_path):
    """SIGINT while LLVM compiles (a quarter of a second for each of these functions, and
    nothing else runs): the compile in progress ends, Python's handler raises
    KeyboardInterrupt, and the run stops with 130 before the next one starts."""
    body = "x"
    for index in range(100):
        body = f"(+ (* x {index % 7 + 2}) {body})"
    functions = "".join(f"(def f{n} (x) {body}) (print (f{n} {n}))\n" for n in range(60))
    program = tmp_path / "compiles.eva"
    program.write_text(functions)
    status, _, _, stderr = interrupt(
        [sys.executable, "-m", "eva", "run", "--jit-always", "--trace-jit", "--no-jit-cache",
         str(program)], "[jit] compiled f0")
    assert status == 130 and stderr.rstrip().endswith("interrupted")
    assert "Traceback" not in stderr and stderr.count("[jit] compiled") < 60


def test_ctrl_c_in_compiled_recursion_leaves_the_repl_working(tmp_path):
    """The interrupted call unwinds through its compiled frames (depth, entries and the
    unwind list restored), and the next call runs compiled code again."""
    session = (FIB_45.replace("(print (fib 45))", "") + "\n(fib 45)\n")
    status, _, stdout, stderr = interrupt(
        [sys.executable, "-m", "eva", "repl", "--jit-always", "--trace-jit", "--no-jit-cache"],
        "[jit] compiled fib", input_text=session + "(fib 20)\n")
    assert "6765" in stdout and "Traceback" not in stderr


def test_a_remainder_of_values_proven_non_negative_compiles_to_a_bare_urem():
    """signs.py: `i` starts at 0 and only grows, `h` is always a `% 1000003`, so both `%`s
    are unsigned; `(- i 5)` may be negative, so its `%` keeps Eva's sign correction."""
    source = """
    (def run (n) (begin (var i 0) (var h 7) (var s 0)
      (while (< i n) (begin (set h (% (+ (* h 31) i) 1000003)) (+= s (% (- i 5) 7)) (++ i)))
      (+ h s)))
    (print (run 100))
    """
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1]
    [(_, pre)] = vm.jit_ir("run", "pre")
    assert len(re.findall(r"= urem i64", pre)) == 1
    assert len(re.findall(r"= srem i64", pre)) == 1


@pytest.mark.parametrize("negative", ["-7", "(- 0 123456789012)"])
def test_a_speculated_non_negative_argument_that_turns_negative_deopts_and_recompiles(negative):
    source = f"""
    (def wrap (x) (% (* x 3) 10))
    (var s 0)
    (for (var i 0) (< i 300) (++ i) (+= s (wrap i)))
    (print s (wrap {negative}))
    (for (var i 0) (< i 300) (++ i) (+= s (wrap (- 0 i))))
    (print s)
    """
    vm, out, _ = run(source, jit_threshold=50, jit_keep_ir=True)  # the invalidated unit's too
    assert out == interpreted(source)[1]
    stats = vm.jit.stats
    assert stats.deopts.get("'x' is negative") == 1
    assert stats.compiled == ["wrap(int)", "wrap(int)"]
    # the recompilation saw a negative argument: no speculation, so Eva's signed `%`
    [(_, first), (_, second)] = vm.jit_ir("wrap", "pre")
    assert "urem" in first and "srem" in second and "urem" not in second


def test_a_loop_entered_again_with_a_negative_local_deopts_at_its_entry(capfd):
    source = """
    (def walk (start n) (begin (var h start) (var i 0)
      (while (< i n) (begin (if (< h 0) (++ h) (set h (% (+ h i) 97))) (++ i))) h))
    (print (walk 5 1000) (walk -500 1000) (walk 3 1000))
    """
    vm, out, _ = run(source, jit_threshold=100000, jit_loop_threshold=100, trace_jit=True)
    assert out == interpreted(source)[1]
    assert vm.jit.stats.deopts.get("'h' is negative") == 1
    traces = [line for line in capfd.readouterr().err.splitlines() if "[jit] compiled" in line]
    assert len(traces) == 2
    assert "speculates 'h', 'i' >= 0" in traces[0] and "speculates" not in traces[1]
    assert len(vm.jit.stats.compiled) == 2  # then without the speculation


def test_a_function_that_cannot_compile_is_tried_once_then_its_loop_is():
    """run's loop gets hot in an often called function: its entry is tried instead (tierup.
    ENTRY_INSTEAD_OF_LOOP_CALLS), once; refused (too large, by the expression after the loop),
    the loop compiles on its own."""
    source = f"""
    (def run (n) (begin (var s 0) (var i 0)
      (while (< i n) (begin (+= s i) (++ i))) {too_large("s")}))
    (for (var k 0) (< k 20) (++ k) (run 5))
    (print (run 3000))
    """
    vm, out, _ = run(source, jit_threshold=100000, jit_loop_threshold=100)
    assert out == interpreted(source)[1] == "2996001000\n"
    assert list(vm.jit.stats.failed) == ["run(int)"]  # the expression after the loop
    assert vm.jit.stats.failed["run(int)"].startswith("too large to compile: ")
    assert vm.jit.compilations[vm.get_global("run").code][0] == 1
    assert any(label.startswith("run loop@") for label in vm.jit.stats.compiled)


def test_nan_flows_through_native_code_without_deopts():
    """A NaN divisor is not zero and the square root of NaN is NaN: compiled code computes
    them as IEEE says, once, instead of deoptimizing as if they were errors (and recompiling
    the loop after each such deopt, as it did: 8 units for one loop)."""
    source = """
    (var nan (- (* 1e308 10) (* 1e308 10)))
    (def run (n) (begin (var s 0.0)
      (for (var i 0) (< i n) (++ i) (set s (+ s (+ (/ i nan) (+ (% 1.0 nan) (sqrt nan))))))
      s))
    (print (run 5000))"""
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1] == "nan\n"
    assert vm.jit.stats.deopts == {}
    assert vm.jit.stats.compiled == ["run(int)"] and vm.jit.stats.invalidated == 0


@pytest.mark.parametrize("value, reason", [("(- (* 1e308 10) (* 1e308 10))", "floor of infinity or NaN"),
                                           ("(* 1e308 10)", "floor of infinity or NaN"),
                                           ("1e300", "floor out of integer range")])
def test_floor_guards_name_what_failed(value, reason):
    source = f"(def f (x) (floor x)) (f 2.5) (print (f {value}))"
    vm, out, error = run(source, jit_always=True)
    _, expected_out, expected_error = interpreted(source)
    assert out == expected_out
    assert (error and error.render()) == (expected_error and expected_error.render())
    assert vm.jit.stats.deopts == {reason: 1}


def nested_arithmetic(depth: int, computed: bool) -> str:
    """`(+ x (+ x ... x))`, or with computed operands `(+ (* x 2) (+ (* x 3) ... x))`."""
    body = "x"
    for index in range(depth):
        body = f"(+ (* x {index % 7 + 2}) {body})" if computed else f"(+ x {body})"
    return f"(def f (x) {body}) (print (f 3))"


@pytest.mark.parametrize("computed", [False, True])
def test_the_ir_of_a_deep_expression_grows_linearly_with_its_depth(computed):
    """Every guard of a deep expression sees all the operands waiting on the stack; passing
    them all to the deopt block made the IR grow as the depth squared (86 KB at depth 50,
    593 KB at 150). Now each is stored at most once (copies of a local and constants not at
    all): doubling the depth doubles the IR."""
    sizes = []
    for depth in (60, 120):
        vm, out, _ = run(nested_arithmetic(depth, computed), jit_always=True)
        assert out == interpreted(nested_arithmetic(depth, computed))[1]
        [(_, text)] = vm.jit_ir("f", "pre")
        sizes.append(len(text))
    assert sizes[1] < 2.2 * sizes[0]


def test_a_function_past_the_size_budget_stays_in_the_interpreter_and_its_loop_compiles():
    from eva.jit.analysis import MAX_UNIT_INSTRUCTIONS
    source = nested_arithmetic(MAX_UNIT_INSTRUCTIONS // 3, computed=True).replace(
        "(def f (x) ", "(def f (x) (begin (var s 0) (for (var i 0) (< i 50) (++ i) (+= s i)) ")
    source = source.replace(") (print (f 3))", ")) (print (f 3))")
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1]
    [(label, reason)] = [(k, v) for k, v in vm.jit.stats.failed.items() if k.startswith("f(")]
    assert reason.startswith("too large to compile: ") and f"the limit is {MAX_UNIT_INSTRUCTIONS}" in reason
    assert any(label.startswith("f loop@") for label in vm.jit.stats.compiled)


def test_resume_data_reads_spilled_words_and_knows_constants():
    """resume.py without LLVM: stored values come from their buffer positions, constants from
    the resume data itself."""
    from eva.jit.resume import DeoptPoint, Known, unbox
    from eva.jit.types import FLOAT, INT
    point = DeoptPoint(0, 7, "integer overflow", (None, INT, None, FLOAT), (INT, INT, FLOAT),
                       (4, 9, 4, Known(unbox(-3, INT)), 2))
    words = [0] * 10
    words[4], words[9], words[2] = unbox(12, INT), unbox(0.5, FLOAT), unbox(2.25, FLOAT)
    function = object()
    assert point.buffer_size == 10
    assert point.rebuild(function, words) == [function, 12, eva.objects.UNDEF, 0.5, 12, -3, 2.25]
    assert point.describe(words) == "slot1=12 slot3=0.5 stack0=12 stack1=-3 stack2=2.25"
    # slots are named by their variables, where the names are known
    assert point.describe(words, ["f", "n"]) == "n=12 slot3=0.5 stack0=12 stack1=-3 stack2=2.25"


def test_a_unit_whose_ir_is_past_the_budget_is_refused_before_llvm(monkeypatch):
    from eva.jit import backend
    monkeypatch.setattr(backend, "MAX_UNIT_IR_BYTES", 5000)
    source = nested_arithmetic(20, computed=True)
    vm, out, _ = run(source, jit_always=True)
    assert out == interpreted(source)[1]
    assert vm.jit.stats.failed["f(int)"].startswith("too large to compile: ")
    assert vm.jit.stats.failed["f(int)"].endswith("bytes of IR (the limit is 5000)")


@pytest.fixture
def fresh_layout(monkeypatch):
    """layout.py probes once per process: forget what it found, for this test only."""
    from eva.jit import layout
    monkeypatch.setattr(layout, "_layout", None)
    monkeypatch.setattr(layout, "_failure", None)
    return layout


def test_the_object_layouts_native_code_reads_are_probed_from_the_running_python(fresh_layout):
    import struct
    found = fresh_layout.layout()
    assert found.type_offset == 8 and found.float_value_offset == 16  # CPython 3.11, 64-bit
    value = 2.75
    assert ctypes_word(value, found.float_value_offset) == struct.unpack("<Q", struct.pack("<d", value))[0]
    assert ctypes_word(value, found.type_offset) == id(float)


def ctypes_word(obj, offset: int) -> int:
    import ctypes
    return ctypes.c_uint64.from_address(id(obj) + offset).value


@pytest.mark.parametrize("break_it, reason", [
    (lambda layout, monkeypatch: monkeypatch.setattr(layout, "PROBE_WORDS", 1),
     "cannot find an object's type pointer in the object layout"),
    (lambda layout, monkeypatch: monkeypatch.setattr(
        layout.sysconfig, "get_config_var", lambda name: 1 if name == "Py_GIL_DISABLED" else None),
     "a free-threaded CPython build (no GIL) is not supported: native code counts references "
     "and reads objects as if it held the GIL"),
], ids=["layout", "free-threaded"])
def test_a_python_whose_objects_native_code_cannot_read_keeps_everything_interpreted(
        fresh_layout, monkeypatch, break_it, reason):
    break_it(fresh_layout, monkeypatch)
    source = "(def sq (x) (* x x)) (var s 0) (for (var i 0) (< i 50) (++ i) (+= s (sq i))) (print s)"
    out = io.StringIO()
    vm = eva.VM(stdout=out, jit_always=True)  # not strict: a refusal, not a JIT bug
    vm.run(source)
    assert out.getvalue() == interpreted(source)[1]
    assert vm.jit.stats.compiled == []
    assert vm.jit.stats.failed["sq(int)"] == f"native code cannot run on this Python: {reason}"


def test_the_layout_check_holds_under_python_dash_o():
    """Not an assert: `python -O` removes those."""
    code = ("import io, eva, eva.jit.layout as layout\n"
            "layout.PROBE_WORDS = 1\n"
            "vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO())\n"
            "vm.run('(def sq (x) (* x x)) (sq 3)')\n"
            "print(sorted(set(vm.jit.stats.failed.values())))")
    done = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True)
    assert "native code cannot run on this Python: cannot find" in done.stdout, done.stderr


def redefine_hot_function(vm, times: int) -> None:
    """A REPL session: `f` defined again and again, each time hot, called from `g`."""
    for i in range(times):
        vm.run(f"(def f (x) (* x {i}))")
        vm.run("(for (var k 0) (< k 3) (++ k) (g k))")


def test_redefining_a_hot_function_releases_the_units_it_replaced():
    """Each definition's unit (and the script units of each input) are released once nothing
    runs them: the JIT's books, the runtime's deopt points and call sites and the engines
    holding machine code stop growing (invalidated units used to be kept for good: about
    100 KB of memory a definition)."""
    from eva.jit import codegen
    vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO(), jit_strict=True)
    vm.run("(def g (x) (+ (f x) 1))")
    redefine_hot_function(vm, 5)
    jit, runtime = vm.jit, vm.jit.backend.runtime
    sizes = (len(jit.units), len(runtime.deopt_points), len(runtime.sites), len(jit.watchers))
    groups_before = live_engine_groups()
    redefine_hot_function(vm, 3 * codegen.UNITS_PER_ENGINE)
    assert (len(jit.units), len(runtime.deopt_points), len(runtime.sites),
            len(jit.watchers)) == sizes
    assert live_engine_groups() <= groups_before + 1
    assert vm.run("(f 2)") == 2 * (3 * codegen.UNITS_PER_ENGINE - 1)


def live_engine_groups() -> int:
    import gc
    from eva.jit.codegen import EngineGroup
    return sum(1 for o in gc.get_objects() if type(o) is EngineGroup and o.engine.handle)


def test_a_stale_reference_to_a_released_units_entry_sends_the_call_back():
    """The machine code lives as long as its entry: an entry kept somewhere after its unit
    was released (as the interpreter's loop keeps its last callee) refuses to run and sends
    the call back to the interpreter, it does not jump into freed memory."""
    from eva.jit.signals import NOT_ENTERED
    vm = eva.VM(jit_always=True, jit_cache=False, stdout=io.StringIO(), jit_strict=True)
    vm.run("(def f (x) (* x 2)) (f 1)")
    [unit] = [u for u in vm.jit.units if u.code.name == "f"]
    stale, function = unit.entry, vm.get_global("f")
    vm.run("(def f (x) (* x 3)) (f 1)")
    assert unit not in vm.jit.units and unit.entry is None  # released
    assert stale(100, function, 5) is NOT_ENTERED  # (budget, the function, its argument)


def test_a_unit_compiled_after_others_were_released_does_not_take_a_live_units_symbols():
    """Unit ids were the count of live units: after a release a new unit got a live unit's
    id, took over its symbols, and code calling that unit directly called the new one."""
    out = io.StringIO()
    vm = eva.VM(jit_always=True, jit_cache=False, jit_strict=True, stdout=out)
    vm.run("(def sq (x) (* x x)) (var i 0) (while (< i 3) (set i (+ i 1))) (print (sq 3))")
    vm.run("(def g (x) (+ (sq x) 1)) (var j 0) (while (< j 3) (set j (+ j 1))) (print (g 5))")
    assert out.getvalue() == "9\n26\n"
    ids = [unit.id for unit in vm.jit.units]
    assert len(ids) == len(set(ids))


def test_len_and_push_of_lists_and_strings_run_inline_in_native_code():
    """rules.OBJECT_NATIVES: a type test and a load, or PyList_Append, not a call of the
    native through the runtime (which the slow path keeps for other values)."""
    source = """
(def fill (xs n text)
  (begin
    (while (< (len xs) n) (push xs (len text)))
    (len xs)))
(print (fill (list) 50 "héllo"))
"""
    vm, out, error = run(source, jit_always=True, jit_cache=False, jit_keep_ir=True)
    assert error is None and out == "50\n"
    [(_, types)] = vm.jit_ir("fill", "types")
    assert types.count("inline (len, push)") == 4  # len twice, push, len of a string
    [(_, pre)] = vm.jit_ir("fill", "pre")
    assert "PyList_Append" in pre
    assert not vm.jit.stats.deopts
