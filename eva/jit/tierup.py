"""Tier-up policy and bookkeeping: what to compile, when to give up, and the statistics.

The interpreter counts calls and back-edges and calls `on_hot_call` / `on_hot_loop` when a
count reaches its threshold; the counts, the thresholds and how calls enter a function are
its own (interp/tiers.py), and this module changes them only through the verbs of `Tiers`
(install or drop an entry, re-arm a loop's count).

Thresholds (config.py), chosen from measurements on the 2-core development machine: compiling
one function costs 12-20 ms (analysis under 1 ms, building the IR 2.5-3.5 ms, LLVM the rest,
most of it code generation; `--jit-stats`), which is the time of 8,000-10,000 interpreted
calls of a small function (about 2 us each with its body, e.g. fib), while compiled code runs
such calls 100-600x faster. A function reaching `jit_threshold` = 1000 calls has cost about 2
ms so far; compiling it then pays back after about 10,000 more calls, and the functions that
get that far in the benchmarks and tests are called hundreds of thousands of times. Much lower
thresholds compile functions that are about to stop being called (PyPy uses 1619 calls,
CPython's JIT 4096 back-edges); much higher ones leave the benchmarks' hot functions
interpreted for seconds. A loop is compiled and entered (on-stack replacement) at its
`jit_loop_threshold`-th back-edge, 2000: an iteration is cheaper than a call, so the loop gets
twice the budget. `--jit-always` makes both 1.

Deoptimization invalidates the unit and re-warms the function (its counter restarts), so a
type change leads to a recompilation specialized on the new types. After
`MAX_COMPILATIONS` compilations of one entry (a function, or one of its loops) the JIT gives
up on it for good (HotSpot's per-method cutoff), and a loop given up is no longer offered;
the give-up is visible in `--jit-stats`. An instruction whose value guard (integer overflow,
an integer past 2**53 meeting a float: rules.VALUE_GUARDS) failed in
`VALUE_FAILURES_BEFORE_REFUSING` units is compiled as a call of the runtime on boxed values
from then on (HotSpot's per-bytecode trap limit): recompiling the same native operation
would fail the same guard again.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from weakref import WeakKeyDictionary

from eva.compiler import SCRIPT_NAME
from eva.jit.analysis import NotCompilable, analyze
from eva.jit.log import json_value, position_fields
from eva.jit.rules import VALUE_GUARDS
from eva.jit.signals import NOT_ENTERED, JitSignal
from eva.jit.signs import speculate
from eva.jit.types import BOXED, UNDEF_T, class_names, type_of
from eva.objects import Function
from eva.opcodes import Op

TRANSLATION_FASTER = ("holds boxed values, which the translation tier already running it "
                      "runs faster (--jit-always compiles it)")
"""Why a unit with boxed values is not compiled for a function the translation tier runs.
Native code on boxed values calls the runtime for much of what it does (calls above all), and
today that is often slower than translated Python in steady state (nbody 3.0x, closures 2.5x,
methods 1.3x before shapes; the sieve 1.8x faster: README, "The JIT on objects",
benchmarks/native_vs_translated.py). A function's unit is refused then, unless native code
calls it (`Jit.called_by_native_code`). A loop's unit is refused only if it runs Eva code
through the runtime (`Typed.runs_eva_code_through_the_runtime`: constructors, for `new`): a
loop of property, list and float work runs faster natively, with its sites' types (whole
processes, --no-jit-cache, a loop handed over to translated code first: nbody(40000) 0.90 s
native against 2.58 s translated, sieve(1000000) 1.13 s against 1.95 s), and so does a loop
calling closures and methods, since calls go through call caches to the callees' compiled
code (callcache.py; closures(10000000) 0.59 s against 3.05 s, methods(3000000) 1.14 s against
4.85 s; through the runtime, closures(1000000) took 2.22 s against 0.70 s). Native code is
faster than the dispatch loop, so a loop running there and a function not translated yet are
still compiled, and units holding only unboxed values always are."""
POLICY_REFUSALS = ("too large to compile", "LLVM unavailable",
                   "native code cannot run on this Python", TRANSLATION_FASTER)
"""The refusals that are the JIT's policy or the machine's, not the program's content: the
compile-time budget (analysis.MAX_UNIT_INSTRUCTIONS, backend.MAX_UNIT_IR_BYTES), and a
process where native code cannot run. Every other unit compiles (tests/golden.py checks the
golden corpus)."""
MAX_COMPILATIONS = 4
"""Compilations of one function (or loop) before the JIT gives up on it."""
ENTRY_INSTEAD_OF_LOOP_CALLS = 16
"""A loop that gets hot in a function already called this many times ran at most
`jit_loop_threshold` / 16 back-edges per call: the activation that made it hot is likely to
end soon, the next calls are where the time goes. So the JIT compiles the function from its
entry (specialized on the frame's parameters) instead of an OSR unit that only this activation
would use. If the activation does run on, the loop's count reaches the threshold again and
the loop is compiled then. In mandelbrot, `iterate` (under 50 iterations a call) compiles once
instead of twice (its loop, then the function): one compilation of 15-20 ms less. Only for a
function whose body never stores into a parameter (`keeps_its_arguments`): otherwise the
frame's parameters need not have the types calls pass (`(set n (/ n 2))` makes a float of an
integer argument), and an entry specialized on them would be one no call enters."""
STORES_INTO_A_SLOT = frozenset({Op.SET_LOCAL, Op.SET_LOCAL_CHECKED, Op.DECLARE_LOCAL,
                                Op.STORE_LOCAL, Op.CLEAR_LOCAL, Op.MAKE_CELL, Op.BOX_ARG})
"""The instructions that store into a frame slot (`L[s] = ...` in the opcode table)."""
VALUE_FAILURES_BEFORE_REFUSING = 2
"""Units of a function whose value guard failed at one instruction (its integer result
overflowed 64 bits, say) before the JIT compiles it as a runtime call on boxed values (a big
integer, exact arithmetic past 2**53). A recompiled unit has the same types (an overflowing
result that is dropped or returned never reaches a typed slot), so the native operation
would fail again: without this a loop nest compiled the same code four times per loop
header. Two, not one, so a function whose one call overflowed once keeps the unboxed
operation for the calls that do not."""
NATIVE_CALLS_BEFORE_COMPILING = 100
"""Calls of a function by native code through the runtime before the function is compiled
for them (Jit.called_by_native_code): the caller is hot already, so fewer than the
interpreter's threshold for calls (jit_threshold, 1000)."""
MAX_ENTRY_MISSES = 50
"""Calls whose argument types do not match the compiled specialization before the unit is
dropped so the function can be re-specialized."""


