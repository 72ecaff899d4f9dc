"""LLVM, called through llvmlite's shared library with ctypes: the 37 functions the JIT uses.

Why not llvmlite.binding. Importing it costs 25-40 ms in every process that compiles
(`python benchmarks/startup.py`): it imports importlib.resources, pathlib, tempfile and typing
to find its library, and declares the ctypes signatures of some 600 functions. Loading the
library itself (`dlopen`) takes 5 ms. In a short process that import was the largest fixed
cost of the JIT, as long as compiling two units. Here the library is loaded directly and only
the functions below are declared: 7 ms from nothing to an MCJIT engine.

The price. These are llvmlite's C functions (LLVMPY_*, a thin layer over LLVM's C++ API), which
llvmlite does not promise to keep stable between versions; a wrong signature would be a crash,
not an error. So this module loads only the llvmlite versions it was checked against
(SUPPORTED, the same range pyproject.toml asks for). Any other version is refused with the
reason, and the JIT leaves every function in the interpreter. llvmlite stays the dependency
that provides LLVM; only its Python layer is not loaded.

Threads. As llvmlite does, every call into LLVM holds one lock. The main thread compiles in the
global context, the code cache's writer thread (cache.py) in a context and with a target
machine of its own, which LLVM allows; but some of llvmlite's functions change process-wide
state around their work (printing a module sets the C locale, then restores it), so calls from
the two threads are never interleaved. ctypes lets go of the GIL during each call, so Python
keeps running on the other thread meanwhile.
"""

from __future__ import annotations

import _thread
import ctypes
import os
from ctypes import POINTER, byref, c_bool, c_char_p, c_int, c_uint64, c_void_p

SUPPORTED = ("0.50.",)
"""llvmlite version prefixes whose C functions have the signatures declared below."""

_P = c_void_p  # every LLVM object is an opaque pointer
_OUT = POINTER(c_char_p)  # a message LLVM allocates, freed with LLVMPY_DisposeString

SIGNATURES = {
    # name: (result type, argument types)
    "InitializeNativeTarget": (None, ()),
    "InitializeNativeAsmPrinter": (None, ()),
    "GetDefaultTargetTriple": (None, (_OUT,)),
    "GetTargetFromTriple": (_P, (c_char_p, _OUT)),
    # target, triple, cpu, features, opt level, reloc, code model, printmc, jit, abi name
    "CreateTargetMachine": (_P, (_P, c_char_p, c_char_p, c_char_p, c_int, c_char_p, c_char_p,
                                 c_int, c_int, c_char_p)),
    "DisposeTargetMachine": (None, (_P,)),
    "GetGlobalContext": (_P, ()),
    "ContextCreate": (_P, ()),
    "ContextDispose": (None, (_P,)),
    "ParseAssembly": (_P, (_P, c_char_p, _OUT)),
    "VerifyModule": (c_bool, (_P, _OUT)),
    "PrintModuleToString": (None, (_P, _OUT)),
    "DisposeModule": (None, (_P,)),
    "DisposeString": (None, (c_char_p,)),
    "CreatePipelineTuningOptions": (_P, ()),
    "DisposePipelineTuningOptions": (None, (_P,)),
    "CreatePassBuilder": (_P, (_P, _P)),
    "DisposePassBuilder": (None, (_P,)),
    "CreateNewModulePassManager": (_P, ()),
    "DisposeNewModulePassManger": (None, (_P,)),  # sic: llvmlite's spelling
    "RunNewModulePassManager": (None, (_P, _P, _P)),
    "module_AddAlwaysInlinerPass": (None, (_P,)),
    "module_AddSROAPass": (None, (_P,)),
    "module_AddInstCombinePass": (None, (_P,)),
    "module_AddSimplifyCFGPass": (None, (_P,)),
    "module_AddLoopRotatePass": (None, (_P,)),
    "CreateMCJITCompiler": (_P, (_P, _P, c_bool, _OUT)),
    "AddModule": (None, (_P, _P)),
    "RemoveModule": (c_bool, (_P, _P, _OUT)),
    "DisposeExecutionEngine": (None, (_P,)),
    "FinalizeObject": (None, (_P,)),
    "GetFunctionAddress": (c_uint64, (_P, c_char_p)),
    "GetGlobalValueAddress": (c_uint64, (_P, c_char_p)),
    "TargetMachineEmitToMemory": (_P, (_P, _P, c_int, _OUT)),
    "GetBufferStart": (c_void_p, (_P,)),
    "GetBufferSize": (ctypes.c_size_t, (_P,)),
    "DisposeMemoryBuffer": (None, (_P,)),
}
"""The functions used, as llvmlite 0.50 declares them (llvmlite/binding/*.py)."""

