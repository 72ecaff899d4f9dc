"""Differential tests: a program behaves the same in every mode (SPEC.md section 9).

Two sources of programs:

- Generated ones (tests/evagen.py has how and why): a fixed set of seeds, so a failure
  here is reproducible with `python tests/evagen.py --show --start SEED --count 1`. Each
  program runs in every mode of golden.MODES but "jit-cache" and must give the bytecode
  interpreter's exit status, stdout and stderr (message and whole Eva stack trace), with no
  host traceback anywhere. Longer runs: `python tests/evagen.py --start N --count M`.
- The regressions in tests/lang/translation, found by that fuzzing. test_lang.py checks
  their `// expect` lines; here their whole outcome is compared across modes too, because
  the golden format cannot say that a trace has *no* extra line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import golden
from evagen import FUZZ_MODES, REFERENCE, describe, differences, generate, run_text

SEEDS = range(36)
"""About 10 s for all modes of all of them. The set is fixed: a change to the generator
changes the programs, so rerun a longer fuzzing session after changing it."""

TRANSLATION = sorted((Path(__file__).parent / "lang" / "translation").glob("*.eva"))


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_program_same_in_every_mode(seed: int, tmp_path: Path):
    program = generate(seed)
    found = differences(program.text, program.options, tmp_path)
    if found:
        pytest.fail(f"seed {seed} (options {program.options}) differs from mode "
                    f"{REFERENCE}:\n{describe(found)}\n\nprogram:\n{program.text[:8000]}",
                    pytrace=False)


@pytest.mark.parametrize("path", TRANSLATION, ids=[p.name for p in TRANSLATION])
def test_regression_same_in_every_mode(path: Path, tmp_path: Path):
    found = differences(path.read_text(encoding="utf-8"), {}, tmp_path)
    if found:
        pytest.fail(f"{path.name} differs from mode {REFERENCE}:\n{describe(found)}",
                    pytrace=False)


def test_modes_are_golden_modes():
    """The modes compared are the golden corpus's, but the slow code-cache one."""
    assert set(FUZZ_MODES) == set(golden.MODES) - {"jit-cache", "jit-profiled"}


def test_generator_is_deterministic():
    for seed in (3, 17):
        first, second = generate(seed), generate(seed)
        assert (first.text, first.options) == (second.text, second.options)
    assert generate(3).text != generate(4).text


def test_generated_programs_cover_the_language():
    """The fixed seeds together use every feature the tiers must agree on."""
    text = "\n".join(generate(seed).text for seed in SEEDS)
    forms = ["(+ ", "(- ", "(* ", "(/ ", "(% ", "(< ", "(> ", "(<= ", "(>= ", "(== ", "(!= ",
             "(not ", "(and ", "(or ", "(if ", "(switch ", "(else ", "(while ", "(for ",
             "(begin ", "(var ", "(set ", "(++ ", "(-- ", "(+= ", "(-= ", "(set (prop ",
             "(set (idx ", "(++ (prop ", "(lambda ", "(def ", "(class ", "(new ", "(super ",
             "(prop ", "(list ", "(idx ", "(push ", "(len ", "(str ", "(sqrt ", "(abs ",
             "(floor ", "null", "true", "false", "9223372036854775807", "9007199254740993",
             "1e300", "(print "]
    missing = [form for form in forms if form not in text]
    assert not missing, f"the generated programs never use {missing}"
    # a closure setting a variable it captured; a method called through its instance; a
    # method set on a class; a class made in a function; a recursion through a function
    # fetched from a list; mutual recursion; the control-flow and numeric kernels
    assert re.search(r"\(lambda \([^)]*\) \(begin \(\+= c\d+ ", text)
    assert re.search(r"\(\(prop (\w+) m\d+\) \1[ )]", text)
    for shape in ["(lambda (self ", "(class L", "((idx tbl", "(def ev", "(def cf", "(def k"]:
        assert shape in text, shape


def test_generated_programs_run_far_and_fail_in_many_ways(tmp_path: Path):
    """Most programs run to their end and print a lot; the others fail with a spread of
    errors, some of them at the bottom of recursions more than 100 frames deep."""
    outcomes = [run_text(generate(seed).text, REFERENCE, generate(seed).options, tmp_path)
                for seed in SEEDS]
    finished = [o for o in outcomes if o[0] == 0]
    failed = [o for o in outcomes if o[0] == 70]
    assert len(finished) >= len(SEEDS) // 3
    assert len(failed) >= len(SEEDS) // 5
    assert sum(o[1].count("\n") for o in outcomes) / len(outcomes) >= 20
    messages = {o[2].split("\n")[0].split(":")[1].strip() for o in failed}
    assert len(messages) >= 5, messages
    assert any("more frames repeating" in o[2] for o in failed)


def test_differences_are_found(tmp_path: Path, monkeypatch):
    """The comparison sees a mode that behaves differently: here one whose stack is
    shallower than the program's recursion."""
    monkeypatch.setitem(golden.MODES, "shallow", dict(jit=False, max_depth=50))
    program = "(def f (n) (if (== n 0) 0 (+ 1 (f (- n 1)))))\n(print (f 80))\n"
    found = differences(program, {}, tmp_path, modes=[REFERENCE, "shallow"])
    assert set(found) == {REFERENCE, "shallow"}
    assert found[REFERENCE][:2] == (0, "80\n")
    assert found["shallow"][0] == 70 and "stack overflow" in found["shallow"][2]
    assert not differences(program, {}, tmp_path, modes=[REFERENCE, "interp"])
