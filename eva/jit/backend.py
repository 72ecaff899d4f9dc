"""The backend: what turns an analyzed unit into native code the interpreter can call.

tierup.py decides what to compile and keeps the books, and analysis.py decides whether it can
be compiled. Everything after that lives here, and is imported only when the first unit of a
process passes analysis: the runtime that native code calls back into (its counters and
functions), the symbols compiled code's slots are bound to, the lowering, LLVM and the code
cache. A hot program whose code the JIT refuses (too large to compile) never imports any of
it, nor ctypes: 2.6 ms of such a process (`python -c 'import eva.cli, eva.jit.tierup'` against
`import eva.cli, eva.jit.analysis`, medians of 21).
"""

from __future__ import annotations

import ctypes
import time
import weakref

from eva.jit import support
from eva.jit.analysis import NotCompilable
from eva.jit.cache import CodeCache
from eva.jit.environment import Environment
from eva.jit.llvm import LLVMUnavailable
from eva.jit.layout import LayoutMismatch, layout
from eva.jit.runtime import Runtime, make_builtin


MAX_UNIT_IR_BYTES = 1_000_000
"""IR beyond which a lowered unit is not handed to LLVM, whose time grows with it: the second
line of the compile-time budget, after analysis.MAX_UNIT_INSTRUCTIONS, for a unit whose
instructions lower to more IR than the worst case measured there (a unit at that limit makes
about 200 KB)."""


def release_code(compiled, valid) -> None:
    """A unit's entry is gone: free its machine code. (`valid`, the word that code reads before
    anything else, was kept alive with the entry until now.)"""
    compiled.release()