class Unit:
    """One compiled specialization of a function (entry_pc 0) or loop (OSR)."""

    def __init__(self, id: int, code, function, entry_pc: int, specialization: tuple):
        self.id = id
        self.code = code
        self.function = function
        self.entry_pc = entry_pc
        self.specialization = specialization
        self.return_type = None
        self.entry = None          # the builtin the interpreter calls
        self.call_entry_address = 0  # a function unit's call entry (what call caches call)
        self.fn_symbol = ""
        self.compiled = None       # codegen.CompiledModule or cache.LoadedModule
        self.valid = None          # ctypes c_int64: 0 once invalidated
        self.misses = 0
        self.active = True
        self.params: list = []     # frame slots passed in on entry
        # OSR: (slot, type) of every slot live at the entry, nulls included (a null has no
        # storage, so it is not a param; compiled code takes it to be null, and must not be
        # entered when the slot holds anything else)
        self.entry_kinds: tuple = ()
        self.callers: list = []    # units whose native code calls this one's directly
        self.callees: list = []    # units this one's native code calls directly
        self.cells: list = []      # globals whose rebinding invalidates it (JIT.watchers)
        self.runtime_ids: list = []  # its deopt points' and call sites' (Runtime.forget)
        self.constants: list = []  # objects its code refers to (Backend.constant_symbol)
        self.boxes = False         # it holds boxed values (TypedCode.holds_objects)
        self.slower_than_translated = False  # TRANSLATION_FASTER applies to it
        self.typed = None          # its analysis.TypedCode, for `eva ir --stage types`
        self.classes: tuple = ()   # per specialization entry, the class of an instance there

    @property
    def label(self) -> str:
        return describe(self.code, self.entry_pc, self.specialization, self.classes)


def describe(code, entry_pc: int, kinds, classes: tuple = ()) -> str:
    """How stats and traces name a unit: `fib(int)`, or `run loop@0012(int, float)`; an
    entry of `classes` (the class names of the instances compiled for, types.class_names)
    stands for a boxed kind: `area(Circle)`."""
    where = "" if entry_pc == 0 else f" loop@{code.offsets[entry_pc]:04X}"
    shown = [(classes[i] if i < len(classes) else None) or (kind.value if kind else "?")
             for i, kind in enumerate(kinds or ())]
    return f"{code.name}{where}({', '.join(shown)})"


