"""Expression superinstructions against the instructions they replace, on random expressions
and awkward values: same value or same error, every time."""

from __future__ import annotations

import io
import random

import pytest

import eva.interp.interpreter
from eva.errors import EvaRuntimeError
from eva.objects import display
from eva.interp.expressions import find_run, run_ends
from eva.opcodes import Op
from eva.vm import VM

OPERATORS = ["+", "-", "*", "/", "%"]
TESTS = ["<", "<=", ">", ">="]
VALUES = ["0", "1", "-3", "7", "0.5", "-2.25", "1e308", "(* 1 0.0)", "(- 0 0.0)",
          "(* 4611686018427387904 4)", "true", "null", '"s"']
"""Arguments: zero divisors, negative modulo, float overflow to inf, -0.0, an integer beyond
64 bits (and beyond 2^53 for mixed comparisons), and values that are not numbers."""


def random_expression(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(["a", "b", "c", "a", "b", str(rng.randint(-5, 9)), "2.5"])
    return f"({rng.choice(OPERATORS)} {random_expression(rng, depth - 1)} " \
           f"{random_expression(rng, depth - 1)})"


def outcome(vm: VM, call: str) -> str:
    try:
        return display(vm.run(call))
    except EvaRuntimeError as error:
        return "error: " + error.message


@pytest.mark.parametrize("seed", range(8))
def test_fused_runs_match_the_generic_instructions(seed, monkeypatch):
    rng = random.Random(seed)
    definitions = []
    for index in range(12):
        body = random_expression(rng, 3)
        if index % 3 == 1:
            body = f"({rng.choice(TESTS)} {body} {random_expression(rng, 2)})"
        elif index % 3 == 2:  # a stored value, and a branch on a comparison
            body = (f"(begin (var t {body}) (if ({rng.choice(TESTS)} t "
                    f"{random_expression(rng, 2)}) t (- 0 t)))")
        definitions.append(f"(def f{index} (a b c) {body})")
    source = "\n".join(definitions)
    fused = VM(jit=False, translate=False, stdout=io.StringIO())
    fused.run(source)
    with monkeypatch.context() as patch:  # the reference: the same code, never fused
        patch.setattr(eva.interp.interpreter, "fuse_expressions", lambda code: None)
        generic = VM(jit=False, translate=False, stdout=io.StringIO())
        generic.run(source)
    fused_calls = 0
    for index in range(12):
        for _ in range(25):
            fused.run(definitions[index])  # afresh: a run that fell back stays generic
            args = " ".join(rng.choice(VALUES) for _ in range(3))
            call = f"(f{index} {args})"
            assert outcome(fused, call) == outcome(generic, call), (definitions[index], call)
            fused_calls += any(op == Op.EXPRESSION
                               for op, _ in fused.get_global(f"f{index}").code.insns)
    assert fused_calls >= 50  # calls where the fused runs did the work and stayed fused


def runs_of(insns, ends=None) -> list:
    """(start, end, source, consumer) of the runs that searches from each instruction find,
    bounded by `ends` (as fuse_expressions does) or not (as it did before `run_ends`)."""
    runs, index = [], 0
    while index < len(insns):
        run = find_run(insns, index) if ends is None else \
            find_run(insns, index, ends[index]) if ends[index] else None
        if run is None:
            index += 1
            continue
        runs.append((run.start, run.end, run.source, run.consumer))
        index = run.end
    return runs


@pytest.mark.parametrize("seed", range(4))
def test_run_ends_only_saves_time(seed):
    """fuse_expressions searches only where `run_ends` says a run may start, and only up to
    where it may end: the runs it finds are those of a search from every instruction."""
    rng = random.Random(seed)
    leaves = ["a", "b", "2.5", "3", '"s"', "(g a)"]

    def expression(depth):
        if depth == 0 or rng.random() < 0.2:
            return rng.choice(leaves)
        if rng.random() < 0.1:
            return "(list " + " ".join(expression(depth - 1) for _ in range(3)) + ")"
        operator = rng.choice(OPERATORS + TESTS)
        return f"({operator} {expression(depth - 1)} {expression(depth - 1)})"

    found = 0
    for _ in range(150):
        body = " ".join(rng.choice([f"(var v {expression(4)})", f"(if {expression(3)} 1 2)",
                                    expression(5)]) for _ in range(3))
        code = VM(jit=False).compile(f"(def f (a b) (begin {body}))").children()[0]
        insns = code.generic_insns
        expected = runs_of(insns)
        assert runs_of(insns, run_ends(insns)) == expected, body
        fused = [index for index, (op, _) in enumerate(code.insns) if op == Op.EXPRESSION]
        assert fused == [start for start, *_ in expected], body
        found += len(expected)
    assert found > 40
