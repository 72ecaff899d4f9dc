"""Which tier runs each function, and the counts that move it up: one owner for both.

A function runs in the interpreter's dispatch loop, as its translation to Python (at its
`translate_threshold`-th call: translator.py; a running loop of it, at the loop's
`translate_loop_threshold`-th back-edge, goes on in a translation entered there:
direct.py's `loop_entry`), or as native code (at its `jit_threshold`-th call, or a loop of
it at the loop's `jit_loop_threshold`-th back-edge: eva/jit). How a call enters it is read
on every call, so it sits on the code object, as its entry points:

    code.native       the JIT's entry builtin, or None: the interpreter calls it first
    code.translated   the translation, or None: the interpreter's next choice
    code.direct       what translated code calls, always set: the translation, `native_entry`
                      once the JIT compiled the function, or `cold_entry` (direct.py)

What moves a function up is the interpreter's count of its calls and of each of its loops'
back-edges, in a `Counters` record beside the code (`code.counters`). The dispatch loop and
translated code increment them inline, other calls through `count_call`, and the
interpreter reacts when one reaches a threshold (Interpreter.on_call_count, `loop_hot`);
nothing else writes them but `Tiers`.

`Tiers` is the only writer of the entry points. The translator and the JIT change how a
function is entered by calling its verbs (`install_translation`, `install_native`,
`drop_native`), and the JIT says what it wants of a loop's counter (`arm_loop`: enter
compiled code at the next back-edge; `rewarm_loop`; `retire_loop`: never offer it again)
rather than writing numbers whose meaning is the interpreter's.

Why the entry points are on the code object and the counters in a record beside it:
translated code calls `callee.code.direct(...)` and the interpreter reads `code.native` and
`code.translated` on every call, and a record in between cost one attribute load per call
(+1.3 % instructions on fib(18) translated: callgrind, `PYTHONHASHSEED=0`). The counters
are one load further than they were only where the dispatch loop counts (a call of a
function neither translated nor compiled, when something counts at all; a back-edge, with
the JIT on, of a loop not compiled); translated code reaches them through a global of its
own, as directly as it reached the code object.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from eva.opcodes import Op


class Counters:
    """The interpreter's counts for one code object, toward translation and the JIT."""

    __slots__ = ("calls", "back_edges")

    def __init__(self, instructions: int):
        self.calls = 0
        self.back_edges = [0] * instructions  # per instruction: times a LOOP there jumped back


class Tiers:
    """The thresholds, and every code object's entry points and counters, for one
    interpreter. `cold_entry` and `native_entry` are the `code.direct` of a function that is
    neither translated nor compiled, and of one compiled (bound once: compared by identity)."""

    def __init__(self, options, cold_entry, native_entry):
        # the tier-up triggers, compared for equality with the counts (-1 / 0: never); a
        # loop counts toward translation first (100 back-edges) and the JIT later (2000)
        jit = options.jit
        self.hot_calls = (1 if options.jit_always else options.jit_threshold) if jit else -1
        self.hot_loops = (1 if options.jit_always else options.jit_loop_threshold) if jit else 0
        self.warm_calls = max(1, options.translate_threshold) if options.translate else -1
        self.warm_loops = max(1, options.translate_loop_threshold) if options.translate else 0
        self.cold_entry = cold_entry
        self.native_entry = native_entry
        self.loop_edges = WeakKeyDictionary()  # code -> {loop header: pcs of its LOOPs}

    def adopt(self, code) -> None:
        """A new code object: counted from zero, entered in the interpreter."""
        code.counters = Counters(len(code.generic_insns))
        self.route(code)

    def count_call(self, code) -> bool:
        """Count a call of `code`; whether the count reached a threshold (translation's or
        the JIT's). The dispatch loop and translated code count inline instead, for speed."""
        counters = code.counters
        calls = counters.calls = counters.calls + 1
        return calls == self.hot_calls or calls == self.warm_calls

    def route(self, code) -> None:
        """Point `code.direct` at the way translated code enters the function now."""
        if code.native is not None:
            code.direct = self.native_entry
        else:
            code.direct = code.translated or self.cold_entry

    # -- the translator's verb -------------------------------------------------------------

    def install_translation(self, code, function) -> None:
        """Calls run `function`, the translation, from now on (unless compiled)."""
        code.translated = function
        self.route(code)

    # -- the JIT's verbs -------------------------------------------------------------------

    def install_native(self, code, entry) -> None:
        """Calls enter `entry`, the function's compiled code, first."""
        code.native = entry
        self.route(code)

    def drop_native(self, code, entry) -> None:
        """`entry` was invalidated: if calls still enter it, they stop, and the function's
        call count restarts, so it is compiled again (on the types it meets then) once it
        is hot again."""
        if code.native is entry:
            code.native = None
            code.counters.calls = 0
            self.route(code)

    def calls(self, code) -> int:
        """Calls counted toward translation and the JIT (a function whose compiled code
        calls enter is not counted)."""
        return code.counters.calls

    def arm_loop(self, code, header: int) -> None:
        """The loop at `header` has compiled code: its next back-edge offers it again, so
        the next run of the loop enters it at once."""
        self.set_loop_count(code, header, self.hot_loops - 1)

    def rewarm_loop(self, code, header: int) -> None:
        """Count the loop at `header` from zero: it is offered again when hot again."""
        self.set_loop_count(code, header, 0)

    def retire_loop(self, code, header: int) -> None:
        """Never offer the loop at `header` again (the counts are compared for equality with
        the threshold, and this one is past it for good)."""
        self.set_loop_count(code, header, self.hot_loops)

    def rewarm_loops(self, code) -> None:
        """Count every loop of `code` from zero (a compiled loop of it was invalidated)."""
        code.counters.back_edges = [0] * len(code.counters.back_edges)

    def set_loop_count(self, code, header: int, count: int) -> None:
        edges = self.loop_edges.get(code)
        if edges is None:  # found once per code object: a function may be thousands long
            edges = self.loop_edges[code] = {}
            for pc, (op, target) in enumerate(code.generic_insns):
                if op == Op.LOOP:
                    edges.setdefault(target, []).append(pc)
        back_edges = code.counters.back_edges
        for pc in edges.get(header, ()):
            back_edges[pc] = count
