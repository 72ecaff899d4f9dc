"""Translated functions at run time: how they are made, called and seen by the rest of the VM.

A function called `translate_threshold` times in the interpreter is translated
(translator.py) into a Python function `f(depth, l0, <parameters>)`. From then on:

- **Loops.** A loop that gets hot in the interpreter's frames (a `main` called once, the top
  level) goes on in a translation of its function entered at the loop (`loop_entry`; the
  translator's `write_loop_entry`): the interpreter hands the frame's values over and
  returns what the translation returns.
- **Calls.** The interpreter calls it instead of pushing a frame, and translated code calls
  any Eva function through `code.direct(depth + 1, function, *args)`, which is always set
  (tiers.py): the translated function itself (a plain Python call, which CPython 3.11 runs
  without growing the C stack), `native_entry` once the JIT compiled the function, or
  `cold_entry` for one neither translated nor compiled (it counts the call toward
  translation and the JIT, and runs the function in the interpreter's frames).
- **Depth.** `depth` is the frame's index in the Eva call stack. Translated calls recurse on
  the host stack, so only frames below `DIRECT_DEPTH` run translated: a translated function
  entered deeper runs in the interpreter's explicit frames instead (`run_in_frames`), and so
  does everything it calls. Eva recursion is thus bounded by `--max-depth` only, never by
  the host stack. The interpreter counts its own frames and the JIT its native ones; the
  translated frames between them are `Interpreter.hidden`, set whenever translated code
  calls into something that may run the interpreter (a frame, compiled code).
- **Traces.** Nothing is recorded while translated code runs. When an Eva error reaches the
  interpreter's `execute` or `call`, the Python traceback holds the translated frames it
  passed through; `trace` turns each into an Eva trace entry from the line it was at
  (`Translation.position`). Each of those places then drops the traceback, so the next one
  up only sees the frames above it.
- **Roots.** A translated frame keeps every Eva value it holds in Python locals (translator.py
  says why), so the collector finds them by walking the host stack (`roots`).
- **Deoptimization** needs nothing new: compiled code deoptimizes into the interpreter, as
  it does when the interpreter called it, and the translated caller gets the result.
"""

from __future__ import annotations

import sys
import weakref

from eva import operations as ops
from eva.errors import EvaRuntimeError, TraceEntry
from eva.interp.frames import new_frame
from eva.jit.signals import NOT_ENTERED, JitSignal
from eva.objects import UNDEF, Cell, Function, Instance, List, Native, String, equal
from eva.shapes import MEMBER_CACHES, ConstructSite

DIRECT_DEPTH = 100
"""Eva frames, counted from the bottom of the stack, that may run as translated functions
calling each other on the host stack. Deeper calls run in the interpreter's frames. 100 keeps
the host stack far from Python's recursion limit (`RECURSION_LIMIT`) while covering the
depth of typical recursion (fib(35) is 35 deep, a balanced tree of a million nodes 20)."""
RECURSION_LIMIT = 4000
"""Python's recursion limit while Eva code runs (at least): a translated call is one host
frame, a call into the interpreter's frames a few more, and compiled code may re-enter the
interpreter up to 100 times (eva/jit/lowering.py), each a few frames deep."""


class _KeepGoing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<keep going>"


KEEP_GOING = _KeepGoing()
"""`loop_hot`'s answer when the JIT did not take the loop: the translated loop runs on."""


def call_value(callee, args: tuple):
    """A call from translated code to anything but an Eva function: a native, or an error."""
    if type(callee) is Native:
        if callee.arity is not None and callee.arity != len(args):
            raise ops.arity_error(callee.name, callee.arity, len(args))
        return callee.fn(*args)
    raise ops.call_error(callee)


def bad_call(function, count: int):
    """Called in a translated function's `except TypeError:` around a direct call. Python
    refused the argument count, which is Eva's arity error; a TypeError from anywhere else
    is a bug of the VM, and goes on (this runs while it is being handled)."""
    code = function.code
    if code.arity == count:
        raise  # noqa: PLE0704 - re-raises the TypeError being handled
    raise ops.arity_error(code.name, code.arity, count) from None


