"""Codegen: LLVM IR text to optimized IR and machine code. The only user of LLVM (through
llvm.py, which calls llvmlite's library without importing llvmlite.binding where it can)."""

from __future__ import annotations

from eva.jit import llvm
from eva.jit.slots import bind_slots, slot_symbol

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

SHARED_OPT_LEVEL = 0
"""Code generation's level for the process's shared code (support.py): hand-written IR on
cold paths, where codegen's fixed cost per module is what counts (0.5 ms at level 0 against
1.5 ms at level 1 for an empty function, on the development machine)."""

UNITS_PER_ENGINE = 16
"""Units whose machine code one MCJIT engine holds. Machine code is freed by disposing of its
engine, so a unit no longer needed (invalidated, or its function gone) can give its memory
back only with the others of its engine: with one engine for all, a REPL redefining a hot
function grew without bound. A new engine costs its target machine's set-up, 0.3-0.45 ms,
once per this many units."""


class EngineGroup:
    """An engine and the units compiled into it, freed with the last one released once no
    more are added."""

    def __init__(self, opt_level: int = OPT_LEVEL):
        self.engine = llvm.Engine(llvm.TargetMachine(opt_level, jit=True))
        self.added = 0
        self.released = 0

    def release(self) -> None:
        self.released += 1
        if self.released == UNITS_PER_ENGINE:
            self.engine.dispose()


class CompiledModule:
    """A unit compiled by MCJIT: its functions' addresses, where its slots are, and its IR
    before and after the passes."""

    from_cache = False  # (cache.LoadedModule: True)

    def __init__(self, addresses: dict, slot_addresses: dict, pre_ir: str,
                 post_ir: str | None, compiler: NativeCompiler, group: EngineGroup):
        self.addresses = addresses            # symbol -> address
        self.slot_addresses = slot_addresses  # slot symbol -> the slot's address
        self.pre_ir = pre_ir
        self._post_ir = post_ir
        self.compiler = compiler
        self.group = group

    @property
    def post_ir(self) -> str:
        """The optimized IR: kept from the compilation when asked to, else made again from
        the IR before the passes (the same passes on the same input give the same text)."""
        if self._post_ir is None:
            self._post_ir = str(self.compiler.optimized(self.pre_ir))
        return self._post_ir

    def bind(self, addresses: dict) -> None:
        """Fill the module's slots (lowering.Lowerer.slot) with the addresses they stand for."""
        bind_slots(self.slot_addresses.__getitem__, addresses)

    def release(self) -> None:
        """Nothing will run this code again: its engine may free it (EngineGroup)."""
        if self.group is not None:
            self.group.release()
            self.group = None


class NativeCompiler:
    """Optimizes and compiles IR text to machine code with MCJIT.

    One target machine serves the passes and `eva ir`, and each engine group another for its
    code generation (UNITS_PER_ENGINE units an engine). A new machine and engine for each unit
    made LLVM set up the target (subtarget, lowering tables) again each time: 0.3-0.45 ms a
    unit. An engine generates a module's code and gives the module back (Engine.remove): its IR
    is freed at once, and only the code stays."""

    def __init__(self):
        self.target_machine = llvm.TargetMachine(OPT_LEVEL, jit=True)
        self.group = EngineGroup()

    def assembly(self, post_ir: str) -> str:
        return self.target_machine.emit(llvm.Module(post_ir), object_code=False).decode()

    @staticmethod
    def shared_object_code(post_ir: str) -> bytes:
        """The optimized IR as a position-independent ELF object, for the code cache to link
        into a shared object (cache.py). It is compiled in an LLVM context of its own, so it
        runs on the code cache's writer thread (llvm.py serializes the calls into LLVM)."""
        module = llvm.Module(post_ir, llvm.Context())
        return llvm.TargetMachine(OPT_LEVEL, reloc="pic").emit(module, object_code=True)

    def optimized(self, ir_text: str) -> llvm.Module:
        """The module of `ir_text`, verified (a safety net against lowering bugs) and
        optimized."""
        module = llvm.Module(ir_text)
        module.verify()
        self.target_machine.optimize(module, PIPELINE)
        return module

    def compile(self, ir_text: str, names: list[str], slots: list[str],
                keep_optimized_ir: bool, shared: bool = False) -> CompiledModule:
        """The unit's machine code; `names` are the functions whose addresses the JIT needs,
        `slots` the names its slots stand for. Every unit has slots of the same names
        (`eva_depth.addr`, ...), and MCJIT's symbol table keeps the latest definition, so a
        unit's slots are looked up right after its code is generated (and before the module
        is removed from the engine). The optimized IR's text
        (0.25-0.35 ms to print) is kept only if `keep_optimized_ir`, for the code cache;
        `eva ir` and VM.jit_ir make it again if they ask for it. The `shared` code of the
        process (support.py) is verified but not optimized (it is written by hand), and gets
        an engine of its own, never disposed, at SHARED_OPT_LEVEL."""
        if shared:
            module = llvm.Module(ir_text)
            module.verify()
            group = EngineGroup(SHARED_OPT_LEVEL)
        else:
            module = self.optimized(ir_text)
            if self.group.added == UNITS_PER_ENGINE:
                self.group = EngineGroup()
            group = self.group
        post_ir = str(module) if keep_optimized_ir else None
        group.added += 1
        engine = group.engine
        engine.add(module)
        addresses = {name: engine.function_address(name) for name in names}
        slot_addresses = {symbol: engine.global_address(symbol)
                          for symbol in map(slot_symbol, slots)}
        engine.remove(module)
        missing = [name for name, address in (*addresses.items(), *slot_addresses.items())
                   if not address]
        if missing:  # MCJIT answers 0 for a symbol it lacks: never bind or call address 0
            group.release()
            raise RuntimeError(f"compiled code lacks {', '.join(missing)}")
        return CompiledModule(addresses, slot_addresses, ir_text, post_ir, self, group)
