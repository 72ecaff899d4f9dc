"""Call caches (jit/callcache.py, lowering.Lowerer.cached_call): native code calls a
closure's compiled code through its call entry, not through the runtime's Python, and every
way out of such a call (a result of another type, a refused or invalidated unit, an error,
Ctrl-C, recursion past the native depth) ends as the same call through the runtime would."""

from __future__ import annotations

import io

import pytest

import eva
from eva.errors import EvaRuntimeError
from eva.jit.abi import MAX_NATIVE_DEPTH
from references import held_value, interrupt_at, references

pytest.importorskip("llvmlite")


def vm_for(**options):
    return eva.VM(jit_cache=False, stdout=io.StringIO(), **options)


COUNTERS = """
(def make-counter (start)
  (begin (var n start) (lambda () (begin (set n (+ n 1)) n))))
(def run (f rounds)
  (begin
    (var total 0)
    (for (var i 0) (< i rounds) (++ i) (set total (+ total (% (f) 10))))
    total))
(run (make-counter 0) 20000)
"""


def test_a_closure_called_in_a_native_loop_is_entered_directly_once_compiled(runtime_calls):
    """The loop runs natively, the closure is compiled for it after its first calls through
    the runtime (tierup.NATIVE_CALLS_BEFORE_COMPILING), and then the runtime sees no more
    calls; `%` on its boxed results runs natively too. Through the runtime, each call was
    one rt_call_value and one rt_modulo."""
    vm = vm_for()
    assert vm.run(COUNTERS) == 90000
    assert any(" loop@" in label for label in vm.jit.stats.compiled)
    assert "lambda()" in vm.jit.stats.compiled
    assert runtime_calls["rt_call_cached"] <= 101
    assert runtime_calls["rt_call_value"] == runtime_calls["rt_modulo"] == 0


def test_closures_of_other_codes_at_one_site_refill_the_cache(runtime_calls):
    vm = vm_for(jit_always=True)
    vm.run(COUNTERS.replace("(run (make-counter 0) 20000)", ""))
    vm.run("(def make-twice (start) (begin (var n start) (lambda () (begin (set n (+ n 2)) n))))")
    assert vm.run("(run (make-counter 0) 300)") == 1350
    calls = runtime_calls["rt_call_cached"]
    assert 0 < calls <= 2
    assert vm.run("(run (make-twice 0) 300)") == 1200  # another code: one miss, then cached
    assert runtime_calls["rt_call_cached"] - calls <= 2
    assert vm.run("(run (make-counter 0) 300)") == 1350


def test_a_result_of_another_type_comes_back_through_the_runtime(runtime_calls):
    """The closure's unit returns an int; a product past 64 bits fails its overflow guard,
    the interpreter finishes the call with a big integer, the entry gives it as pending
    (PENDING), and the runtime hands it over (rt_after_entry)."""
    vm = vm_for(jit_always=True)
    vm.run("""
(def make-square (k) (lambda (x) (* x x)))
(def gather (f n) (begin (var s 0)
  (for (var i 0) (< i n) (++ i) (set s (f (if (< i 500) i 5000000000)))) s))""")
    assert vm.run("(gather (make-square 0) 600)") == 25 * 10 ** 18
    assert runtime_calls["rt_after_entry"] > 0
    assert vm.jit.stats.deopts.get("integer overflow", 0) > 0


def test_an_invalidated_entry_sends_the_call_through_the_runtime(runtime_calls):
    """The closure's compiled code assumed the global `weight`; rebinding it (in a call
    from the loop, which goes on natively) invalidates that code, whose entry the cache
    still holds: the entry refuses, the call goes through the runtime, and the new `weight`
    is called."""
    vm = vm_for(jit_always=True)
    vm.run("""
(def weight (x) (* x 2))
(def make-weigher () (lambda (x) (weight x)))
(def rebind () (set weight (lambda (x) (* x 3))))
(def weigh (f n) (begin (var s 0) (for (var i 0) (< i n) (++ i)
  (begin (if (== i 100) (rebind)) (set s (+ s (f i))))) s))""")
    assert vm.run("(weigh (make-weigher) 200)") == 2 * 4950 + 3 * 14950
    assert vm.jit.stats.invalidated > 0
    assert runtime_calls["rt_after_entry"] > 0  # the entry refused, once invalidated
    assert runtime_calls["rt_call_cached"] < 10  # and the cache was filled again


def test_recursion_through_closures_past_the_native_depth_and_the_depth_limit():
    """A cached call is a direct native call: the callee's depth check bounds the recursion
    (MAX_NATIVE_DEPTH, or the frames the depth limit leaves), and past it the callee
    deoptimizes and the interpreter goes on, in its own frames; past the depth limit the
    error is the interpreter's."""
    source = """
(def make-depth () (begin (var self null)
  (set self (lambda (d) (if (== d 0) 0 (+ 1 (self (- d 1)))))) self))
(def deep (f n d) (begin (var s 0) (for (var i 0) (< i n) (++ i) (set s (+ s (f d)))) s))"""
    vm = vm_for(jit_always=True, max_depth=30000)
    vm.run(source)
    assert vm.run("(deep (make-depth) 5 450)") == 2250
    assert "stack depth" not in vm.jit.stats.deopts
    assert vm.run(f"(deep (make-depth) 2 {MAX_NATIVE_DEPTH + 2000})") == 2 * (MAX_NATIVE_DEPTH + 2000)
    assert vm.jit.stats.deopts["stack depth"] > 0
    messages = []
    for options in ({"jit_always": True}, {"jit": False}):
        limited = vm_for(max_depth=600, **options)
        limited.run(source)
        with pytest.raises(EvaRuntimeError, match="stack overflow") as error:
            limited.run("(deep (make-depth) 5 700)")
        messages.append((str(error.value), len(error.value.trace)))
    assert messages[0] == messages[1]


def test_an_error_in_a_cached_callee_unwinds_both_frames_and_drops_their_references(
        runtime_calls):
    vm = vm_for(jit_always=True)
    value = held_value(vm)
    vm.run("""
(def make-reader () (lambda (v i) (if (< i 300) (len v) (prop v missing))))
(def read-all (f v n) (begin (var s 0) (for (var i 0) (< i n) (++ i) (set s (+ s (f v i)))) s))""")
    baseline = references(vm, value)
    message = trace = None
    try:
        vm.run("(read-all (make-reader) value 400)")
    except EvaRuntimeError as error:
        message, trace = str(error), [entry.name for entry in error.trace]
    assert "cannot read property 'missing' of string" in message
    assert trace[:2] == ["lambda", "read-all"]
    assert runtime_calls["rt_call_cached"] < 5  # the error came through the entry
    assert references(vm, value) == baseline
    assert vm.jit.backend.runtime.roots_top.value == 0


def test_ctrl_c_in_a_cached_callee_leaves_every_native_frame(runtime_calls):
    vm = vm_for(jit_always=True)
    value = held_value(vm)
    interrupt_at(vm, 500)
    vm.run("""
(def make-spinner () (lambda (v) (begin (tick) (len v))))
(def spin (f v) (begin (var s 0) (while true (set s (+ s (f v))))))""")
    baseline = references(vm, value)
    interrupted = False
    try:
        vm.run("(spin (make-spinner) value)")
    except KeyboardInterrupt:
        interrupted = True
    assert interrupted
    assert runtime_calls["rt_call_cached"] < 5  # Ctrl-C came through the entry
    assert references(vm, value) == baseline
    assert vm.jit.backend.runtime.roots_top.value == 0
