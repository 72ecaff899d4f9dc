"""LLVM for the JIT: llvmlite's shared library, driven through one of two bindings.

The interface codegen.py uses (on the main thread, and on the code cache's writer thread for
cache.py): TargetMachine (emit, optimize), Context, Module
(parsed from IR text; verify, str), Engine (add, remove, function_address, global_address,
dispose),
default_triple, LLVMUnavailable, and lib(), the binding this process drives LLVM through,
chosen and loaded at the first call. llvmlite stays the dependency that provides LLVM either
way; the bindings differ in which Python layer calls into it.

The ctypes binding (CtypesBinding). Importing llvmlite.binding costs 25-40 ms in every process
that compiles (`python benchmarks/startup.py`): it imports importlib.resources, pathlib,
tempfile and typing to find its library, and declares the ctypes signatures of some 600
functions. Loading the library itself (`dlopen`) takes 5 ms. In a short process that import was
the largest fixed cost of the JIT, as long as compiling two units. So this binding loads the
library directly and declares only the 37 functions below: 7 ms from nothing to an MCJIT
engine. The price: these are llvmlite's C functions (LLVMPY_*, a thin layer over LLVM's C++
API), which llvmlite does not promise to keep stable, not even across patch releases, and a
wrong signature would be a crash, not an error. So this binding drives only the exact llvmlite
versions whose declarations it was checked against (SUPPORTED).

The fallback (LlvmliteBinding). With any other llvmlite, the same operations go through
llvmlite.binding, llvmlite's public API, which declares its own C functions: slower to load,
the same calls into LLVM in the same order, so the same code. A newer llvmlite (or an older
one, down to OLDEST) therefore never turns the JIT off and never gets called with a wrong
signature; it only costs the import. EVA_JIT_LLVM_BINDING=1 forces the fallback (config.llvm_binding_forced), which is
how the tests run it; `--jit-stats` says which binding a process uses and why (description()).
The choice is the process's, not a VM's: every VM of a process and the code cache's writer
thread share the one library and its lock.

Ownership. MCJIT takes over the module it is created with, the target machine, and every module
added to it; LLVM frees them with the engine (which lives as long as the process), so Python must
never free them too. The ctypes binding's objects below track that (`owned`); llvmlite.binding's
own objects track it themselves (create_mcjit_compiler and add_module mark what they hand over)
and free the rest when their last reference goes, so for the fallback disposing is their job.

Threads. The main thread compiles in the global context, the code cache's writer thread
(cache.py) in a context and with a target machine of its own, which LLVM allows; but some of
llvmlite's functions change process-wide state around their work (printing a module sets the C
locale, then restores it), so no two calls into LLVM may interleave. As llvmlite.binding does
with its own lock, the ctypes binding holds one lock (`_lock`) around each call. The fallback
relies on llvmlite.binding's lock and does not take this one as well: two locks taken in
different orders by two threads could deadlock, and one per call is all either needs. ctypes
lets go of the GIL during each call, so Python keeps running on the other thread meanwhile.
"""

from __future__ import annotations

import _thread
import ctypes
import os
import re
from ctypes import POINTER, byref, c_bool, c_char_p, c_int, c_uint64, c_void_p

from eva.config import llvm_binding_forced

SUPPORTED = ("0.50.0",)
"""The llvmlite versions whose C functions have the signatures declared in SIGNATURES, checked
against each version's own declarations (llvmlite/binding/*.py). Exact versions, not prefixes:
a patch release may change a signature. Any other version gets the fallback."""

OLDEST = (0, 46)
"""The oldest llvmlite the fallback drives: the golden corpus passes through it with 0.46 to
0.49. 0.45's llvmlite.ir writes invalid IR for a pointer to an opaque pointer (`ptr*`), which
the lowering makes (slots.py); 0.44's new pass manager lacks SROA and the always-inliner.
pyproject.toml asks for the same."""

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
"""The functions used, as the SUPPORTED versions of llvmlite declare them."""

PASSES = {"always_inliner": "AlwaysInliner", "sroa": "SROA", "instruction_combine": "InstCombine",
          "simplify_cfg": "SimplifyCFG", "loop_rotate": "LoopRotate"}
"""Module passes by the names llvmlite.binding gives them (its module pass manager's
`add_NAME_pass`), to their C functions' names."""

