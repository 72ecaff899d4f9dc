"""The golden corpus (tests/lang/**/*.eva), run in every mode of golden.MODES."""

from __future__ import annotations

from pathlib import Path

import pytest

from bindings import drive_llvm_through
from golden import MODES, check, content_refusals, profiled, run_cached, run_program

LANG = Path(__file__).parent / "lang"
FILES = sorted(LANG.rglob("*.eva"))


THROUGH_LLVMLITE_BINDING = [path for path in FILES
                            if path.relative_to(LANG).parts[0] in ("numbers", "recursion", "tiers")]
"""The programs also run with LLVM driven through llvmlite.binding, as every llvmlite version
the ctypes binding was not checked against drives it (eva/jit/llvm.py): the directories whose
programs the JIT compiles most (arithmetic of every kind, calls, loops, deopts, invalidation)."""


def test_corpus_is_present():
    assert len(FILES) >= 100, "the golden corpus went missing"
    assert len(THROUGH_LLVMLITE_BINDING) >= 40


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(LANG)) for p in FILES])
def test_golden(path: Path, mode: str, tmp_path: Path):
    if mode == "jit-cache":
        outcome, problems = run_cached(path, tmp_path)
    elif mode == "jit-always":
        outcome, problems = content_refusals(path)
    elif mode == "jit-profiled":
        outcome, problems = profiled(path)
    else:
        outcome, problems = run_program(path, mode), []
    problems += check(path, outcome)
    if problems:
        from eva.disassembler import disassemble
        from eva.vm import VM
        try:
            listing = disassemble(VM(jit=False).compile(path.read_text(errors="replace"), str(path)))
        except Exception as error:  # the listing is a debugging aid only
            listing = f"(no listing: {error})"
        pytest.fail("\n".join(problems) + "\n\nbytecode:\n" + listing[:6000], pytrace=False)


@pytest.mark.parametrize("path", THROUGH_LLVMLITE_BINDING,
                         ids=[str(p.relative_to(LANG)) for p in THROUGH_LLVMLITE_BINDING])
def test_golden_through_llvmlite_binding(path: Path, monkeypatch):
    drive_llvm_through("llvmlite.binding", monkeypatch)
    problems = check(path, run_program(path, "jit-always"))
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
