"""Codegen: LLVM IR text to optimized IR and machine code. The only module that imports
llvmlite.binding (see JIT-NOTES.md for the API facts of llvmlite 0.50 this follows)."""

from __future__ import annotations

import llvmlite.binding as llvm

from eva.jit.slots import bind_slots

OPT_LEVEL = 1
"""Code generation's optimization level (instruction selection, register allocation)."""

PIPELINE = ("always_inliner", "sroa", "instruction_combine", "simplify_cfg",
            "loop_rotate", "instruction_combine", "simplify_cfg")
"""The IR passes, in order. The lowering already emits what a bigger pipeline would find
(unboxed values, direct calls, one deopt block), so what is left is: inline the
self-recursive copy, turn the allocas into SSA values (sroa), fold the guards' arithmetic and
the boxing around calls (instcombine), merge the blocks the bytecode's jumps left
(simplifycfg), and rotate loops so their test sits at the bottom. This runs in about a third
of the time of LLVM's default O1 pipeline, and fib, loop and mandelbrot run as fast
(measured in one process, alternating the two)."""

_initialized = False


def _initialize() -> None:
    global _initialized
    if not _initialized:
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        _initialized = True


class CompiledModule:
    """A unit compiled by MCJIT: its functions' addresses and its IR before and after the
    passes."""

    def __init__(self, addresses: dict, pre_ir: str, post_ir: str, engine):
        self.addresses = addresses  # symbol -> address
        self.pre_ir = pre_ir
        self.post_ir = post_ir
        self.engine = engine        # keeps the machine code alive

    def bind(self, addresses: dict) -> None:
        """Fill the module's slots (lowering.Lowerer.slot) with the addresses they stand for."""
        bind_slots(self.engine.get_global_value_address, addresses)


class NativeCompiler:
    """Optimizes and compiles IR text to machine code with MCJIT, one engine per unit."""

    def __init__(self):
        _initialize()
        self.target_machine = self.new_target_machine()  # for the pass pipeline and `eva ir`

    @staticmethod
    def new_target_machine():
        return llvm.Target.from_default_triple().create_target_machine(opt=OPT_LEVEL, jit=True)

    def assembly(self, post_ir: str) -> str:
        return self.target_machine.emit_assembly(llvm.parse_assembly(post_ir))

    @staticmethod
    def shared_object_code(post_ir: str) -> bytes:
        """The optimized IR as a position-independent ELF object, for the code cache to link
        into a shared object (cache.py). It is compiled in an LLVM context of its own, so it
        may run on another thread while this one compiles the next unit (llvmlite takes a
        lock around each call into LLVM, and ctypes lets go of the GIL during it)."""
        module = llvm.parse_assembly(post_ir, context=llvm.create_context())
        machine = llvm.Target.from_default_triple().create_target_machine(opt=OPT_LEVEL,
                                                                          reloc="pic")
        return machine.emit_object(module)

    def optimize(self, module) -> None:
        tuning = llvm.create_pipeline_tuning_options(speed_level=OPT_LEVEL)
        builder = llvm.create_pass_builder(self.target_machine, tuning)
        passes = llvm.create_new_module_pass_manager()
        for name in PIPELINE:
            getattr(passes, f"add_{name}_pass")()
        passes.run(module, builder)

    def compile(self, ir_text: str, names: list[str]) -> CompiledModule:
        module = llvm.parse_assembly(ir_text)
        module.verify()
        self.optimize(module)
        post_ir = str(module)
        # the engine takes ownership of its target machine: each engine gets its own
        engine = llvm.create_mcjit_compiler(module, self.new_target_machine())
        engine.finalize_object()
        addresses = {name: engine.get_function_address(name) for name in names}
        return CompiledModule(addresses, ir_text, post_ir, engine)
