"""eva/jit/llvm.py, LLVM through llvmlite's library: each operation the JIT relies on, with each
of its two bindings (the ctypes binding, and llvmlite.binding for the llvmlite versions the
ctypes binding was not checked against); LLVM's own messages when the IR is wrong (a lowering
bug must read as one); which binding a process gets; and the same code from both."""

from __future__ import annotations

import ctypes
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import eva
from bindings import drive_llvm_through
from eva.jit import llvm

ROOT = Path(__file__).parent.parent
ADD_ONE = "define i64 @add_one(i64 %a) {\nentry:\n  %b = add i64 %a, 1\n  ret i64 %b\n}\n"
BINDINGS = ("ctypes", "llvmlite.binding")


@pytest.fixture(params=BINDINGS)
def binding(request, monkeypatch):
    """The test runs once with each binding as the process's."""
    return drive_llvm_through(request.param, monkeypatch)


def test_a_module_compiled_by_the_engine_runs(binding):
    machine = llvm.TargetMachine(1, jit=True)
    engine = llvm.Engine(machine)
    module = llvm.Module(ADD_ONE)
    module.verify()
    machine.optimize(module, ["sroa", "instruction_combine", "simplify_cfg"])
    engine.add(module)
    add_one = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(engine.function_address("add_one"))
    assert add_one(41) == 42
    assert engine.function_address("no_such_function") == 0
    assert machine.library is engine.library is module.library is binding


def test_every_pass_of_the_pipeline_exists_and_runs(binding):
    from eva.jit.codegen import PIPELINE
    module = llvm.Module(ADD_ONE)
    llvm.TargetMachine(1).optimize(module, PIPELINE)
    assert "add i64 %a, 1" in str(module)


def test_a_compiled_unit_lacking_a_symbol_is_an_error_not_address_zero(binding):
    """MCJIT answers 0 for a name it does not have; binding or calling that would crash."""
    from eva.jit.codegen import NativeCompiler
    compiler = NativeCompiler()
    assert compiler.compile(ADD_ONE, ["add_one"], [], False).addresses["add_one"] != 0
    with pytest.raises(RuntimeError, match="compiled code lacks entry_9"):
        compiler.compile(ADD_ONE.replace("add_one", "add_two"), ["add_two", "entry_9"], [],
                         False)


def test_modules_print_as_ir_and_emit_assembly_and_objects(binding):
    module = llvm.Module(ADD_ONE)
    assert "define i64 @add_one(i64 %a)" in str(module)
    machine = llvm.TargetMachine(1, reloc="pic")
    assert "add_one:" in machine.emit(module, object_code=False).decode()
    assert machine.emit(module, object_code=True).startswith(b"\x7fELF")


def test_a_module_in_a_context_of_its_own(binding):
    module = llvm.Module(ADD_ONE, llvm.Context())
    assert "@add_one" in str(module)
    assert module.library is binding


def test_ir_that_does_not_parse_gives_llvms_message_with_its_position(binding):
    with pytest.raises(RuntimeError) as caught:
        llvm.Module("define i64 @f() {\nentry:\n  ret i32 0\n}\n")
    assert str(caught.value).startswith("LLVM IR parsing error\n<string>:3:7: error: value "
                                        "doesn't match function result type 'i64'")


def test_ir_that_parses_but_is_invalid_fails_verification_with_llvms_message(binding):
    module = llvm.Module("define i64 @f(i1 %c) {\nentry:\n  br i1 %c, label %a, label %b\n"
                         "a:\n  %y = add i64 1, 1\n  br label %b\nb:\n  ret i64 %y\n}\n")
    with pytest.raises(RuntimeError, match="Instruction does not dominate all uses!"):
        module.verify()


def test_the_ctypes_binding_is_chosen_for_the_versions_it_knows_and_can_be_ruled_out(monkeypatch):
    import llvmlite
    monkeypatch.delenv("EVA_JIT_LLVM_BINDING", raising=False)
    chosen = llvm.choose()
    assert type(chosen) is llvm.CtypesBinding, (
        f"llvmlite {llvmlite.__version__} is installed, but the ctypes binding knows only "
        f"{llvm.SUPPORTED}: check its C functions' declarations against SIGNATURES, then add it")
    assert chosen.description == f"ctypes binding of llvmlite {llvmlite.__version__}"
    monkeypatch.setenv("EVA_JIT_LLVM_BINDING", "0")
    assert type(llvm.choose()) is llvm.CtypesBinding
    monkeypatch.setenv("EVA_JIT_LLVM_BINDING", "1")
    assert llvm.choose().description == (f"llvmlite.binding, llvmlite {llvmlite.__version__}: "
                                         "forced by EVA_JIT_LLVM_BINDING")


