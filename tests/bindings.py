"""Choosing, within one test, which of eva/jit/llvm.py's two bindings drives LLVM."""

from __future__ import annotations


def drive_llvm_through(kind: str, monkeypatch) -> object:
    """Make eva/jit/llvm.py's binding of class `kind` ("ctypes" or "llvmlite.binding") the one
    llvm.lib() answers for the rest of the test, as the llvmlite version or
    EVA_JIT_LLVM_BINDING choose it for a process; returns it. LLVM objects made meanwhile keep
    their binding after the test (llvm._Object)."""
    import llvmlite

    from eva.jit import llvm
    binding = {"ctypes": llvm.CtypesBinding, "llvmlite.binding": llvm.LlvmliteBinding}[kind]
    chosen = binding(llvmlite)
    monkeypatch.setattr(llvm, "_chosen", chosen)
    return chosen