def offset_text(code, pc: int) -> str:
    """Instruction `pc`'s byte offset as `eva dis` shows it (the end of the code: its size)."""
    return f"{code.offsets[pc] if pc < len(code.offsets) else len(code.bytecode):04X}"


class JitStats:
    """What the JIT did, for `--jit-stats`, `VM.jit_stats()` and tests."""

    def __init__(self):
        self.compiled: list = []         # labels (loaded from the cache too)
        self.compile_seconds: list = []
        self.load_seconds: list = []     # per unit loaded from the code cache
        self.failed: dict = {}           # label -> reason
        self.refusals: Counter = Counter()  # (label, reason) -> times refused
        self.invalidated = 0
        self.given_up: dict = {}         # name -> why
        self.deopts: dict = {}           # reason -> count (guards that failed)
        self.forced: dict = {}           # reason -> count (guards made to fail: forced_by)
        self.forced_by: set = set()      # the options that did: --deopt-every, --fail-guard
        # every deopt point made (released units' too; guard_sweep.py forces each one), and
        # those that fired at least once (a loop unit's exits included)
        self.points_made: dict = {}      # point id -> reason
        self.points_fired: set = set()   # point ids
        self.first_native_entry_time: float | None = None
        self.llvm_load_seconds = 0.0     # loading and initializing LLVM (Backend.compiler)
        self.import_seconds = 0.0        # importing the backend, the lowering and llvmlite.ir
        self.shared_seconds = 0.0        # compiling or loading the shared code (support.py)
        self.loop_exits = 0              # loop units leaving their loop (normal, not deopts)

    def render(self, cache: str = "off") -> str:
        """The --jit-stats report; `cache` is what the code cache did (CodeCache.render)."""
        lines = ["jit stats:", f"  compiled        {len(self.compiled)} units"]
        for label in self.compiled:
            lines.append(f"    {label}")
        if self.compile_seconds:
            import statistics  # here, not at start-up: it imports decimal, fractions, random
            from eva.jit import llvm  # loaded: these units were compiled with it
            ms = sorted(s * 1e3 for s in self.compile_seconds)
            lines.append(f"  compile time    total {sum(ms):.1f} ms, median "
                         f"{statistics.median(ms):.1f} ms, worst {ms[-1]:.1f} ms "
                         f"(+ {self.llvm_load_seconds * 1e3:.1f} ms loading LLVM "
                         f"({llvm.description()}), "
                         f"{self.import_seconds * 1e3:.1f} ms importing the backend and "
                         f"llvmlite.ir and {self.shared_seconds * 1e3:.1f} ms making the "
                         f"shared code, once)")
        lines.append(f"  code cache      {cache}")
        lines.append(f"  not compiled    {len(self.failed)}")
        for label, reason in self.failed.items():
            times = self.refusals[label, reason]
            lines.append(f"    {label}" + (f" (refused {times} times)" if times > 1 else "") +
                         f": {reason}")
        lines.append(f"  invalidated     {self.invalidated}")
        lines.append(f"  given up        {len(self.given_up)}")
        for name, why in self.given_up.items():
            lines.append(f"    {name}: {why}")
        total = sum(self.deopts.values())
        lines.append(f"  deopts          {total}")
        for reason, count in sorted(self.deopts.items(), key=lambda item: -item[1]):
            lines.append(f"    {reason}: {count}")
        if self.forced:
            lines.append(f"  forced deopts   {sum(self.forced.values())} (guards made to fail "
                         f"by {' and '.join(sorted(self.forced_by))}, not failures)")
            for reason, count in sorted(self.forced.items(), key=lambda item: -item[1]):
                lines.append(f"    {reason} guard: {count}")
        lines.append(f"  deopt points    {len(self.points_made)} made, "
                     f"{len(self.points_fired)} fired")
        made = Counter(self.points_made.values())
        fired = Counter(self.points_made[point] for point in self.points_fired)
        for reason, count in sorted(made.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"    {reason}: {fired[reason]}/{count}")
        return "\n".join(lines)


def tries_text(made: int, refused: int) -> str:
    """What came of the compilations of an entry the JIT gave up on: `compiled 4 times`
    (each unit invalidated in turn), `refused 4 times`, or both."""
    def times(count: int) -> str:
        return f"{count} time{'s' if count != 1 else ''}"
    parts = [f"compiled {times(made)}" if made else "", f"refused {times(refused)}" if refused else ""]
    return " and ".join(part for part in parts if part)


