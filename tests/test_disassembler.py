"""The disassembler (eva/disassembler.py) and `eva dis`: golden listings and line format.

Golden files: each tests/dis/NAME.eva has its expected `eva dis` output in tests/dis/NAME.dis,
and its `eva dis --python` output (each function's translation to Python) in NAME.translated.
The listings were checked by hand (offsets, big-endian u16 operands, jump targets in hex,
operand meanings, each instruction's source position and the source lines shown; that each
translation does what its bytecode does) before being saved.
After an intended change to the compiler, the translator or the listing format, regenerate
them from the tests/dis directory (file names must stay relative, they appear in the
headers) and review the diff before committing:

    cd tests/dis && for f in *.eva; do ../../.venv/bin/eva dis "$f" > "${f%.eva}.dis"; \
        ../../.venv/bin/eva dis --python "$f" > "${f%.eva}.translated"; done
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest

from eva.cli import main
from eva.config import Options
from eva.disassembler import disassemble, disassemble_code
from eva.errors import EvaRuntimeError
from eva.opcodes import QUICKENED
from eva.vm import VM

DIS = Path(__file__).parent / "dis"
GOLDEN = sorted(DIS.glob("*.eva"))


def test_golden_files_are_present():
    assert {p.stem for p in GOLDEN} >= {"branches", "closures", "loop", "classes"}
    for path in GOLDEN:
        assert path.with_suffix(".dis").exists(), f"{path.name} has no .dis listing"
        assert path.with_suffix(".translated").exists(), f"{path.name} has no translation"


@pytest.mark.parametrize("suffix", [".dis", ".translated"])
@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_listing(path: Path, suffix: str, monkeypatch, capsys):
    monkeypatch.chdir(DIS)
    flags = ["--python"] if suffix == ".translated" else []
    status = main(["dis", *flags, path.name])
    out, err = capsys.readouterr()
    expected = path.with_suffix(suffix).read_text()
    assert (status, err) == (0, "")
    if out != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                            f"{path.stem}{suffix} (expected)", "eva dis (got)"))
        pytest.fail(f"`eva dis {' '.join(flags)} {path.name}` differs from the golden "
                    f"listing:\n{diff}", pytrace=False)


@pytest.mark.parametrize("path", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_programs_run(path: Path):
    """The golden programs are valid Eva that runs cleanly (so the listings show real code)."""
    out = io.StringIO()
    VM(Options(jit=False), stdout=out).run(path.read_text(), path.name)
    assert out.getvalue() != ""


def test_line_format_matches_the_spec_examples():
    code = VM(Options(jit=False)).compile("(var x 5) (if (> x 3) 1 2)", "f.eva")
    lines = disassemble_code(code)
    assert lines[0] == "== <script>/0 (f.eva:1:1) =="
    assert lines[1] == f"{'0000    00 00 00          CONST                0 (5)':<61} 1:8"
    jump = next(line for line in lines if "JUMP_IF_FALSE" in line)
    raw, name, target = jump[8:26].strip(), jump.split()[4], jump.split()[5]
    assert name == "JUMP_IF_FALSE" and len(target) == 4
    assert raw == "24 " + " ".join([target[:2], target[2:]])  # big-endian u16
    # the target offset is the start of a listed instruction
    assert any(line.startswith(target + "    ") for line in lines)


def test_each_instruction_shows_its_source_line_and_column_and_each_line_its_text():
    source = "(def f (a)\n  (begin\n    (var b (* a 2))\n    (+ b 1)))\n(f 3)\n"
    code = VM(Options(jit=False)).compile(source, "f.eva")
    listing = disassemble(code, source).split("\n")
    start = listing.index("== f/1 (f.eva:1:1) ==")
    body = listing[start + 1:listing.index("", start)]
    assert body[0] == "; 3:     (var b (* a 2))"
    multiply = next(line for line in body if " MUL " in line)
    assert multiply.split()[-1] == "3:12"  # the `(* a 2)`
    add = next(line for line in body if " ADD " in line)
    assert add.split()[-1] == "4:5"
    assert "; 4:     (+ b 1)))" in body[body.index(multiply):body.index(add)]
    # without the source, positions only
    assert not any(line.startswith(";") for line in disassemble(code).split("\n"))


def test_a_fused_instruction_has_its_first_instruction_s_position():
    """`(< n "a")` in a condition fuses with the jump; its type error is the comparison's."""
    code = VM(Options(jit=False)).compile("(def f (n)\n  (if (< n 1) 1 2))", "f.eva")
    function = code.children()[0]
    fused = next(line for line in disassemble_code(function) if "JUMP_IF_NOT_LT" in line)
    assert fused.split()[-1] == "2:7"
    vm = VM(Options(jit=False), stdout=io.StringIO())
    with pytest.raises(EvaRuntimeError) as error:
        vm.run('(def g (n)\n  (if (< n "a") 1 2))\n(g 3)', "g.eva")
    assert "at g (g.eva:2:7)" in error.value.render()


def test_dis_shows_the_compiled_code_not_quickened_forms():
    vm = VM(Options(jit=False), stdout=io.StringIO())
    code = vm.compile("(def f (a b) (+ (* a b) (- a b))) (var i 0) "
                      "(while (< i 50) (begin (f i 2) (f 1.5 i) (set i (+ i 1)))) i")
    before = disassemble(code)
    assert vm.run_code(code) == 50
    function = next(c for c in code.children() if c.name == "f")
    assert any(op in QUICKENED for op, _ in function.insns) or \
        any(op in QUICKENED for op, _ in code.insns), "nothing was quickened"
    assert disassemble(code) == before
    assert "_INT" not in before and "INT_BINARY" not in before


def test_nested_code_objects_outermost_first_separated_by_blank_lines():
    code = VM(Options(jit=False)).compile("(def a () (lambda () (lambda () 1))) (def b () 2)")
    headers = [line for line in disassemble(code).split("\n") if line.startswith("==")]
    assert [h.split()[1] for h in headers] == ["<script>/0", "a/0", "b/0", "lambda/0", "lambda/0"]
    assert disassemble(code).count("\n\n==") == 4
    assert disassemble(code).split("\n")[-2].split()[2] == "RETURN"


def test_dis_compile_error_and_missing_file(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("bad.eva").write_text("(print\n  (+ 1))\n")
    assert main(["dis", "bad.eva"]) == 65
    out, err = capsys.readouterr()
    assert out == ""
    assert err.split("\n")[:3] == ["bad.eva:2:3: error: operands: '+' takes exactly 2 operands, got 1",
                                   "      (+ 1))", "      ^"]
    assert main(["dis", "missing.eva"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "cannot read missing.eva" in err