# llvmlite's own memory manager, which MCJIT needs on 64-bit ARM (llvmlite's choice, which
# llvmlite.binding makes the same way)
_OWN_MEMORY_MANAGER = os.uname().machine.lower() in ("arm64", "aarch64")


class LLVMUnavailable(Exception):
    """llvmlite is missing, too old for the fallback, or its library does not load."""


class _Binding:
    """What the two bindings share: how they describe themselves (`--jit-stats`)."""

    label = ""  # with the llvmlite version for {}

    def __init__(self, llvmlite, why: str = ""):
        self.description = self.label.format(llvmlite.__version__) + (f": {why}" if why else "")


class CtypesBinding(_Binding):
    """libllvmlite's functions as attributes, without the LLVMPY_ prefix, and the operations of
    the interface on the raw pointers they take and give."""

    label = "ctypes binding of llvmlite {}"

    def __init__(self, llvmlite, why: str = ""):
        super().__init__(llvmlite, why)
        if llvmlite.__version__ not in SUPPORTED:  # choose() never asks: a guard for the tests
            raise LLVMUnavailable(
                f"the ctypes binding knows the C functions of llvmlite {', '.join(SUPPORTED)}, "
                f"not {llvmlite.__version__}")
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

    def _take(self, message: c_char_p) -> str:
        """The text of a message LLVM returned, which is then freed."""
        text = (message.value or b"").decode("utf-8", "replace")
        if message:
            self.DisposeString(message)
        return text

    def default_triple(self) -> str:
        out = c_char_p()
        self.GetDefaultTargetTriple(byref(out))
        return self._take(out)

    def target_machine(self, opt: int, reloc: str, jit: bool):
        triple = self.default_triple().encode()
        error = c_char_p()
        target = self.GetTargetFromTriple(triple, byref(error))
        if not target:
            raise RuntimeError(self._take(error))
        # cpu and features empty (generic), code model "jitdefault", printmc off, as llvmlite's
        machine = self.CreateTargetMachine(target, triple, b"", b"", opt, reloc.encode(),
                                           b"jitdefault", 0, int(jit), b"")
        if not machine:
            raise RuntimeError("cannot create a target machine")
        return machine

    def emit(self, machine, module, object_code: bool) -> bytes:
        error = c_char_p()
        buffer = self.TargetMachineEmitToMemory(machine, module, int(object_code), byref(error))
        if not buffer:
            raise RuntimeError(self._take(error))
        try:
            return ctypes.string_at(self.GetBufferStart(buffer), self.GetBufferSize(buffer))
        finally:
            self.DisposeMemoryBuffer(buffer)

    def optimize(self, machine, module, passes) -> None:
        options = self.CreatePipelineTuningOptions()
        builder = self.CreatePassBuilder(machine, options)
        manager = self.CreateNewModulePassManager()
        try:
            for name in passes:
                getattr(self, f"module_Add{PASSES[name]}Pass")(manager)
            self.RunNewModulePassManager(manager, module, builder)
        finally:
            self.DisposeNewModulePassManger(manager)
            self.DisposePassBuilder(builder)
            self.DisposePipelineTuningOptions(options)

    def context(self):
        return self.ContextCreate()

    def parse(self, ir_text: str, context):
        error = c_char_p()
        module = self.ParseAssembly(context or self.GetGlobalContext(), ir_text.encode(),
                                    byref(error))
        if not module:
            raise RuntimeError(f"LLVM IR parsing error\n{self._take(error)}")  # llvmlite's text
        return module

    def verify(self, module) -> None:
        error = c_char_p()
        broken = self.VerifyModule(module, byref(error))
        message = self._take(error)
        if broken:
            raise RuntimeError(message)

    def print(self, module) -> str:
        out = c_char_p()
        self.PrintModuleToString(module, byref(out))
        return self._take(out)

    def engine(self, module, machine):
        error = c_char_p()
        engine = self.CreateMCJITCompiler(module, machine, _OWN_MEMORY_MANAGER, byref(error))
        if not engine:
            raise RuntimeError(self._take(error))
        return engine

    def add(self, engine, module) -> None:
        self.AddModule(engine, module)
        self.FinalizeObject(engine)

    def remove(self, engine, module) -> None:
        error = c_char_p()
        if self.RemoveModule(engine, module, byref(error)):
            raise RuntimeError(self._take(error))

    def dispose_engine(self, engine) -> None:
        self.DisposeExecutionEngine(engine)

    def function_address(self, engine, name: str) -> int:
        return self.GetFunctionAddress(engine, name.encode())

    def global_address(self, engine, name: str) -> int:
        return self.GetGlobalValueAddress(engine, name.encode())

    def dispose_target_machine(self, machine) -> None:
        self.DisposeTargetMachine(machine)

    def dispose_context(self, context) -> None:
        self.ContextDispose(context)

    def dispose_module(self, module) -> None:
        self.DisposeModule(module)


