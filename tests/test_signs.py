"""The sign analysis (eva/jit/signs.py) on small functions: which `%`s it proves unsigned,
and which entry speculations it keeps."""

from __future__ import annotations

import pytest

import eva
from eva.jit.analysis import analyze
from eva.jit.signs import speculate, unsigned_remainders
from eva.jit.types import INT, UNDEF_T
from eva.opcodes import Op


def typed_function(source: str, name: str):
    vm = eva.VM(jit=False)
    vm.run(source)
    code = vm.get_global(name).code
    slots = (None,) + (INT,) * code.arity + (UNDEF_T,) * (code.nslots - 1 - code.arity)
    return analyze(code, 0, slots)


def remainder_pcs(typed) -> list[int]:
    return [pc for pc, (op, _) in enumerate(typed.code.generic_insns) if op == Op.MOD]


@pytest.mark.parametrize("body, unsigned", [
    ("(% 17 5)", True),
    ("(% (+ 3 4) (* 2 5))", True),
    ("(% (- 3 4) 5)", False),          # a difference may be negative
    ("(% 5 (- 0 3))", False),          # a negative divisor
    ("(% (% (- 0 a) 5) 3)", None),     # the inner `%` is signed, its result is not
    ("(% a 5)", "speculated"),         # an argument: only if speculated
    ("(% (abs a) 5)", False),          # a call's result is unknown
    ("(% (+ 1 2.5) 2)", False),        # a float
])
def test_which_remainders_are_unsigned(body, unsigned):
    typed = typed_function(f"(def f (a) {body})", "f")
    pcs = remainder_pcs(typed)
    found = unsigned_remainders(typed)
    if unsigned is None:  # nested: the outer one is unsigned, the inner one is not
        assert found == {pcs[1]}
    elif unsigned == "speculated":
        assert found == frozenset()
        assert unsigned_remainders(typed, frozenset({1})) == {pcs[0]}
    else:
        assert (found == set(pcs)) is unsigned and (found == frozenset()) is not unsigned


def test_a_loop_counter_stays_non_negative_through_its_back_edge():
    typed = typed_function("""
    (def f (n) (begin (var i 0) (var h 1) (var d 0)
      (while (< i n) (begin (set h (% (+ h i) 7)) (set d (% (- d 1) 7)) (++ i) (set i (* i 1))))
      h))""", "f")
    pcs = remainder_pcs(typed)
    assert unsigned_remainders(typed) == {pcs[0]}


def test_a_variable_made_negative_later_in_the_loop_is_unknown_at_its_header():
    typed = typed_function("""
    (def f (n) (begin (var i 0) (var h 1)
      (while (< i n) (begin (set h (% h 7)) (set h (- h 10)) (++ i)))
      h))""", "f")
    assert unsigned_remainders(typed) == frozenset()


def test_speculation_keeps_only_the_arguments_a_remainder_needs():
    typed = typed_function("(def f (a b c) (+ (% a 5) (% (- b c) 3)))", "f")
    guarded, unsigned = speculate(typed, frozenset({1, 2, 3}))
    assert guarded == {1}
    assert unsigned == {remainder_pcs(typed)[0]}


def test_no_remainder_no_speculation():
    typed = typed_function("(def f (a b) (+ a b))", "f")
    assert speculate(typed, frozenset({1, 2})) == (frozenset(), frozenset())
