"""Every guard is exercised: `--fail-guard K` (Options.fail_guard) makes the guard of deopt
point K fail whenever it is checked, and the program must behave exactly as it does with no
guard forced; benchmarks/guard_sweep.py does that for every point of a program."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from pathlib import Path


import eva
from eva.jit.rules import (CALL_RESULT_TYPE, DIVISION_BY_ZERO, FLOOR_NOT_FINITE,
                           FLOOR_OUT_OF_RANGE, GLOBAL_REBOUND, GLOBAL_TOO_LARGE, GLOBAL_TYPE,
                           INEXACT_COMPARISON, INEXACT_DIVISION, INEXACT_TO_FLOAT, MODULO_BY_ZERO,
                           NEGATIVE_SQRT, OVERFLOW, UNDEFINED_GLOBAL, WATCHED_GLOBAL)

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("guard_sweep", ROOT / "benchmarks" / "guard_sweep.py")
guard_sweep = sys.modules.setdefault("guard_sweep", importlib.util.module_from_spec(SPEC))
SPEC.loader.exec_module(guard_sweep)  # (registered first: its dataclasses look their module up)

MANY_GUARDS = """
(var g 5)
(var w 0)
(def h (x) (* x 3))
(def f (a b)
  (begin (set w (+ w 1))
         (+ (+ (floor (/ a b)) (% a b)) (+ (+ g (h a)) (if (< a 0.5) 0.0 (sqrt a))))))