class LlvmliteBinding(_Binding):
    """The same operations through llvmlite.binding, on its objects (TargetMachine, ModuleRef,
    ContextRef, ExecutionEngine), for the llvmlite versions the ctypes binding was not checked
    against, OLDEST and newer. Only llvmlite's public API, as it stands from 0.45 on: no
    llvm.initialize() (it raises), the new pass manager (the only one), MCJIT."""

    label = "llvmlite.binding, llvmlite {}"

    def __init__(self, llvmlite, why: str = ""):
        super().__init__(llvmlite, why)
        version = re.match(r"(\d+)\.(\d+)", llvmlite.__version__)
        if not version or tuple(map(int, version.groups())) < OLDEST:
            raise LLVMUnavailable(f"llvmlite {llvmlite.__version__} is too old: eva needs "
                                  f"{'.'.join(map(str, OLDEST))} or newer")
        try:
            import llvmlite.binding as binding
            binding.initialize_native_target()
            binding.initialize_native_asmprinter()
        # AttributeError: a future llvmlite without these functions
        except (ImportError, OSError, RuntimeError, AttributeError) as error:
            raise LLVMUnavailable(f"cannot load llvmlite.binding: {error}") from None
        self.binding = binding

    def default_triple(self) -> str:
        return self.binding.get_default_triple()

    def target_machine(self, opt: int, reloc: str, jit: bool):
        target = self.binding.Target.from_triple(self.default_triple())
        return target.create_target_machine(opt=opt, reloc=reloc, codemodel="jitdefault",
                                            jit=jit)

    def emit(self, machine, module, object_code: bool) -> bytes:
        if object_code:
            return machine.emit_object(module)
        return machine.emit_assembly(module).encode()

    def optimize(self, machine, module, passes) -> None:
        binding = self.binding
        manager = binding.create_new_module_pass_manager()
        for name in passes:
            getattr(manager, f"add_{name}_pass")()
        options = binding.create_pipeline_tuning_options()
        manager.run(module, binding.create_pass_builder(machine, options))

    def context(self):
        return self.binding.create_context()

    def parse(self, ir_text: str, context):
        return self.binding.parse_assembly(ir_text, context)

    def verify(self, module) -> None:
        module.verify()

    def print(self, module) -> str:
        return str(module)

    def engine(self, module, machine):
        try:
            return self.binding.create_mcjit_compiler(module, machine, _OWN_MEMORY_MANAGER)
        except RuntimeError:
            # LLVM's engine builder freed both; llvmlite marks them as taken only on success
            module.detach()
            machine.detach()
            raise

    def add(self, engine, module) -> None:
        engine.add_module(module)
        engine.finalize_object()

    def remove(self, engine, module) -> None:
        engine.remove_module(module)

    def dispose_engine(self, engine) -> None:
        engine.close()

    def function_address(self, engine, name: str) -> int:
        return engine.get_function_address(name)

    def global_address(self, engine, name: str) -> int:
        return engine.get_global_value_address(name)

    def dispose(self, handle) -> None:
        """Nothing: llvmlite.binding's object frees itself when its last reference goes,
        unless an engine took it over (see Ownership above)."""

    dispose_target_machine = dispose_context = dispose_module = dispose


_lock = _thread.RLock()  # reentrant: a module's __del__ may dispose it between the steps of a call


def _locked(function, lock=_lock):
    """`function`, called with the lock held (see Threads above). The lock is bound here, not
    looked up as a global: objects freed at interpreter exit still find it."""
    def call(*arguments):
        with lock:
            return function(*arguments)
    return call


Binding = CtypesBinding | LlvmliteBinding

_chosen: Binding | LLVMUnavailable | None = None  # lib()'s answer, or why there is none