PASSES = {"always_inliner": "AlwaysInliner", "sroa": "SROA", "instruction_combine": "InstCombine",
          "simplify_cfg": "SimplifyCFG", "loop_rotate": "LoopRotate"}
"""Module passes by the names llvmlite.binding gives them, to their C functions' names."""


class LLVMUnavailable(Exception):
    """llvmlite is missing, of a version this module does not know, or its library is broken."""


class _Library:
    """libllvmlite's functions as attributes, without the LLVMPY_ prefix."""

    def __init__(self):
        try:
            import llvmlite
        except ImportError as error:
            raise LLVMUnavailable(f"llvmlite is not installed ({error})") from None
        version = llvmlite.__version__
        if not version.startswith(SUPPORTED):
            raise LLVMUnavailable(
                f"llvmlite {version} is not supported: eva calls llvmlite's C functions "
                f"directly and knows their signatures in llvmlite {', '.join(SUPPORTED)}x only")
        from llvmlite.utils import get_library_name  # os and sys only: no cost
        path = os.path.join(os.path.dirname(llvmlite.__file__), "binding", get_library_name())
        try:
            library = ctypes.CDLL(path)
            for name, (result, arguments) in SIGNATURES.items():
                function = library[f"LLVMPY_{name}"]
                function.restype = result
                function.argtypes = arguments
                setattr(self, name, _locked(function))
        except (OSError, AttributeError) as error:
            raise LLVMUnavailable(f"cannot load {path}: {error}") from None
        self.InitializeNativeTarget()
        self.InitializeNativeAsmPrinter()


_lock = _thread.RLock()  # reentrant: a module's __del__ may dispose it between the steps of a call


def _locked(function):
    """`function`, called with the lock held (see Threads above)."""
    def call(*arguments):
        with _lock:
            return function(*arguments)
    return call


_library: _Library | None = None
_failure: LLVMUnavailable | None = None


def lib() -> _Library:
    """The library, loaded and its native target initialized at the first call (a failure
    to load is remembered: every unit after the first is refused at once, for the same
    reason)."""
    global _library, _failure
    if _library is None:
        if _failure is not None:
            raise _failure
        try:
            _library = _Library()
        except LLVMUnavailable as error:
            _failure = error
            raise
    return _library


def _take_message(message: c_char_p) -> str:
    """The text of a message LLVM returned, which is then freed."""
    text = (message.value or b"").decode("utf-8", "replace")
    if message:
        lib().DisposeString(message)
    return text


def default_triple() -> bytes:
    out = c_char_p()
    lib().GetDefaultTargetTriple(byref(out))
    return _take_message(out).encode()