def test_any_other_llvmlite_version_gets_llvmlite_binding_even_a_patch_release(monkeypatch):
    """A patch release may change a C function's signature: only exact versions count."""
    import llvmlite
    monkeypatch.delenv("EVA_JIT_LLVM_BINDING", raising=False)
    major, minor, patch = map(int, llvm.SUPPORTED[-1].split("."))
    for version in (f"{major}.{minor}.{patch + 1}", f"{major}.{minor + 1}.0"):
        monkeypatch.setattr(llvmlite, "__version__", version)
        chosen = llvm.choose()
        assert type(chosen) is llvm.LlvmliteBinding
        assert chosen.description == (f"llvmlite.binding, llvmlite {version}: not checked for "
                                      "the ctypes binding")
        with pytest.raises(llvm.LLVMUnavailable, match=f"not {version}"):
            llvm.CtypesBinding(llvmlite)  # and the ctypes binding refuses it by itself


def test_an_llvmlite_older_than_the_oldest_tested_is_refused_with_the_reason(monkeypatch):
    import llvmlite
    monkeypatch.setattr(llvmlite, "__version__", "0.45.1")
    with pytest.raises(llvm.LLVMUnavailable,
                       match=r"^llvmlite 0\.45\.1 is too old: eva needs 0\.46 or newer$"):
        llvm.choose()


def quick_source(path: Path) -> str:
    """A program's text, at its quick size if it is a benchmark (`// quick: N`)."""
    text = path.read_text()
    quick = re.search(r"^// quick: (\d+)$", text, re.M)
    return re.sub(r"\(var SIZE \d+\)", f"(var SIZE {quick.group(1)})", text) if quick else text


PROGRAMS = sorted((ROOT / "tests" / "ir").glob("*.eva")) + [
    ROOT / "benchmarks" / "programs" / f"{name}.eva" for name in ("fib", "loop", "mandelbrot")]


@pytest.mark.parametrize("path", PROGRAMS, ids=[p.stem for p in PROGRAMS])
def test_both_bindings_compile_a_program_to_the_same_code(path, monkeypatch):
    """The same IR through the same passes and target machine: the same optimized IR and
    assembly, and the same output."""
    runs = []
    for kind in BINDINGS:
        binding = drive_llvm_through(kind, monkeypatch)
        out = io.StringIO()
        vm = eva.VM(stdout=out, jit_always=True, jit_strict=True, jit_cache=False,
                    jit_keep_ir=True)
        vm.run(quick_source(path), str(path))
        assert vm.jit.backend.compiler.group.engine.library is binding
        runs.append((out.getvalue(), vm.jit_ir(stage="post"), vm.jit_ir(stage="asm")))
    through_ctypes, through_llvmlite_binding = runs
    assert through_ctypes[1], "nothing was compiled"
    assert through_llvmlite_binding == through_ctypes


def eva_command(*arguments: str, forced: str | None = None) -> subprocess.CompletedProcess:
    environ = {name: value for name, value in os.environ.items()
               if name != "EVA_JIT_LLVM_BINDING"}
    if forced is not None:
        environ["EVA_JIT_LLVM_BINDING"] = forced
    return subprocess.run([sys.executable, "-m", "eva", *arguments], capture_output=True,
                          text=True, env=environ, check=True)


def test_eva_ir_prints_the_same_assembly_with_the_fallback_forced():
    program = str(ROOT / "tests" / "ir" / "square.eva")
    ctypes_asm = eva_command("ir", program, "--stage", "asm").stdout
    assert "; ==== sq(int) -> int : asm ====" in ctypes_asm and "\tret" in ctypes_asm
    assert eva_command("ir", program, "--stage", "asm", forced="1").stdout == ctypes_asm


@pytest.mark.parametrize("forced, binding", [(None, r"ctypes binding of llvmlite [\d.]+"),
                                             ("1", r"llvmlite\.binding, llvmlite [\d.]+: "
                                                   r"forced by EVA_JIT_LLVM_BINDING")])
def test_jit_stats_say_which_binding_loaded_llvm(forced, binding):
    result = eva_command("run", "--jit-always", "--no-jit-cache", "--jit-stats",
                         str(ROOT / "tests" / "ir" / "half.eva"), forced=forced)
    assert result.stdout == "2.5\n"
    assert re.search(rf"ms loading LLVM \({binding}\), ", result.stderr), result.stderr


def test_pyproject_asks_for_the_llvmlite_versions_eva_was_checked_with():
    """From the oldest the fallback was tested with to the newest the ctypes binding knows:
    pip installs the newest in the range, so by default the fast binding."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    [requirement] = [r for r in project["project"]["dependencies"] if r.startswith("llvmlite")]
    low, high = re.fullmatch(r"llvmlite>=(\d+\.\d+),<(\d+\.\d+)", requirement).groups()

    def version(text):
        return tuple(map(int, text.split(".")))

    newest = max(map(version, llvm.SUPPORTED))
    assert all(version(low) <= version(known) < version(high) for known in llvm.SUPPORTED)
    assert version(high) == (newest[0], newest[1] + 1)
    assert version(low) == llvm.OLDEST  # the oldest the fallback accepts