def choose():
    """The binding for the llvmlite installed, loaded (CtypesBinding or LlvmliteBinding)."""
    try:
        import llvmlite
    except ImportError as error:
        raise LLVMUnavailable(f"llvmlite is not installed ({error})") from None
    if llvm_binding_forced():
        return LlvmliteBinding(llvmlite, "forced by EVA_JIT_LLVM_BINDING")
    if llvmlite.__version__ in SUPPORTED:
        return CtypesBinding(llvmlite)
    return LlvmliteBinding(llvmlite, "not checked for the ctypes binding")


def lib() -> Binding:
    """The process's binding (choose), loaded and its native target initialized at the first
    call. A failure to load is remembered: every unit after the first is refused at once, for
    the same reason."""
    global _chosen
    if _chosen is None:
        try:
            _chosen = choose()
        except LLVMUnavailable as error:
            _chosen = error
    if isinstance(_chosen, LLVMUnavailable):
        raise _chosen
    return _chosen


def description() -> str:
    """Which binding the process drives LLVM through, and why, for `--jit-stats`."""
    return lib().description


def default_triple() -> bytes:
    return lib().default_triple().encode()


class _Object:
    """An LLVM object made through one binding, which it keeps: its methods and its disposal go
    through that binding whatever lib() answers later. Disposed with this Python object while
    it owns it (`_dispose` names the binding's method)."""

    _dispose = ""
    owned = False

    def __del__(self):
        if self.owned:
            getattr(self.library, self._dispose)(self.handle)


class TargetMachine(_Object):
    """The host's target machine (generic CPU, as llvmlite's default) at an optimization level
    of code generation; `reloc="pic"` for a shared object, `jit` for an MCJIT engine."""

    _dispose = "dispose_target_machine"

    def __init__(self, opt: int, reloc: str = "default", jit: bool = False):
        self.library = lib()
        self.handle = self.library.target_machine(opt, reloc, jit)
        self.owned = True  # until an engine takes it over

    def emit(self, module: Module, object_code: bool) -> bytes:
        """`module` as machine code: an ELF object, or assembly text."""
        return self.library.emit(self.handle, module.handle, object_code)

    def optimize(self, module: Module, passes) -> None:
        """Run the module passes named in `passes` (keys of PASSES), in order."""
        self.library.optimize(self.handle, module.handle, passes)


class Context(_Object):
    """An LLVM context of its own, for a thread other than the main one."""

    _dispose = "dispose_context"

    def __init__(self):
        self.library = lib()
        self.handle = self.library.context()
        self.owned = True


class Module(_Object):
    """A module parsed from IR text; disposed with this object unless an engine took it.
    A module in a Context keeps that context alive."""

    _dispose = "dispose_module"

    def __init__(self, ir_text: str, context: Context | None = None):
        self.context = context
        self.library = context.library if context else lib()
        self.handle = self.library.parse(ir_text, context.handle if context else None)
        self.owned = True

    def verify(self) -> None:
        self.library.verify(self.handle)

    def __str__(self) -> str:
        return self.library.print(self.handle)


class Engine:
    """An MCJIT engine: it takes over its target machine and the modules added to it, and
    keeps their machine code for as long as it lives; disposing of it frees that code."""

    def __init__(self, machine: TargetMachine):
        self.library = machine.library
        # LLVM's engine builder owns the machine and the (empty) first module from here, even
        # if it fails: never freed twice
        machine.owned = False
        self.handle = self.library.engine(self.library.parse("", None), machine.handle)
        self.machine = machine

    def add(self, module: Module) -> None:
        """Add `module` and generate its machine code."""
        self.library.add(self.handle, module.handle)
        module.owned = False

    def remove(self, module: Module) -> None:
        """Take `module` back once its machine code is made and its addresses known: the
        code stays where it is, and the module (its IR, many times the code's size) is freed
        with the Python object."""
        self.library.remove(self.handle, module.handle)
        module.owned = True

    def dispose(self) -> None:
        """Free the engine, its target machine and the machine code of every module added."""
        if self.handle is not None:
            self.library.dispose_engine(self.handle)
            self.handle = None

    def function_address(self, name: str) -> int:
        return self.library.function_address(self.handle, name)

    def global_address(self, name: str) -> int:
        return self.library.global_address(self.handle, name)