(var s 0)
(for (var i 1) (< i 40) (++ i) (set s (+ s (f i 2))))
(print s)
(print w)
"""
"""One small program with a guard of every kind: the depth check at each unit's entry, the
sign speculation on f's parameters, integer overflow (`*`, `+`), division and modulo by zero,
an inexact integer division, `floor` of a float (not finite, out of range), an integer meeting
a float in a comparison and given to `sqrt` (past 2**53; a negative one), a global read (its
type, an integer too large), a global store (undefined, watched) and the validity of called
globals; and the unconditional deopts, which cannot be forced: a loop unit's exit and a
call's result of another type. None of them fails by itself but the loop's exit."""
GUARD_REASONS = {"stack depth", OVERFLOW, DIVISION_BY_ZERO, MODULO_BY_ZERO, INEXACT_DIVISION,
                 FLOOR_NOT_FINITE, FLOOR_OUT_OF_RANGE, INEXACT_COMPARISON, INEXACT_TO_FLOAT,
                 NEGATIVE_SQRT, GLOBAL_TYPE, GLOBAL_TOO_LARGE, UNDEFINED_GLOBAL, WATCHED_GLOBAL,
                 GLOBAL_REBOUND, "'a' is negative", "'b' is negative"}


def run(source: str, **options):
    """guard_sweep.Run of `source` with the JIT forced on everything (its outcome, the deopt
    points made and those that fired)."""
    result = guard_sweep.execute(source, "test.eva", **options)
    assert result.status == 0, result.stderr
    return result


def test_fail_guard_fires_exactly_that_point_and_output_stays_identical():
    expected = run(MANY_GUARDS)
    assert expected.stdout == "3100.291232684164\n39\n"
    made = expected.made
    assert set(made.values()) == GUARD_REASONS | {CALL_RESULT_TYPE, "loop exit"}, made
    assert expected.fired == {point for point, reason in made.items() if reason == "loop exit"}
    first_of_each = {}
    for point, reason in sorted(made.items()):
        if reason in GUARD_REASONS:
            first_of_each.setdefault(reason, point)
    for reason, point in first_of_each.items():
        vm, out, error = run_vm(MANY_GUARDS, fail_guard=point)
        stats = vm.jit_stats()
        assert (out, error) == (expected.stdout, None), (point, reason)
        assert stats.points_made == made, (point, reason)  # the same ids for the same guards
        assert stats.points_fired - expected.fired == {point}, (point, reason)
        assert stats.forced.get(reason, 0) > 0 and not stats.deopts, (point, reason)
        assert stats.invalidated == 0, (point, reason)  # a forced deopt invalidates nothing


def test_a_call_result_of_another_type_is_a_deopt_point_that_fires_by_itself():
    """The unconditional deopts are not forced; they count as fired when they happen."""
    source = "(def h (x) (* x 3)) (def f (a) (+ (h a) 1)) (print (f 1)) (print (f 4611686018427387904))"
    result = run(source)
    assert result.stdout == "4\n13835058055282163713\n"
    fired = {result.made[point] for point in result.fired}
    assert fired == {OVERFLOW, CALL_RESULT_TYPE}, fired


def run_vm(source: str, **options):
    out = io.StringIO()
    vm = eva.VM(stdout=out, jit_always=True, jit_strict=True, jit_cache=False, **options)
    try:
        vm.run(source, "test.eva")
        error = None
    except eva.EvaRuntimeError as caught:
        error = caught.render()
    return vm, out.getvalue(), error


def test_a_forced_guard_that_is_never_reached_does_not_fire():
    """Point ids are not guessed: one past the last point made changes nothing."""
    expected = run(MANY_GUARDS)
    beyond = max(expected.made) + 1000
    vm, out, _ = run_vm(MANY_GUARDS, fail_guard=beyond)
    assert out == expected.stdout
    assert vm.jit_stats().points_fired == expected.fired


def test_a_forced_value_guard_is_not_held_against_the_instruction():
    """An overflow guard that fails in two units makes later units refuse the instruction
    (tierup.VALUE_FAILURES_BEFORE_REFUSING); a forced failure is no evidence of that, nor of a
    type change: the unit stays valid and nothing is refused."""
    source = "(def sq (x) (* x x)) (var s 0) (for (var i 0) (< i 50) (++ i) (+= s (sq i))) (print s)"
    expected = run(source)
    point = min(p for p, reason in expected.made.items() if reason == OVERFLOW)
    vm, out, _ = run_vm(source, fail_guard=point)
    stats = vm.jit_stats()
    assert out == expected.stdout == "40425\n"
    plain = run_vm(source)[0].jit_stats()
    assert stats.forced == {OVERFLOW: 50} and stats.deopts == {} and stats.invalidated == 0
    assert (stats.compiled, stats.failed) == (plain.compiled, plain.failed)


def test_jit_stats_count_deopt_points_made_and_fired_by_reason():
    vm, _, _ = run_vm(MANY_GUARDS, jit_stats=True)
    stats = vm.jit_stats()
    report = stats.render()
    assert f"  deopt points    {len(stats.points_made)} made, 1 fired\n" in report
    assert "    loop exit: 1/1\n" in report
    made_overflow = sum(1 for reason in stats.points_made.values() if reason == OVERFLOW)
    assert f"    {OVERFLOW}: 0/{made_overflow}\n" in report
    # the deopts section is unchanged, and points of released units still count
    assert "  deopts          0\n" in report
    vm.jit.forget_code(next(iter(vm.jit.units)).code)
    assert len(vm.jit_stats().points_made) == len(stats.points_made)


def test_fail_guard_on_the_command_line(tmp_path):
    program = tmp_path / "p.eva"
    program.write_text(MANY_GUARDS)
    command = [sys.executable, "-m", "eva", "run", "--jit-always", "--no-jit-cache",
               "--trace-deopt", str(program)]
    plain = subprocess.run(command, capture_output=True, text=True)
    expected = run(MANY_GUARDS)
    point = min(p for p, reason in expected.made.items() if reason == DIVISION_BY_ZERO)
    forced = subprocess.run(command[:4] + ["--fail-guard", str(point)] + command[4:],
                            capture_output=True, text=True)
    assert forced.stdout == plain.stdout == expected.stdout and forced.returncode == 0
    lines = forced.stderr.splitlines()
    assert len(lines) == 39 and all(
        f"guard #{point} " in line and f": forced by --fail-guard ({DIVISION_BY_ZERO} guard);" in line
        for line in lines), forced.stderr
    negative = subprocess.run(command[:4] + ["--fail-guard", "-1", str(program)],
                              capture_output=True, text=True)
    assert negative.returncode == 2 and "--fail-guard must not be negative" in negative.stderr


SWEEP_PROGRAMS = [
    "tiers/division_hot.eva",                             # floor, division, global guards
    "numbers/nan_flows_through_compiled_code.eva",        # sqrt, modulo
    "superinstructions/operand_branches_change_types.eva",  # inexact mixed comparison
    "superinstructions/operand_modulo_by_zero.eva",       # sign speculation on parameters
    "tiers/osr_deopt_error_trace.eva",                    # OSR, a runtime error after a deopt
    "tiers/division_by_zero_after_warmup.eva",            # a runtime error with its trace
    "tiers/and_or_hot.eva",
    "tiers/deep_calls_after_warmup.eva",
    "tiers/osr_nested_loops.eva",
    "recursion/ackermann.eva",
    "recursion/factorial.eva",                            # a call result of another type
]
"""Golden programs with many guards, of every kind the corpus makes between them (all but
"inexact int to float", which no golden program makes: see MANY_GUARDS); the whole corpus is
`python benchmarks/guard_sweep.py`."""


def test_guard_sweep_over_golden_programs_finds_no_mismatch():
    results = [guard_sweep.sweep_program(ROOT / "tests" / "lang" / name)
               for name in SWEEP_PROGRAMS]
    assert [r.baseline_problem for r in results if r.baseline_problem] == []
    mismatches = [m for r in results for m in r.mismatches]
    assert mismatches == [], "\n".join(f"{m.program} point {m.point} ({m.reason}): {m.diff}"
                                       for m in mismatches)
    made = {guard_sweep.reason_group(r.made[p]) for r in results for p in r.made}
    forced_fired = {guard_sweep.reason_group(r.made[p])
                    for r in results for p, fired in r.forced.items() if fired}
    natural = {guard_sweep.reason_group(r.made[p]) for r in results for p in r.natural}
    guards = made - guard_sweep.UNCONDITIONAL
    assert guards - forced_fired == set(), "guard kinds never fired when forced"
    assert (made & guard_sweep.UNCONDITIONAL) - natural == set(), "deopts that never happened"
    assert len(guards) >= 15 and len(made & guard_sweep.UNCONDITIONAL) == 2, sorted(made)