def closure_kind(code):
    """The kind of slot 0, the running function: BOXED when the code reads its cells (a
    closure), else None (compiled code knows the function it is)."""
    return BOXED if code.free_names else None


def keeps_its_arguments(code) -> bool:
    """Whether no instruction of `code` stores into a parameter's slot, so that a running
    frame's parameters hold the values its call passed."""
    return not any(op in STORES_INTO_A_SLOT and 1 <= arg <= code.arity
                   for op, arg in code.generic_insns)


def non_negative_slots(values) -> frozenset:
    """The frame slots among `values` that hold integers >= 0 (bools are not integers here)."""
    return frozenset(slot for slot, value in enumerate(values) if type(value) is int and value >= 0)


class JIT:
    """The llvmlite tier of one VM (created lazily at the first hot function)."""

    def __init__(self, vm):
        self.vm = vm
        self.options = vm.options
        self._backend = None
        self.units: list[Unit] = []
        self.unit_count = 0  # units ever made: the next one's id
        self.function_units: dict = {}  # code -> the unit whose entry calls enter
        self.native_calls = WeakKeyDictionary()  # code -> calls from native code, not compiled
        self.tiers = vm.interpreter.tiers  # how calls enter each function (interp/tiers.py)
        # per code object, forgotten with it (a REPL redefining a function makes many)
        self.compilations = WeakKeyDictionary()   # code -> {entry_pc: compilations tried}
        self.compiled_entries = WeakKeyDictionary()  # code -> Counter of entry_pc: units made
        self.value_failures = WeakKeyDictionary()  # code -> Counter of (pc, VALUE_GUARDS
                                                   # reason): units
        self.stats = JitStats()
        self.watchers: dict = {}       # GlobalCell -> units that assumed its value
        self.assumed: dict = {}        # GlobalCell -> the value they assumed
        self.dead: list[Unit] = []     # units no longer entered, to release (release_dead)
        self.log = vm.jit_log          # the JIT log (log.py), or None

    @property
    def backend(self):
        """The native side (backend.py), imported at the first unit that passes analysis."""
        if self._backend is None:
            importing = time.perf_counter()
            from eva.jit.backend import Backend
            self._backend = Backend(self)
            self.stats.import_seconds += time.perf_counter() - importing
        return self._backend

    @property
    def cache(self):
        """The code cache, once something was compiled (None if it is off)."""
        return self._backend.cache if self._backend is not None else None

    def native_depth(self) -> int:
        """Compiled frames active now (none before anything was compiled)."""
        return self._backend.runtime.native_depth() if self._backend is not None else 0

    # -- tier-up ---------------------------------------------------------------------------

    def on_hot_call(self, function, args: list, by_native_code: bool = False) -> None:
        """The interpreter's call counter reached the threshold: try to compile. Not the
        top-level script, which runs once (`--jit-always` calls it hot): its loops are
        compiled, entered from the interpreter at their back-edge, as in any run.
        `by_native_code`: native code calls it (`called_by_native_code`)."""
        code = function.code
        if code.name == SCRIPT_NAME:
            return
        kinds = tuple(type_of(a) for a in args)
        slots = (closure_kind(code), *kinds) + (UNDEF_T,) * (code.nslots - 1 - code.arity)
        unit = self.compile(function, 0, slots, kinds, non_negative_slots((None, *args)),
                            translated=code.translated is not None, values=(None, *args),
                            by_native_code=by_native_code)
        if unit is not None:
            self.function_units[code] = unit
            self.tiers.install_native(code, unit.entry)
            for cell in self.vm.globals.cells.values():  # redefining it retires the unit
                if cell.value is function:
                    self.watch(cell, function, unit)

    def called_by_native_code(self, function, args: tuple) -> None:
        """Native code called `function`, which has no compiled code, through a call cache
        (callcache.CallCache): at every NATIVE_CALLS_BEFORE_COMPILING-th such call it is
        compiled (a code invalidated is compiled again; MAX_COMPILATIONS bounds the tries),
        where the translation tier runs it too, unless it runs Eva code through the runtime
        itself (`new`). TRANSLATION_FASTER weighs native code against translated
        code for callers that are not native; from a native caller, the translation is
        entered through the runtime's `call`, and compiled code through its entry, directly
        (closures 10M: 3.05 s -> 0.59 s as a whole process)."""
        code = function.code
        count = self.native_calls[code] = self.native_calls.get(code, 0) + 1
        if count % NATIVE_CALLS_BEFORE_COMPILING == 0 and code.arity == len(args):
            self.on_hot_call(function, list(args), by_native_code=True)

    def on_hot_loop(self, function, code, stack: list, loop_pc: int, budget: int,
                    translated: bool = False):
        """A loop's back-edge counter reached the threshold: compile from the loop header
        and enter with the frame's current locals (`stack`, as an interpreter frame holds
        them); `budget` is the Eva frames that may still be pushed, this one included;
        `translated`: the frame is translated code's (TRANSLATION_FASTER). Returns the
        function's result or NOT_ENTERED."""
        if len(stack) != code.nslots:
            return NOT_ENTERED  # values on the operand stack across the loop: not supported
        tiers = self.tiers
        # the entry instead, once (if it fails, OSR next), where the frame's parameters are
        # the call's arguments
        if self.entry_unit(code) is None and \
                tiers.calls(code) >= ENTRY_INSTEAD_OF_LOOP_CALLS and \
                0 not in self.compilations.get(code, ()) and keeps_its_arguments(code):
            self.on_hot_call(function, stack[1:1 + code.arity])
            if self.entry_unit(code) is not None:  # the next call enters it; this one ends here
                tiers.rewarm_loop(code, loop_pc)
                return NOT_ENTERED
        kinds = tuple(type_of(v) for v in stack[1:code.nslots])
        slots = (closure_kind(code), *kinds)
        unit = self.find_loop_unit(code, loop_pc, slots)
        if unit is not None and unit.slower_than_translated and translated and \
                not self.options.jit_always:
            tiers.retire_loop(code, loop_pc)  # (compiled for the dispatch loop's frames)
            self.leave_to_translation(code)
            return NOT_ENTERED
        unit = unit or self.compile(function, loop_pc, slots, None, non_negative_slots(stack),
                                    translated=translated, values=stack)
        if unit is not None:
            tiers.arm_loop(code, loop_pc)  # the next run of the loop enters it
        elif self.gave_up(code, loop_pc) or \
                code in self.vm.interpreter.translations.left_to_translation:
            tiers.retire_loop(code, loop_pc)  # (left to translation: offered again, refused again)
        else:
            tiers.rewarm_loop(code, loop_pc)
        if unit is None:
            return NOT_ENTERED
        args = [stack[s] for s in unit.params]
        return self.settle(unit.entry(budget, *args), code)

    def leave_to_translation(self, code) -> None:
        """The JIT leaves a translated function to the translation tier (TRANSLATION_FASTER):
        it is translated again without counting its calls and back-edges, which only the JIT
        needs (methods' steady state: 1.21, 1.15, 1.31 s counting with nothing compiled
        against 1.03, 0.95, 0.98 s with the JIT off). Its loops are no longer offered."""
        self.vm.interpreter.translations.translate(code, counting=False)

    def entry_unit(self, code) -> Unit | None:
        """The unit whose entry calls of `code` enter, if any."""
        unit = self.function_units.get(code)
        return unit if unit is not None and unit.active else None

    def settle(self, result, code):
        """Turn an entry's signal into a value, NOT_ENTERED (interpret the call) or a
        (stack, pc) pair (an OSR unit deoptimized: continue its frame). (Errors are raised
        by the entry itself.)"""
        if type(result) is not JitSignal:
            return result
        if result is NOT_ENTERED:
            self.entry_missed(code)
        return self.backend.runtime.take(result)

    def entry_missed(self, code) -> None:
        """An entry refused its arguments' types; after many, drop it to re-specialize."""
        unit = self.entry_unit(code)
        if unit is not None:
            unit.misses += 1
            if unit.misses > MAX_ENTRY_MISSES:
                self.invalidate(unit, "argument types changed")

    # -- compiling -------------------------------------------------------------------------

    def gave_up(self, code, entry_pc: int) -> bool:
        """Whether this entry was compiled (or refused) MAX_COMPILATIONS times; if so, the
        statistics say so."""
        count = self.compilations.get(code, {}).get(entry_pc, 0)
        if count < MAX_COMPILATIONS:
            return False
        made = self.compiled_entries.get(code, Counter())[entry_pc]
        if code.name not in self.stats.given_up and self.log is not None:
            self.log.emit("give-up", function=code.name,
                          **position_fields(code, entry_pc or None),
                          why=tries_text(made, count - made))
        self.stats.given_up.setdefault(code.name, tries_text(made, count - made))
        return True

    def compile(self, function, entry_pc: int, slots: tuple, kinds,
                non_negative: frozenset, translated: bool = False, values=(),
                by_native_code: bool = False) -> Unit | None:
        """Compile `function` entered at `entry_pc` with locals of types `slots`; the slots in
        `non_negative` hold integers >= 0 now, which signs.py may speculate stay so;
        `translated`: the translation tier runs the function (TRANSLATION_FASTER);
        `by_native_code`: for native callers (`called_by_native_code`), to which its
        translation is slower unless it runs Eva code through the runtime; `values`:
        the frame's values by slot (for labels only: no reference to them is kept)."""
        code = function.code
        seen = class_names(values)
        if kinds is not None:
            label_kinds, label_classes = kinds, tuple(seen.get(s) for s in range(1, 1 + len(kinds)))
        else:
            shown = [s for s in range(1, len(slots)) if slots[s] is not None]
            label_kinds = tuple(slots[s] for s in shown)
            label_classes = tuple(seen.get(s) for s in shown)
        if self.gave_up(code, entry_pc):
            return None
        self.release_dead()  # a safe point, if no compiled frame is below
        counts = self.compilations.setdefault(code, {})
        counts[entry_pc] = counts.get(entry_pc, 0) + 1
        # (not len(self.units): released units leave it, and a new unit with a live one's id
        # would take over its symbols, and the direct calls bound to them)
        unit = Unit(self.unit_count, code, function, entry_pc, label_kinds)
        unit.classes = label_classes
        self.unit_count += 1
        start = time.perf_counter()
        stats = self.stats
        loaded_before = stats.llvm_load_seconds + stats.import_seconds + stats.shared_seconds
        try:
            refused = {pc: reason for (pc, reason), units in
                       self.value_failures.get(code, Counter()).items()
                       if units >= VALUE_FAILURES_BEFORE_REFUSING}
            typed = analyze(code, entry_pc, slots, self.compiled_return_type, refused)
            unit.slower_than_translated = typed.holds_objects and (
                (entry_pc == 0 and not by_native_code) or
                typed.runs_eva_code_through_the_runtime)
            if unit.slower_than_translated and translated and not self.options.jit_always:
                raise NotCompilable(TRANSLATION_FASTER)
            unit.boxes = typed.holds_objects
            unit.params = typed.params
            typed.non_negative_entry, typed.unsigned_remainders = speculate(
                typed, non_negative & frozenset(typed.params))
            unit.entry_kinds = tuple((s, slots[s]) for s in sorted(typed.live[entry_pc]))
            unit.specialization = tuple(slots[s] for s in typed.params if s)  # (not slot 0)
            unit.classes = tuple(seen.get(s) for s in typed.params if s)
            unit.return_type = typed.return_type
            lowered = self.backend.build(unit, typed)
        except NotCompilable as error:  # refused by the analysis, or LLVM is unavailable
            self.fail(code, entry_pc, label_kinds, str(error), label_classes)
            if str(error) == TRANSLATION_FASTER:
                self.leave_to_translation(code)
            return None
        except Exception as error:  # a JIT bug must not take the program down
            if self.options.jit_strict:
                raise
            self.fail(code, entry_pc, label_kinds, f"internal JIT error: {error!r}", label_classes)
            return None
        for site in typed.calls.values():
            if site.kind == "direct":
                callee = self.find_unit(site.callee.value.code, site.arg_types)
                if callee not in unit.callees:
                    callee.callers.append(unit)
                    unit.callees.append(callee)
        for callee in typed.callees.values():  # compiled code assumes these stay bound
            if unit not in self.watchers.get(callee.cell, ()):
                self.watch(callee.cell, callee.value, unit)
        self.units.append(unit)
        self.compiled_entries.setdefault(code, Counter())[entry_pc] += 1
        # loading LLVM and importing the backend happen once: they are not this unit's time
        seconds = time.perf_counter() - start - (
            stats.llvm_load_seconds + stats.import_seconds + stats.shared_seconds - loaded_before)
        self.stats.compiled.append(unit.label)
        self.vm.heap.charge_code(len(code.generic_insns))  # freed with the code's last function
        loaded = unit.compiled.from_cache
        (self.stats.load_seconds if loaded else self.stats.compile_seconds).append(seconds)
        if self.stats.first_native_entry_time is None:
            self.stats.first_native_entry_time = time.perf_counter()  # entered right after
        if self.log is not None:
            self.log_compiled(unit, lowered, seconds)
        if self.options.trace_jit:
            names = ", ".join(f"'{code.slot_names[s]}'" for s in sorted(typed.non_negative_entry))
            speculated = f", speculates {names} >= 0" if names else ""
            how = "loaded from the code cache" if loaded else "compiled"
            print(f"[jit] {how} {unit.label} -> {typed.return_type.value}: "
                  f"{len(code.generic_insns)} instructions, {len(lowered.ir_text)} bytes of IR, "
                  f"{len(lowered.deopts)} guards{speculated}, {seconds * 1e3:.1f} ms",
                  file=sys.stderr)
        return unit

    def log_compiled(self, unit: Unit, lowered, seconds: float) -> None:
        """The JIT log's `compile` record of a unit just made (compiled, or loaded from the
        code cache), with its guards and where each is in the source."""
        code = unit.code
        guards = [{"id": point.id, "reason": point.reason, "offset": offset_text(code, point.pc),
                   "line": code.position(point.pc).line, "col": code.position(point.pc).col}
                  for point in lowered.deopts if point.reason != "loop exit"]
        self.log.emit("compile", unit=unit.label, function=code.name,
                      **position_fields(code, unit.entry_pc or None),
                      entry="function" if unit.entry_pc == 0 else "loop",
                      offset=offset_text(code, unit.entry_pc),
                      returns=unit.return_type.value, instructions=len(code.generic_insns),
                      ir_bytes=len(lowered.ir_text), ms=round(seconds * 1e3, 3),
                      source="cache" if unit.compiled.from_cache else "llvm",
                      speculated=[code.slot_names[slot]
                                  for slot in sorted(unit.typed.non_negative_entry)],
                      guards=guards)

    def watch(self, cell, value, unit: Unit) -> None:
        """`unit` assumes that global `cell` holds `value`: rebinding it invalidates the unit
        (global_rebound)."""
        self.watchers.setdefault(cell, []).append(unit)
        self.assumed[cell] = value
        cell.watched = True
        unit.cells.append(cell)

    def compiled_return_type(self, code, kinds: tuple):
        unit = self.find_unit(code, kinds)
        return unit.return_type if unit is not None else None

    def find_unit(self, code, kinds: tuple) -> Unit | None:
        for unit in reversed(self.units):
            if unit.active and unit.code is code and unit.entry_pc == 0 and \
                    unit.specialization == kinds:
                return unit
        return None

    def find_loop_unit(self, code, loop_pc: int, slots: tuple) -> Unit | None:
        """A compiled OSR unit for this loop whose specialization fits the frame's values."""
        for unit in reversed(self.units):
            if unit.active and unit.code is code and unit.entry_pc == loop_pc and \
                    all(slots[s] is kind for s, kind in unit.entry_kinds):
                return unit
        return None

    def direct_callee(self, code, kinds: tuple):
        unit = self.find_unit(code, kinds)
        return unit.fn_symbol, unit.return_type

    def fail(self, code, entry_pc: int, kinds, reason: str, classes: tuple = ()) -> None:
        """Record a refusal; the same refusal again is counted (JitStats.refusals), not
        traced again."""
        label = describe(code, entry_pc, kinds, classes)
        stats = self.stats
        stats.failed[label] = reason
        stats.refusals[label, reason] += 1
        if self.log is not None:
            self.log.emit("refuse", unit=label, function=code.name,
                          **position_fields(code, entry_pc or None), reason=reason,
                          times=stats.refusals[label, reason])
        if self.options.trace_jit and stats.refusals[label, reason] == 1:
            print(f"[jit] not compiled {label}: {reason}", file=sys.stderr)

    # -- deopt and invalidation ------------------------------------------------------------

    def note_deopt(self, unit: Unit, point, words, reason: str, forced_by: str | None = None) -> None:
        """A guard of `unit` failed: `reason` is its point's, or "interrupt" for a depth check
        failed by Ctrl-C (interrupts.py); `forced_by`: the option that made it fail
        (Runtime.forcing), None if it failed by itself."""
        stats = self.stats
        stats.points_fired.add(point.id)
        if reason == "loop exit":  # the normal way out of a loop unit, not a failure
            stats.loop_exits += 1
            return
        counts = stats.deopts if forced_by is None else stats.forced
        counts[reason] = counts.get(reason, 0) + 1
        if forced_by is not None:
            stats.forced_by.add(forced_by)
        if self.log is not None:
            code = unit.code
            self.log.emit("deopt", unit=unit.label, function=code.name, guard=point.id,
                          reason=reason, forced_by=forced_by,
                          offset=offset_text(code, point.pc), **position_fields(code, point.pc),
                          values={name: json_value(value, kind is BOXED) for name, value, kind
                                  in point.seen(words, code.slot_names)})
        if self.options.trace_deopt:
            code = unit.code
            why = reason if forced_by is None else f"forced by {forced_by} ({reason} guard)"
            print(f"[deopt] {unit.label} guard #{point.id} at {code.position(point.pc)} in "
                  f"{code.name} ({offset_text(code, point.pc)}): {why}; "
                  f"values {point.describe(words, code.slot_names) or '-'}", file=sys.stderr)
        if self.options.deopt_every or forced_by is not None or \
                reason in ("stack depth", "interrupt"):
            return  # forced deopts say nothing about the types, nor does the depth
        if reason in VALUE_GUARDS:
            self.value_failures.setdefault(unit.code, Counter())[point.pc, reason] += 1
        self.invalidate(unit, reason)  # (released later: this very unit is running)

    def invalidate(self, unit: Unit, why: str, counted: bool = True) -> None:
        """Stop entering a unit; running frames of it deopt at their next global guard. Its
        direct callers go too: they hold its address, and would keep calling code that no
        longer fits (deoptimizing on every call when a global it assumed was rebound), where
        a recompiled caller calls its successor. Its machine code is released once no
        compiled frame runs (release_dead). `counted`: an invalidation the statistics show
        (not a unit retired because its program ended, `forget_code`)."""
        if not unit.active:
            return
        unit.active = False
        unit.valid.value = 0
        if counted:
            self.stats.invalidated += 1
        if self.log is not None:
            self.log.emit("invalidate", unit=unit.label, function=unit.code.name, reason=why)
        if self.options.trace_jit:
            print(f"[jit] invalidated {unit.label}: {why}", file=sys.stderr)
        self.dead.append(unit)
        for caller in unit.callers:
            self.invalidate(caller, f"calls {unit.label}, invalidated")
        if unit.entry_pc == 0:
            self.tiers.drop_native(unit.code, unit.entry)  # calls re-warm it
        else:
            self.tiers.rewarm_loops(unit.code)

    def release_dead(self) -> None:
        """Free the machine code and the metadata of units no longer entered, once no compiled
        frame runs (a frame of one of them could be running: it deoptimizes at its next
        global guard). Invalidated units went on costing memory for the life of the process:
        a REPL redefining a hot function grew by about 100 KB a definition."""
        if not self.dead or self._backend is None or self._backend.runtime.entries.value:
            return
        dead, self.dead = self.dead, []
        keep_ir = self.options.jit_keep_ir
        for unit in dead:
            self._backend.release(unit, keep_ir)
            if not keep_ir:  # (kept, an inactive unit is only listed in dumps)
                self.units.remove(unit)
            if self.function_units.get(unit.code) is unit:
                del self.function_units[unit.code]
            for callee in unit.callees:
                if unit in callee.callers:  # (not if released first, along with this one)
                    callee.callers.remove(unit)
            for cell in unit.cells:
                watchers = self.watchers.get(cell)
                if watchers is not None and unit in watchers:
                    watchers.remove(unit)
                    if not watchers:  # nothing assumes its value any more
                        del self.watchers[cell]
                        self.assumed.pop(cell, None)
                        cell.watched = False
            unit.callers = unit.callees = unit.cells = []

    def forget_code(self, code) -> None:
        """`code` will not run again (the program of `VM.run` has ended): retire its units."""
        for unit in list(self.units):
            if unit.code is code:
                self.invalidate(unit, "its program ended", counted=False)
        self.release_dead()

    def global_rebound(self, cell) -> None:
        """A global some compiled code assumed constant got a new value. A function with the
        same code and no captured cells behaves identically (a program run again defines its
        functions again), so compiled code stays valid for it."""
        old, new = self.assumed.get(cell), cell.value
        if type(new) is Function and type(old) is Function and new.code is old.code \
                and not new.cells:
            return
        self.assumed.pop(cell, None)
        for unit in self.watchers.pop(cell, []):
            self.invalidate(unit, f"global '{cell.name}' rebound")
        cell.watched = False
        self.release_dead()

    @property
    def first_native_entry_time(self) -> float | None:
        """perf_counter() when compiled code first ran (for warm-up reports), or None."""
        return self.stats.first_native_entry_time

    def stats_report(self) -> str:
        if not self.options.jit_cache:
            return self.stats.render()
        cache = self.backend.cache  # (a report may load the backend: only --jit-stats asks)
        cache.flush()  # so that what was written counts
        return self.stats.render(cache.render(self.stats.load_seconds))
