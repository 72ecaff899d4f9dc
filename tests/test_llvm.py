"""eva/jit/llvm.py, the ctypes binding of llvmlite's library: each operation the JIT relies on,
and LLVM's own messages when the IR is wrong (a lowering bug must read as one)."""

from __future__ import annotations

import ctypes

import pytest

from eva.jit import llvm

ADD_ONE = "define i64 @add_one(i64 %a) {\nentry:\n  %b = add i64 %a, 1\n  ret i64 %b\n}\n"


def test_a_module_compiled_by_the_engine_runs():
    machine = llvm.TargetMachine(1, jit=True)
    engine = llvm.Engine(machine)
    module = llvm.Module(ADD_ONE)
    module.verify()
    machine.optimize(module, ["sroa", "instruction_combine", "simplify_cfg"])
    engine.add(module)
    add_one = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)(engine.function_address("add_one"))
    assert add_one(41) == 42
    assert engine.function_address("no_such_function") == 0


def test_a_compiled_unit_lacking_a_symbol_is_an_error_not_address_zero():
    """MCJIT answers 0 for a name it does not have; binding or calling that would crash."""
    from eva.jit.codegen import NativeCompiler
    compiler = NativeCompiler()
    assert compiler.compile(ADD_ONE, ["add_one"], [], False).addresses["add_one"] != 0
    with pytest.raises(RuntimeError, match="compiled code lacks entry_9"):
        compiler.compile(ADD_ONE.replace("add_one", "add_two"), ["add_two", "entry_9"], [],
                         False)


def test_modules_print_as_ir_and_emit_assembly_and_objects():
    module = llvm.Module(ADD_ONE)
    assert "define i64 @add_one(i64 %a)" in str(module)
    machine = llvm.TargetMachine(1, reloc="pic")
    assert "add_one:" in machine.emit(module, object_code=False).decode()
    assert machine.emit(module, object_code=True).startswith(b"\x7fELF")


def test_a_module_in_a_context_of_its_own():
    module = llvm.Module(ADD_ONE, llvm.Context())
    assert "@add_one" in str(module)


def test_ir_that_does_not_parse_gives_llvms_message_with_its_position():
    with pytest.raises(RuntimeError) as caught:
        llvm.Module("define i64 @f() {\nentry:\n  ret i32 0\n}\n")
    assert str(caught.value).startswith("LLVM IR parsing error\n<string>:3:7: error: value "
                                        "doesn't match function result type 'i64'")


def test_ir_that_parses_but_is_invalid_fails_verification_with_llvms_message():
    module = llvm.Module("define i64 @f(i1 %c) {\nentry:\n  br i1 %c, label %a, label %b\n"
                         "a:\n  %y = add i64 1, 1\n  br label %b\nb:\n  ret i64 %y\n}\n")
    with pytest.raises(RuntimeError, match="Instruction does not dominate all uses!"):
        module.verify()


def test_the_versions_llvm_py_knows_are_the_versions_pyproject_installs():
    """llvm.py declares llvmlite 0.50's C signatures; pip must not install another llvmlite."""
    import re
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    [requirement] = [r for r in project["project"]["dependencies"] if r.startswith("llvmlite")]
    low, high = re.fullmatch(r"llvmlite>=(\d+\.\d+),<(\d+\.\d+)", requirement).groups()
    minor = int(low.split(".")[1])
    assert high == f"0.{minor + 1}" and llvm.SUPPORTED == (f"{low}.",)