class Translations:
    """The translated functions of one interpreter, and their entry points."""

    def __init__(self, interpreter):
        self.interpreter = interpreter
        vm = interpreter.vm
        self.options = vm.options
        # a translated function's __code__ -> its Translation, which the function's globals
        # keep (translator.translate): both go when a redefined function's code does
        self.by_python_code = weakref.WeakValueDictionary()
        self.failed = weakref.WeakKeyDictionary()  # code object -> why it was not translated
        self.namespace = {
            "UNDEF": UNDEF, "Function": Function, "Instance": Instance, "List": List,
            "Cell": Cell, "Native": Native, "String": String, "KEEP_GOING": KEEP_GOING, "alloc": vm.heap.alloc,
            "add": ops.add, "subtract": ops.subtract, "multiply": ops.multiply,
            "divide": ops.divide, "modulo": ops.modulo, "negate": ops.negate,
            "compare": ops.compare, "equal": equal, "get_property_at": ops.get_property_at,
            "set_property_at": ops.set_property_at, "get_index": ops.get_index,
            "set_index": ops.set_index, "superclass": ops.superclass,
            "make_class": ops.make_class, "undefined": ops.undefined_variable,
            "undeclared": ops.undeclared_variable, "call_value": call_value,
            "bad_call": bad_call, "construct": self.construct,
            "run_in_frames": self.run_in_frames, "tier_up": interpreter.tier_up,
            "loop_hot": self.loop_hot, "rebound": self.rebound, "ONCE": (None,),
        }
        # code object -> {loop header: its translated entry (translator.write_loop_entry), or
        # None when the function cannot be translated}
        self.loop_entries = weakref.WeakKeyDictionary()
        self.left_to_translation = weakref.WeakSet()  # by the JIT: their loops are not counted

    # -- making them --------------------------------------------------------------------------

    def translate(self, code, counting: bool = True) -> None:
        """Translate `code` and route calls to it; a function that cannot be translated
        stays in the interpreter, with the reason in `failed`. Without `counting`, the
        translation counts no calls nor back-edges for the JIT (which has settled on leaving
        the function to this tier)."""
        if not counting:
            self.left_to_translation.add(code)
            self.loop_entries.pop(code, None)  # made counting
        translation = self.make(code, counting)
        if translation is not None:
            self.interpreter.tiers.install_translation(code, translation.function)

    def loop_entry(self, code, header: int):
        """The translated function that continues a frame of `code` at the loop at `header`
        (the interpreter's on-stack replacement, at the loop's `translate_loop_threshold`-th
        back-edge), made at its first use; None if the function cannot be translated."""
        entries = self.loop_entries.get(code)
        if entries is None:
            entries = self.loop_entries[code] = {}
        if header not in entries:
            translation = self.make(code, code not in self.left_to_translation, header)
            entries[header] = translation.function if translation is not None else None
        return entries[header]

    def make(self, code, counting: bool, loop: int | None = None):
        """The translation of `code` (entered at `loop`, if given), known to the traces and
        the collector; None, with the reason in `failed`, if it cannot be made."""
        from eva.interp.translator import NotTranslatable, translate
        interpreter = self.interpreter
        tiers = interpreter.tiers
        try:
            translation = translate(code, self.namespace,
                                    count_calls=max(0, tiers.hot_calls) if counting else 0,
                                    count_loops=tiers.hot_loops if counting else 0,
                                    direct_depth=interpreter.direct_depth, loop=loop)
        except NotTranslatable as error:
            self.failed[code] = str(error)
            return None
        interpreter.vm.heap.charge_code(len(code.generic_insns))
        self.by_python_code[translation.function.__code__] = translation
        return translation

    # -- entry points -----------------------------------------------------------------------

    def enter(self, depth: int) -> int:
        """Note that the frame at Eva depth `depth` is about to run outside translated code:
        the translated frames below it become `Interpreter.hidden`. Returns the old value,
        for the caller to restore."""
        interpreter = self.interpreter
        saved = interpreter.hidden
        jit = interpreter.vm.jit
        native = jit.native_depth() if jit is not None else 0
        interpreter.hidden = depth - len(interpreter.frames) - native
        return saved

    def run_frame_at(self, depth: int, code, stack: list, pc: int = 0, construct=None):
        """Run a frame in the interpreter as the one at Eva depth `depth`, until it returns."""
        interpreter = self.interpreter
        saved = self.enter(depth)
        try:
            if depth >= interpreter.max_depth:
                raise ops.stack_overflow(interpreter.max_depth)
            base = len(interpreter.frames)
            interpreter.frames.append(new_frame(code, stack, pc, construct))
            return interpreter.execute(base)
        finally:
            interpreter.hidden = saved

    def run_in_frames(self, depth: int, function, args: list):
        """Run `function` in the interpreter's frames (a translated function entered at or
        below DIRECT_DEPTH)."""
        code = function.code
        return self.run_frame_at(depth, code, [function, *args, *code.blank_slots])

    def cold_entry(self, depth: int, function, *args):
        """`code.direct` of a function that is neither translated nor compiled."""
        code = function.code
        if code.arity != len(args):
            raise ops.arity_error(code.name, code.arity, len(args))
        tiers = self.interpreter.tiers
        if tiers.count_call(code):
            self.interpreter.on_call_count(function, list(args))
            if code.direct is not tiers.cold_entry:
                return code.direct(depth, function, *args)
        return self.run_in_frames(depth, function, list(args))

    def native_entry(self, depth: int, function, *args):
        """`code.direct` of a function the JIT compiled: enter its native code, as the
        interpreter does (deopts resume in the interpreter's frames)."""
        code = function.code
        if code.arity != len(args):
            raise ops.arity_error(code.name, code.arity, len(args))
        interpreter = self.interpreter
        saved = self.enter(depth)
        try:
            result = code.native(interpreter.max_depth - depth, function, *args)
            if type(result) is JitSignal:
                result = interpreter.vm.jit.settle(result, code)
        finally:
            interpreter.hidden = saved
        if result is not NOT_ENTERED:
            return result
        if code.translated is not None:
            return code.translated(depth, function, *args)
        return self.run_in_frames(depth, function, list(args))

    def call(self, depth: int, function, args: list):
        """Run a translated function for the interpreter (`Interpreter.call`)."""
        return self.run(function.code.translated, depth, function, *args)

    def run(self, entry, *args):
        """Call translated code for the interpreter, adding the translated frames an error
        passed through to its trace."""
        try:
            return entry(*args)
        except EvaRuntimeError as error:
            error.trace.extend(self.trace(error))
            raise error.with_traceback(None)
        except ops.HOST_LIMITS as host:  # as Interpreter.execute does
            error = ops.host_limit(host)
            error.trace.extend(self.trace(host))
            raise error from None

    def construct(self, depth: int, cls, args: tuple, site: ConstructSite):
        """`(new cls a1..an)` in translated code, where `site` missed: the instance, after its
        constructor ran. A constructor run translated goes into the site."""
        constructor = ops.constructor_of(cls, len(args))
        instance = self.interpreter.heap.alloc(Instance(cls))
        if constructor is not None:
            code = constructor.code
            if code.translated is not None:
                site.cls, site.constructor = cls, constructor
                MEMBER_CACHES.add(site)
                code.translated(depth + 1, constructor, instance, *args)
            else:
                self.interpreter.count_construction(code)
                self.run_frame_at(depth + 1, code, [constructor, instance, *args,
                                                    *code.blank_slots], construct=instance)
        return instance

    def loop_hot(self, depth: int, function, header: int, stack: list):
        """A translated loop reached the JIT's back-edge threshold: offer the loop to the JIT
        with the frame's values (`stack`, laid out as an interpreter frame's). Returns the
        function's result when compiled code (or the interpreter, after a deopt) finished
        the call, or KEEP_GOING.

        When the JIT leaves the function to this tier (TRANSLATION_FASTER), the frame goes on
        in the function's translation entered at this loop, made now without the JIT's
        counting (`loop_entry`): otherwise a loop running all of a once-called `main` would
        count every back-edge for nothing to its end (closures, 10^7 iterations: 15 % of
        its time, as a whole process with the JIT on against --no-jit)."""
        interpreter = self.interpreter
        code = function.code
        saved = self.enter(depth)
        try:
            result = interpreter.vm.start_jit().on_hot_loop(function, code, stack, header,
                                                            interpreter.max_depth - depth,
                                                            translated=True)
        finally:
            interpreter.hidden = saved
        if result is NOT_ENTERED:
            if code in self.left_to_translation:
                entry = self.loop_entry(code, header)
                if entry is not None:  # (the call's line here is positionless: see above)
                    return entry(depth, *stack)
            return KEEP_GOING
        if type(result) is tuple:  # the compiled loop deoptimized: its frame goes on here
            resumed_stack, pc = result
            return self.run_frame_at(depth, code, resumed_stack, pc)
        return result

    def rebound(self, cell) -> None:
        self.interpreter.vm.jit.global_rebound(cell)

    # -- how the VM sees translated frames ---------------------------------------------------

    def trace(self, error: BaseException) -> list[TraceEntry]:
        """Trace entries of the translated frames in `error`'s traceback, innermost first."""
        entries = []
        tb = error.__traceback__
        while tb is not None:
            translation = self.by_python_code.get(tb.tb_frame.f_code)
            if translation is not None:
                position = translation.position(tb.tb_lineno)
                if position is not None:
                    entries.append(TraceEntry(translation.code.name, position))
            tb = tb.tb_next
        entries.reverse()
        return entries

    def roots(self):
        """Every value in the locals of the translated frames on the host stack."""
        codes = self.by_python_code
        if not codes:
            return
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code in codes:
                yield from frame.f_locals.values()
            frame = frame.f_back
