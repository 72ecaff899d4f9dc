"""The VM: one Eva world (heap, globals, interpreter, JIT) that runs programs.

A VM keeps its globals between `run` calls, which is what the REPL uses. Python's own cycle
collector is disabled while Eva code runs: the Eva collector owns Eva objects (heap.py).

Creating a VM lifts Python's limit on converting integers of more than 4300 digits to and
from text, for the whole process: Eva integers are exact and print in full at any size
(SPEC.md section 2). The limit protects servers that parse untrusted numbers; an Eva program
that computes 2 to the 15000th asks for the digits on purpose.
"""

from __future__ import annotations

import gc
import sys
from contextlib import contextmanager

from eva import natives
from eva.bytecode import CodeObject
from eva.compiler import Compiler
from eva.config import Options
from eva.heap import Heap
from eva.interp.direct import RECURSION_LIMIT
from eva.interp.interpreter import Interpreter
from eva.objects import UNDEF, Function, GlobalCell


class GlobalTable:
    """Global name -> GlobalCell. Code objects hold the cells, so lookups are one load."""

    def __init__(self):
        self.cells: dict[str, GlobalCell] = {}

    def cell(self, name: str) -> GlobalCell:
        cell = self.cells.get(name)
        if cell is None:
            cell = self.cells[name] = GlobalCell(name)
        return cell

    def values(self):
        for cell in self.cells.values():
            if cell.value is not UNDEF:
                yield cell.value


class VM:
    """An Eva virtual machine. Options are those of `eva run` (see config.py)."""

    def __init__(self, options: Options | None = None, stdout=None, **keywords):
        self.options = options if options is not None else Options.from_env(**keywords)
        sys.set_int_max_str_digits(0)
        self.stdout = stdout
        self.heap = Heap(stress=self.options.gc_stress,
                         checking=self.options.gc_check or self.options.gc_stress)
        self.globals = GlobalTable()
        self.heap.add_root_source(self.globals.values)
        self.interpreter = Interpreter(self)
        self.jit = None
        self.jit_log = None  # where the JIT's events go (jit/log.py), if anywhere
        if self.options.jit_log:
            from eva.jit.log import JitLog
            self.jit_log = JitLog(self.options.jit_log)
        self.profiler = None  # the tier profiler (profiler.py), with --profile
        if self.options.profile or self.options.profile_out:
            from eva.profiler import Profiler
            if self.options.profile_out:  # a file it cannot write fails now, not after the run
                open(self.options.profile_out, "w", encoding="utf-8").close()
            self.profiler = Profiler(self, self.options.profile_interval)
        natives.install(self)

    def start_jit(self):
        """The JIT, created at the first hot function (so cold programs never load LLVM)."""
        if self.jit is None:
            from eva.jit.tierup import JIT
            self.jit = JIT(self)
        return self.jit

    def jit_stats(self):
        """The JIT's statistics (eva.jit.tierup.JitStats), or None if nothing got hot."""
        return self.jit.stats if self.jit is not None else None

    def jit_ir(self, name: str | None = None, stage: str = "post") -> list[tuple[str, str]]:
        """(header, text) of the typed bytecode ('types'), the IR ('pre', 'post') or the
        assembly ('asm') of compiled code: the units alive, and with the option jit_keep_ir
        those released too (invalidated, or compiled for a program `run` that has ended)."""
        from eva.jit.dump import unit_dumps
        return unit_dumps(self.jit, name, stage)

    def gc_stats(self):
        """The collector's statistics (eva.heap.GCStats), with the live heap as it is now."""
        return self.heap.live_summary()

    def report_statistics(self, stream) -> None:
        """The statistics the options ask for (--gc-stats, --jit-stats, --profile), written
        to `stream` when a program or a REPL session ends; --profile-out's file too."""
        if self.options.gc_stats:
            print(self.heap.live_summary().render(), file=stream)
        if self.options.jit_stats:
            if self.jit is not None:
                print(self.jit.stats_report(), file=stream)
            elif not self.options.jit:
                print("jit stats: the JIT is off (--no-jit or EVA_JIT=0): nothing was compiled",
                      file=stream)
            else:
                print("jit stats: no function got hot enough to compile", file=stream)
        if self.profiler is not None:
            self.report_profile(stream)

    def report_profile(self, stream) -> None:
        options = self.options
        if options.profile:
            print(self.profiler.report(), file=stream)
        if options.profile_out:
            try:
                self.profiler.write(options.profile_out, "eva profile")
            except OSError as error:
                print(f"eva: cannot write the profile {options.profile_out}: {error.strerror}",
                      file=stream)

    def close_jit_log(self) -> None:
        """End the JIT log once the program has run: its last records are the code cache's
        writes, which finish in the background (the process waits for them at exit anyway)."""
        if self.jit_log is None:
            return
        if self.jit is not None and self.jit.cache is not None:
            self.jit.cache.flush()
        self.jit_log.close()

    def write(self, text: str) -> None:
        (self.stdout or sys.stdout).write(text)

    def define_global(self, name: str, value) -> None:
        self.globals.cell(name).value = value

    def get_global(self, name: str):
        value = self.globals.cell(name).value
        return None if value is UNDEF else value

    def compile(self, source: str, file: str = "<input>") -> CodeObject:
        """Compile a program; raises EvaSyntaxError."""
        code = Compiler(self.globals, self.heap, file).compile_source(source)
        work = [code]
        while work:
            each = work.pop()
            self.heap.charge_code(len(each.generic_insns))
            each.source = source  # (one string for the program's code objects)
            self.interpreter.prepare(each)
            work.extend(each.children())
        return code

    def run(self, source: str, file: str = "<input>"):
        """Compile and run a program; returns the value of its last expression."""
        return self.run_program(self.compile(source, file))

    def run_program(self, code: CodeObject):
        """Run a compiled program (`compile`); its compiled units are retired when it ends."""
        try:
            return self.run_code(code)
        finally:
            if self.jit is not None:  # nothing else holds this code: its units can go
                self.jit.forget_code(code)

    def run_code(self, code: CodeObject):
        with self.eva_owns_memory():
            script = self.heap.alloc(Function(code, (), code.name))
            if self.profiler is None:
                return self.interpreter.call(script, [])
            self.profiler.start()
            try:
                return self.interpreter.call(script, [])
            finally:
                self.profiler.stop()

    @contextmanager
    def eva_owns_memory(self):
        """Disable Python's cycle collector while Eva code runs (see module docstring), and
        give translated code room on the host stack (interp/direct.py)."""
        was_enabled = gc.isenabled()
        gc.disable()
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
        try:
            yield
        finally:
            sys.setrecursionlimit(limit)
            if was_enabled:
                gc.enable()