class TargetMachine:
    """The host's target machine (generic CPU, as llvmlite's default) at an optimization level
    of code generation; `reloc="pic"` for a shared object, `jit` for an MCJIT engine."""

    def __init__(self, opt: int, reloc: str = "default", jit: bool = False):
        triple = default_triple()
        error = c_char_p()
        target = lib().GetTargetFromTriple(triple, byref(error))
        if not target:
            raise RuntimeError(_take_message(error))
        self.handle = lib().CreateTargetMachine(target, triple, b"", b"", opt, reloc.encode(),
                                                b"jitdefault", 0, int(jit), b"")
        if not self.handle:
            raise RuntimeError("cannot create a target machine")
        self.owned = True  # until an engine takes it over

    def __del__(self):
        if getattr(self, "owned", False) and _library is not None:
            _library.DisposeTargetMachine(self.handle)

    def emit(self, module: Module, object_code: bool) -> bytes:
        """`module` as machine code: an ELF object, or assembly text."""
        error = c_char_p()
        buffer = lib().TargetMachineEmitToMemory(self.handle, module.handle, int(object_code),
                                                 byref(error))
        if not buffer:
            raise RuntimeError(_take_message(error))
        try:
            return ctypes.string_at(lib().GetBufferStart(buffer), lib().GetBufferSize(buffer))
        finally:
            lib().DisposeMemoryBuffer(buffer)

    def optimize(self, module: Module, passes) -> None:
        """Run the module passes named in `passes` (keys of PASSES), in order."""
        library = lib()
        options = library.CreatePipelineTuningOptions()
        builder = library.CreatePassBuilder(self.handle, options)
        manager = library.CreateNewModulePassManager()
        try:
            for name in passes:
                getattr(library, f"module_Add{PASSES[name]}Pass")(manager)
            library.RunNewModulePassManager(manager, module.handle, builder)
        finally:
            library.DisposeNewModulePassManger(manager)
            library.DisposePassBuilder(builder)
            library.DisposePipelineTuningOptions(options)


class Context:
    """An LLVM context of its own, for a thread other than the main one."""

    def __init__(self):
        self.handle = lib().ContextCreate()

    def __del__(self):
        if getattr(self, "handle", None) and _library is not None:
            _library.ContextDispose(self.handle)


class Module:
    """A module parsed from IR text; disposed with this object unless an engine took it.
    A module in a Context keeps that context alive."""

    def __init__(self, ir_text: str, context: Context | None = None):
        self.context = context
        error = c_char_p()
        self.handle = lib().ParseAssembly(context.handle if context else lib().GetGlobalContext(),
                                          ir_text.encode(), byref(error))
        if not self.handle:
            raise RuntimeError(f"LLVM IR parsing error\n{_take_message(error)}")
        self.owned = True

    def __del__(self):
        if getattr(self, "owned", False) and _library is not None:
            _library.DisposeModule(self.handle)

    def verify(self) -> None:
        error = c_char_p()
        broken = lib().VerifyModule(self.handle, byref(error))
        message = _take_message(error)
        if broken:
            raise RuntimeError(message)

    def __str__(self) -> str:
        out = c_char_p()
        lib().PrintModuleToString(self.handle, byref(out))
        return _take_message(out)


class Engine:
    """An MCJIT engine: it takes over its target machine and the modules added to it, and
    keeps their machine code for as long as it lives; disposing of it frees that code."""

    def __init__(self, machine: TargetMachine):
        empty = Module("")
        error = c_char_p()
        # llvmlite's own memory manager, which MCJIT needs on 64-bit ARM (llvmlite's choice)
        own_memory_manager = os.uname().machine.lower() in ("arm64", "aarch64")
        # LLVM's engine builder owns both from here, even if it fails: never freed twice
        empty.owned = machine.owned = False
        self.handle = lib().CreateMCJITCompiler(empty.handle, machine.handle, own_memory_manager,
                                                byref(error))
        if not self.handle:
            raise RuntimeError(_take_message(error))
        self.machine = machine

    def add(self, module: Module) -> None:
        """Add `module` and generate its machine code."""
        lib().AddModule(self.handle, module.handle)
        module.owned = False
        lib().FinalizeObject(self.handle)

    def remove(self, module: Module) -> None:
        """Take `module` back once its machine code is made and its addresses known: the
        code stays where it is, and the module (its IR, many times the code's size) is freed
        with the Python object."""
        error = c_char_p()
        if lib().RemoveModule(self.handle, module.handle, byref(error)):
            raise RuntimeError(_take_message(error))
        module.owned = True

    def dispose(self) -> None:
        """Free the engine, its target machine and the machine code of every module added."""
        if self.handle:
            lib().DisposeExecutionEngine(self.handle)
            self.handle = None

    def function_address(self, name: str) -> int:
        return lib().GetFunctionAddress(self.handle, name.encode())

    def global_address(self, name: str) -> int:
        return lib().GetGlobalValueAddress(self.handle, name.encode())