class Backend:
    """The native side of one JIT."""

    def __init__(self, jit):
        try:
            self.layout = layout()  # before anything native: a Python it cannot run on
        except LayoutMismatch as error:
            raise NotCompilable(f"native code cannot run on this Python: {error}") from None
        self.jit = jit
        self.stats = jit.stats
        self.runtime = Runtime(jit)
        self.symbols = self.runtime.symbols()  # name -> address, for compiled code's slots
        self.cell_symbols: dict = {}    # GlobalCell -> its symbol in compiled code
        self.cache = CodeCache(jit.options.jit_cache_dir, jit.log) if jit.options.jit_cache \
            else None
        self._compiler = None
        self._lower = None
        self.support_ready = False

    @property
    def compiler(self):
        """LLVM, loaded when the first unit that passed analysis is not in the code cache:
        a program whose units all load from the cache never pays for loading and
        initializing LLVM (llvm.py)."""
        if self._compiler is None:
            loading = time.perf_counter()
            from eva.jit.codegen import NativeCompiler
            self._compiler = NativeCompiler()
            self.stats.llvm_load_seconds += time.perf_counter() - loading
        return self._compiler

    def lower(self, typed, env):
        """The unit's IR (lowering.lower). Its module imports llvmlite.ir, at the first unit
        that passes analysis; like loading LLVM that is counted once, not in the unit's time."""
        if self._lower is None:
            loading = time.perf_counter()
            from eva.jit.lowering import lower
            self._lower = lower
            self.stats.import_seconds += time.perf_counter() - loading
        return self._lower(typed, env)

    def build(self, unit, typed):
        """Lower `unit` (analyzed as `typed`), get its machine code and make its entry
        builtin; returns the lowered unit. LLVM that cannot be loaded is a refusal
        (NotCompilable), like code analysis refuses."""
        unit.valid = ctypes.c_int64(1)
        valid_symbol = f"valid_{unit.id}"
        self.symbols[valid_symbol] = ctypes.addressof(unit.valid)
        runtime = self.runtime
        env = Environment(
            unit_id=unit.id, valid_symbol=valid_symbol,
            new_deopt_id=lambda *fields: runtime.new_deopt_point(unit, *fields),
            new_site_id=lambda c, pc, site: runtime.new_site(unit, c, pc, site),
            direct_callee=self.jit.direct_callee, deopt_every=self.jit.options.deopt_every,
            fail_guard=self.jit.options.fail_guard, next_id=lambda: runtime.next_id,
            global_cell_symbol=self.global_cell_symbol, layout=self.layout,
            constant_symbol=lambda obj: self.constant_symbol(unit, obj),
            site_words_symbol=lambda site: self.site_words_symbol(unit, site))
        lowered = self.lower(typed, env)
        if len(lowered.ir_text) > MAX_UNIT_IR_BYTES:
            raise NotCompilable(f"too large to compile: {len(lowered.ir_text)} bytes of IR (the "
                                f"limit is {MAX_UNIT_IR_BYTES})")
        try:
            names = [lowered.fn_name, lowered.entry_name] + \
                ([lowered.call_entry_name] if lowered.call_entry_name else [])
            compiled = self.machine_code(lowered.ir_text, names, lowered.slots, label=unit.label)
            if not self.support_ready:  # first unit: the shared code its slots point to
                self.support_ready = True
                making = time.perf_counter()
                self.symbols.update(support.load(self.machine_code))
                self.stats.shared_seconds += time.perf_counter() - making
        except LLVMUnavailable as error:
            raise NotCompilable(f"LLVM unavailable: {error}") from None
        unit.compiled = compiled
        unit.typed = typed
        unit.fn_symbol = lowered.fn_name
        compiled.bind({name: self.symbols[name] for name in lowered.slots})
        self.symbols[lowered.fn_name] = compiled.addresses[lowered.fn_name]
        unit.entry = make_builtin(f"eva:{unit.code.name}", compiled.addresses[lowered.entry_name])
        if lowered.call_entry_name:  # (what call caches call: callcache.py)
            unit.call_entry_address = compiled.addresses[lowered.call_entry_name]
        # The machine code lives as long as its entry: a reference to the entry left anywhere
        # (a local variable of the interpreter's) can only call code that is there, and that
        # code, invalidated, refuses to run (its validity word) and sends the call back.
        weakref.finalize(unit.entry, release_code, compiled, unit.valid).atexit = False
        if self.jit.vm.profiler is not None:  # entered through a frame the profiler sees
            from eva.profiler import native_entry
            unit.entry = native_entry(unit.entry, unit)
        return lowered

    def release(self, unit, keep_ir: bool) -> None:
        """Free a unit that will never run again: its deopt points and call sites, its symbols,
        its entry and with it its machine code (codegen.EngineGroup, or the library loaded
        from the cache: see `build`); its IR and its typed code too, unless `keep_ir`."""
        self.runtime.forget(unit)
        self.symbols.pop(f"valid_{unit.id}", None)
        self.symbols.pop(unit.fn_symbol, None)
        for index in range(len(unit.constants)):
            self.symbols.pop(f"k{unit.id}_{index}", None)
        unit.entry = None
        if not keep_ir:
            unit.compiled = None
            unit.typed = None

    def machine_code(self, ir_text: str, names: list, slots: list, shared: bool = False,
                     label: str = "shared code"):
        """A module's machine code: from the code cache if it has it, else compiled by LLVM
        (and then written to the cache in the background). `names` are the functions whose
        addresses are needed, `slots` the names of its slots (slots.py); `shared` for the
        process's shared code (NativeCompiler.compile); `label` names it in the JIT log."""
        if self.cache is None:
            return self.compiler.compile(ir_text, names, slots, keep_optimized_ir=False,
                                         shared=shared)
        identity = self.cache.identity(ir_text)
        loaded = self.cache.load(identity, ir_text, names, label)
        if loaded is not None:
            return loaded
        compiled = self.compiler.compile(ir_text, names, slots, keep_optimized_ir=True,
                                         shared=shared)
        self.cache.store(identity, compiled.post_ir, label)
        return compiled

    def constant_symbol(self, unit, obj) -> str:
        """The symbol of an object a unit's code refers to (a string constant, a property
        name, a function): the unit keeps it alive, and its symbol goes with the unit. Named
        by the unit and position, so a program compiles to the same IR in every process
        (the code cache's key)."""
        for index, known in enumerate(unit.constants):
            if known is obj:
                return f"k{unit.id}_{index}"
        symbol = f"k{unit.id}_{len(unit.constants)}"
        unit.constants.append(obj)
        self.symbols[symbol] = id(obj)
        return symbol

    def site_words_symbol(self, unit, site) -> str:
        """The symbol of a property instruction's cache words (shapes.PropertySite), which
        native code reads and the runtime fills: the site is one of the unit's constants,
        and so are its words."""
        symbol = "w" + self.constant_symbol(unit, site)[1:]
        self.symbols[symbol] = ctypes.addressof(site.native_words())
        return symbol

    def global_cell_symbol(self, cell) -> str:
        """The symbol of a global's cell, given its address on first use. Cells live as
        long as the VM's global table, which outlives compiled code."""
        symbol = self.cell_symbols.get(cell)
        if symbol is None:
            symbol = self.cell_symbols[cell] = f"gcell_{len(self.cell_symbols)}"
            self.symbols[symbol] = id(cell)
        return symbol
