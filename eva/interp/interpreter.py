"""The bytecode interpreter: the baseline tier.

`Interpreter.execute` is the hot loop. It is written for speed, which in CPython 3.11 means:
every value it touches in the loop is a local variable (opcodes included: comparing two
locals is faster than loading a global or an enum member); the frequent opcodes are reached
with the fewest tests (see ORDER below); integer and float fast paths are inline and
everything else calls the shared operations in eva/operations.py; quickened instructions (see
quickening.py) replace generic ones in place once the operand types are known, and operand
superinstructions (LC_BINARY, ...: quickening.fuse_operands) read a local or constant operand
straight from the frame instead of pushing it, and an expression superinstruction (EXPRESSION:
interp/expressions.py) runs a whole run of number arithmetic, with its store or branch, as one
generated Python function: one dispatch and one call where there were five to ten
dispatches. The quickened handlers (ADD_INT, SUB_FLOAT, ...) repeat one
shape on purpose: each inlines its operator, because calling an `operator` function instead
(as the less frequent INT_BINARY / FLOAT_BINARY and the operand superinstructions do) costs
about 30 ns per operation, a third of a dispatch; a superinstruction saves a whole dispatch.

How far this design can go: benchmarks/interpreter_floor.py runs fib on the smallest stack
interpreter that could run it (seven pre-fused instructions, no checks at all) at about 20x
CPython's time; this loop, with every check and hook, takes about 1.1x the floor's time. That
is why a function called twice leaves this loop: it is translated to a Python function
(translator.py), which the loop calls directly (see direct.py for how the two meet).

Calls do not recurse in Python: a call pushes a frame (frames.py) and switches the loop's locals to it,
so Eva recursion depth is bounded by `max_depth`, never by the host stack. (Translated calls do
recurse, in the first `DIRECT_DEPTH` frames only.)


ORDER: each test of the opcode costs about 10 ns, as much as a small handler, so a handler
should be reached with few tests. The opcodes are split by their numbers (the order of
opcodes.py) into four ranges: the quickened forms and superinstructions from ADD_FLOAT on,
the instructions from GET_PROP to them (objects, lists, the peephole superinstructions and
the quickened integer forms), the variables below ADD, and between those the operators,
jumps and calls. Range tests pick the range in that order (QUICKENED_RANGE, OBJECT_RANGE,
VARIABLE_RANGE), then a chain of equality tests in the order of the opcodes' measured
frequency picks the handler. The frequencies are the opcodes' shares of the instructions
executed over the nine benchmark programs with the dispatch loop alone (each program weighted
equally; counted on a copy of the loop).

A single chain in frequency order put the hottest opcodes of one program (closures' GET_FREE,
sieve's SET_INDEX, the property instructions of the object programs) low in an order
averaged over all: 4.7 (mandelbrot) to 14.2 (strings) tests per instruction. What a test
costs depends on how far it branches, though: CPython 3.11 specializes a comparison of two
ints into one instruction with the branch after it only when the branch's offset fits in a
byte (no EXTENDED_ARG). Measured with callgrind, per test: 93 machine instructions for
`op == K` branching near, 183 branching far (a generic rich comparison), 104 for a lookup in
a tuple of booleans branching far. A range test branches over a whole range's handlers, so
it is such a lookup; the tests of the two long handlers, CALL and NEW, branch far too
(LOOP's tier-up work is a method, `on_loop_count`, so that its handler is short). Counting a
far test as 1.8 near ones, the order of the four ranges is the one of the 24 that needs the
fewest tests over the nine programs, and each chain is in the order that needs the fewest (by
frequency, a long handler's frequency counted at 1/1.8: Smith's rule). A balanced tree of
two levels needed slightly fewer tests on average but more for the loop programs (with
comparisons for range tests, its two before every quickened form made loop +1 % and
mandelbrot +5 % instructions). CALL_GLOBAL_LOCAL, a native call `(len s)` in one
dispatch instead of three, came later and sits after GET_GLOBAL, whose instances it takes
(strings: -6 % instructions; nbody -1 %). CALL_GLOBAL_LC, `(fib (- n 1))` as one dispatch
where it took three, sits after CALL in the chain of calls and jumps (fib -27 %, objects
-4 %; sieve and strings +0.5 % and +1.4 %, for the far test it puts before JUMP_IF_FALSE
and EQ): its handler is long, and in the variables' chain the far test it put before CONST
and GET_FREE made closures +10 %."""

from __future__ import annotations

from eva import operations as ops
from eva.errors import EvaRuntimeError, TraceEntry
from eva.interp.direct import DIRECT_DEPTH, Translations
from eva.interp.expressions import fuse_expressions
from eva.interp.frames import CODE, CONSTRUCT, PC, STACK, frame_function, new_frame
from eva.interp.quickening import fuse_operands, quicken, unquicken
from eva.interp.tiers import Tiers
from eva.objects import UNDEF, Cell, Function, Instance, List, Native, equal
from eva.jit.signals import NOT_ENTERED, JitSignal
from eva.opcodes import Op
from eva.shapes import attach_sites


class Interpreter:
    """Runs bytecode for one VM: the frames, the dispatch loop, and the hooks to the JIT."""

    def __init__(self, vm):
        self.vm = vm
        self.heap = vm.heap
        self.frames: list[list] = []  # see frames.py
        self.max_depth = vm.options.max_depth
        options = vm.options
        self.direct_depth = min(DIRECT_DEPTH, self.max_depth) if options.translate else 0
        self.hidden = 0  # translated frames below ours that no one else counts (direct.py)
        self.translations = Translations(self)
        # how each function is entered, and the counts (and thresholds) that move it up
        self.tiers = Tiers(options, self.translations.cold_entry, self.translations.native_entry)
        self.heap.add_root_source(self.roots)

    def prepare(self, code) -> None:
        """Make a new code object ready to run here: the property instructions' inline caches
        and the operand and expression superinstructions in the interpreter's copy of its
        instructions (`code.insns`; the bytecode and `code.generic_insns` stay as compiled),
        and its entry points and counters (tiers.py)."""
        attach_sites(code)
        fuse_operands(code)
        fuse_expressions(code)
        self.tiers.adopt(code)

    def outside_depth(self) -> int:
        """Eva frames below this interpreter's own that `frames` does not hold: compiled
        frames (the JIT's native depth) and translated ones (`hidden`)."""
        jit = self.vm.jit
        return self.hidden + (jit.native_depth() if jit is not None else 0)

    def depth_limit(self) -> int:
        """Frames this interpreter may hold: the limit less the frames active below."""
        return self.max_depth - self.outside_depth()

    def tier_up(self, function, args: list) -> None:
        self.vm.start_jit().on_hot_call(function, args)

    def on_hot_loop(self, frame: list, loop_pc: int):
        # the compiled loop continues this frame (already counted), it is not a new one
        budget = self.depth_limit() - len(self.frames) + 1
        return self.vm.start_jit().on_hot_loop(frame_function(frame), frame[CODE], frame[STACK],
                                                loop_pc, budget)

    def on_loop_count(self, frame: list, count: int, header: int, outside: int):
        """A loop's back-edges reached a threshold (the JIT's or translation's): the frame goes
        on in the compiled loop or in translated code if it can (`outside`: the frames below
        the interpreter's, as in `loop`). Returns the instruction it
        goes on at (its final RETURN, the result pushed; or where a compiled loop
        deoptimized), or None to go on in the loop. (Out of the dispatch loop so that the
        LOOP handler is short: see ORDER.)"""
        stack, code, frames = frame[STACK], frame[CODE], self.frames
        if count == self.tiers.hot_loops:
            result = self.on_hot_loop(frame, header)
            if type(result) is tuple:  # the compiled loop deoptimized
                stack[:], pc = result
                return pc
            if result is not NOT_ENTERED:
                stack.append(result)
                return len(code.insns) - 1  # every code object ends with RETURN
        elif len(frames) <= self.direct_depth - outside:
            entry = self.translations.loop_entry(code, header)
            if entry is not None:  # the frame goes on in translated code
                values = stack[:]
                stack.clear()  # (the translated frame holds them now)
                try:
                    result = self.translations.run(
                        entry, len(frames) - 1 + outside, *values)
                except BaseException:
                    frames.pop()  # its trace entry is the translated frame's
                    raise
                stack.append(result)
                return len(code.insns) - 1
        return None

    def on_call_count(self, function, args: list) -> None:
        """A function's call count reached a threshold: compile it to native code (the
        JIT's), or translate it to Python."""
        code = function.code
        calls, tiers = code.counters.calls, self.tiers
        if calls == tiers.hot_calls:
            self.tier_up(function, args)
        if calls == tiers.warm_calls and code.native is None and code.translated is None:
            self.translations.translate(code)

    def count_construction(self, code) -> None:
        """A constructor runs in the interpreter's frames for `new`: count the call toward
        its translation. (Toward the JIT only when native code runs `new`: the runtime calls
        the constructor like any function, jit/runtime.py; `new` in the interpreter needs its
        frame, which the constructor's native entry would not give.)"""
        code.counters.calls += 1
        if code.counters.calls == self.tiers.warm_calls and code.translated is None:
            self.translations.translate(code)

    def resume(self, function, code, stack: list, pc: int):
        """Continue a deoptimized frame at instruction `pc` until it returns (JIT deopt)."""
        base = len(self.frames)
        if base >= self.depth_limit():
            raise ops.stack_overflow(self.max_depth)
        self.frames.append(new_frame(code, stack, pc))
        return self.execute(base)

    def roots(self):
        """Every value the interpreter's frames hold (functions, locals, operands), and
        the translated frames' (direct.py)."""
        for frame in self.frames:
            yield from frame[STACK]
            if frame[CONSTRUCT] is not None:
                yield frame[CONSTRUCT]
        yield from self.translations.roots()

    def call(self, function, args: list):
        """Run an Eva function (or the script) to completion and return its result."""
        if type(function) is Native:
            return self.call_native(function, args)
        if type(function) is not Function:
            raise ops.call_error(function)
        code = function.code
        if code.arity != len(args):
            raise ops.arity_error(f"{code.name}", code.arity, len(args))
        base = len(self.frames)
        if base >= self.depth_limit():
            raise ops.stack_overflow(self.max_depth)
        if code.native is None and code.translated is None and self.tiers.count_call(code):
            self.on_call_count(function, args)
        if code.native is not None:
            result = code.native(self.depth_limit() - base, function, *args)
            if type(result) is JitSignal:
                result = self.vm.jit.settle(result, code)
            if result is not NOT_ENTERED:
                return result
        if code.translated is not None:
            depth = base + self.outside_depth()
            if depth < self.direct_depth:
                return self.translations.call(depth, function, args)
        stack = [function, *args]
        stack += code.blank_slots
        self.frames.append(new_frame(code, stack))
        return self.execute(base)

    @staticmethod
    def call_native(native: Native, args: list):
        if native.arity is not None and native.arity != len(args):
            raise ops.arity_error(native.name, native.arity, len(args))
        return native.fn(*args)

    def trace(self, base: int) -> list[TraceEntry]:
        """The Eva stack trace of frames above `base`, innermost first."""
        entries = []
        for frame in reversed(self.frames[base:]):
            code = frame[CODE]
            entries.append(TraceEntry(code.name, code.position(frame[PC] - 1)))
        return entries

    def execute(self, base: int):
        """Run until the frame at depth `base` returns; its result is returned."""
        frames = self.frames
        frame = frames[-1]
        try:
            return self.loop(frames, frame, base)
        except EvaRuntimeError as error:
            # inner runs, compiled frames and the translated frames the loop called came first
            error.trace.extend(self.translations.trace(error))
            error.trace.extend(self.trace(base))
            del frames[base:]
            raise error.with_traceback(None)  # the next trace up sees only frames above here
        except ops.HOST_LIMITS as host:  # out of memory, host recursion: Eva errors too
            error = ops.host_limit(host)
            error.trace.extend(self.translations.trace(host))
            error.trace.extend(self.trace(base))
            del frames[base:]
            raise error from None
        except BaseException:  # Ctrl-C, or a VM bug: leave the frame stack as it was
            del frames[base:]
            raise

    def loop(self, frames: list, frame: list, base: int):
        """The dispatch loop. On error, the frame's pc is saved so the trace shows the position."""
        alloc = self.heap.alloc
        max_depth = self.depth_limit()
        tiers = self.tiers
        hot_calls, hot_loops, warm_calls = tiers.hot_calls, tiers.hot_loops, tiers.warm_calls
        warm_loops = tiers.warm_loops
        counting = hot_calls > 0 or warm_calls > 0  # calls lead somewhere: translation, the JIT
        counting_loops = hot_loops > 0 or warm_loops > 0  # and back-edges
        outside = self.outside_depth()
        quickened_range, object_range = QUICKENED_RANGE, OBJECT_RANGE  # (see ORDER)
        variable_range = VARIABLE_RANGE
        direct_limit = self.direct_depth - outside  # frames below which calls run translated
        code = frame[CODE]
        insns = code.insns
        stack = frame[STACK]
        pc = frame[PC]
        # opcodes as locals (see module docstring)
        GET_LOCAL = int(Op.GET_LOCAL); CONST = int(Op.CONST); SET_LOCAL = int(Op.SET_LOCAL); POP = int(Op.POP)
        ADD_INT = int(Op.ADD_INT); SUB_INT = int(Op.SUB_INT); LT_INT = int(Op.LT_INT); JUMP_IF_FALSE = int(Op.JUMP_IF_FALSE)
        GET_GLOBAL = int(Op.GET_GLOBAL); CALL = int(Op.CALL); RETURN = int(Op.RETURN); LOOP = int(Op.LOOP)
        JUMP = int(Op.JUMP); MUL_INT = int(Op.MUL_INT); ADD_FLOAT = int(Op.ADD_FLOAT); SUB_FLOAT = int(Op.SUB_FLOAT)
        MUL_FLOAT = int(Op.MUL_FLOAT); LT_FLOAT = int(Op.LT_FLOAT); INT_BINARY = int(Op.INT_BINARY)
        FLOAT_BINARY = int(Op.FLOAT_BINARY); GET_PROP = int(Op.GET_PROP)
        SET_PROP = int(Op.SET_PROP); GET_FREE = int(Op.GET_FREE); SET_FREE = int(Op.SET_FREE)
        GET_CELL = int(Op.GET_CELL); SET_CELL = int(Op.SET_CELL); DECLARE_LOCAL = int(Op.DECLARE_LOCAL)
        GET_LOCAL_CHECKED = int(Op.GET_LOCAL_CHECKED); SET_LOCAL_CHECKED = int(Op.SET_LOCAL_CHECKED)
        ADD = int(Op.ADD); SUB = int(Op.SUB); MUL = int(Op.MUL); DIV = int(Op.DIV); MOD = int(Op.MOD); LT = int(Op.LT); GT = int(Op.GT)
        LE = int(Op.LE); GE = int(Op.GE); EQ = int(Op.EQ); NE = int(Op.NE); NOT = int(Op.NOT); NEG = int(Op.NEG)
        GET_INDEX = int(Op.GET_INDEX); SET_INDEX = int(Op.SET_INDEX); SET_GLOBAL = int(Op.SET_GLOBAL)
        DEFINE_GLOBAL = int(Op.DEFINE_GLOBAL); JUMP_IF_FALSE_KEEP = int(Op.JUMP_IF_FALSE_KEEP)
        JUMP_IF_TRUE_KEEP = int(Op.JUMP_IF_TRUE_KEEP); DUP = int(Op.DUP); DUP2 = int(Op.DUP2)
        MAKE_FUNCTION = int(Op.MAKE_FUNCTION); MAKE_CELL = int(Op.MAKE_CELL); CLEAR_LOCAL = int(Op.CLEAR_LOCAL)
        BOX_ARG = int(Op.BOX_ARG); DECLARE_CELL = int(Op.DECLARE_CELL); LOAD_CELL = int(Op.LOAD_CELL)
        LOAD_FREE = int(Op.LOAD_FREE); MAKE_LIST = int(Op.MAKE_LIST); NEW = int(Op.NEW); MAKE_CLASS = int(Op.MAKE_CLASS)
        SUPER = int(Op.SUPER); GET_LOCAL2 = int(Op.GET_LOCAL2); STORE_LOCAL = int(Op.STORE_LOCAL)
        GET_LOCAL_CONST = int(Op.GET_LOCAL_CONST); JUMP_IF_NOT_LT = int(Op.JUMP_IF_NOT_LT)
        JUMP_IF_NOT_LT_INT = int(Op.JUMP_IF_NOT_LT_INT)
        JUMP_IF_NOT_LT_FLOAT = int(Op.JUMP_IF_NOT_LT_FLOAT)
        LC_BINARY = int(Op.LC_BINARY); LL_BINARY = int(Op.LL_BINARY)
        SC_BINARY = int(Op.SC_BINARY); SL_BINARY = int(Op.SL_BINARY)
        LC_JUMP_IF_NOT_LT = int(Op.LC_JUMP_IF_NOT_LT); LL_JUMP_IF_NOT_LT = int(Op.LL_JUMP_IF_NOT_LT)
        EXPRESSION = int(Op.EXPRESSION)
        LC_STORE = int(Op.LC_STORE); LL_STORE = int(Op.LL_STORE); STORE_FREE = int(Op.STORE_FREE)
        STORE_INDEX = int(Op.STORE_INDEX); STORE_PROP = int(Op.STORE_PROP)
        CALL_GLOBAL_LOCAL = int(Op.CALL_GLOBAL_LOCAL); CALL_GLOBAL_LC = int(Op.CALL_GLOBAL_LC)
        try:
            while True:
                op, arg = insns[pc]
                pc += 1
                if quickened_range[op]:
                    if op == EXPRESSION:  # see interp/expressions.py
                        after = arg(stack)
                        if after is not None:
                            pc = after
                            continue
                        pc -= 1
                        unquicken(code, pc)
                    elif op == LC_STORE:  # store superinstructions: quickening.fuse_operands
                        slot, constant, kind, function, target = arg
                        a = stack[slot]
                        if type(a) is kind:
                            try:
                                stack[target] = function(a, constant)
                                pc += 2
                                continue
                            except ArithmeticError:
                                pass
                        pc -= 1
                        unquicken(code, pc)
                    elif op == LL_JUMP_IF_NOT_LT:
                        slot, other, target = arg
                        a = stack[slot]
                        b = stack[other]
                        kind = type(a)
                        if kind is type(b) and (kind is int or kind is float):
                            pc = pc + 1 if a < b else target
                        else:
                            pc -= 1
                            unquicken(code, pc)
                    elif op == LC_BINARY:  # operand superinstructions: see quickening.fuse_operands
                        slot, constant, kind, function = arg
                        a = stack[slot]
                        if type(a) is kind:
                            try:
                                stack.append(function(a, constant))
                                pc += 1
                                continue
                            except ArithmeticError:
                                pass
                        pc -= 1
                        unquicken(code, pc)
                    elif op == LC_JUMP_IF_NOT_LT:
                        slot, constant, kind, target = arg
                        a = stack[slot]
                        if type(a) is kind:
                            pc = pc + 1 if a < constant else target
                        else:
                            pc -= 1
                            unquicken(code, pc)
                    elif op == SC_BINARY:
                        constant, kind, function = arg
                        a = stack[-1]
                        if type(a) is kind:
                            try:
                                stack[-1] = function(a, constant)
                                pc += 1
                                continue
                            except ArithmeticError:
                                pass
                        pc -= 1
                        unquicken(code, pc)
                    elif op == STORE_FREE:
                        cell = stack[0].cells[arg]
                        if cell.value is UNDEF:
                            raise ops.undeclared_variable(code.free_names[arg])
                        cell.value = stack.pop()
                        pc += 1
                    elif op == LL_BINARY:
                        slot, other, function = arg
                        a = stack[slot]
                        b = stack[other]
                        kind = type(a)
                        if kind is type(b) and (kind is int or kind is float):
                            try:
                                stack.append(function(a, b))
                                pc += 1
                                continue
                            except ArithmeticError:
                                pass
                        pc -= 1
                        unquicken(code, pc)
                    elif op == LL_STORE:
                        slot, other, function, target = arg
                        a = stack[slot]
                        b = stack[other]
                        kind = type(a)
                        if kind is type(b) and (kind is int or kind is float):
                            try:
                                stack[target] = function(a, b)
                                pc += 2
                                continue
                            except ArithmeticError:
                                pass
                        pc -= 1
                        unquicken(code, pc)
                    elif op == SUB_FLOAT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is float and type(b) is float:
                            stack[-1] = a - b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == ADD_FLOAT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is float and type(b) is float:
                            stack[-1] = a + b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == MUL_FLOAT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is float and type(b) is float:
                            stack[-1] = a * b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == SL_BINARY:
                        slot, function = arg
                        a = stack[-1]
                        b = stack[slot]
                        kind = type(a)
                        if kind is type(b) and (kind is int or kind is float):
                            try:
                                stack[-1] = function(a, b)
                                pc += 1
                                continue
                            except ArithmeticError:
                                pass
                        pc -= 1
                        unquicken(code, pc)
                    elif op == FLOAT_BINARY:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is float and type(b) is float:
                            try:
                                stack[-1] = arg(a, b)
                                continue
                            except ArithmeticError:
                                pass
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                    elif op == JUMP_IF_NOT_LT_INT:
                        b = stack.pop()
                        a = stack.pop()
                        if type(a) is int and type(b) is int:
                            if not a < b:
                                pc = arg
                        else:
                            stack.append(a)
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == INT_BINARY:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is int and type(b) is int:
                            try:
                                stack[-1] = arg(a, b)
                                continue
                            except ArithmeticError:
                                pass
                        stack.append(b)
                        pc -= 1
                        unquicken(code, pc)
                    elif op == LT_FLOAT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is float and type(b) is float:
                            stack[-1] = a < b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == JUMP_IF_NOT_LT_FLOAT:
                        b = stack.pop()
                        a = stack.pop()
                        if type(a) is float and type(b) is float:
                            if not a < b:
                                pc = arg
                        else:
                            stack.append(a)
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    else:
                        raise AssertionError(f"the interpreter has no case for {Op(op).name}")
                elif object_range[op]:
                    if op == GET_LOCAL2:
                        a, b = arg
                        stack.append(stack[a])
                        stack.append(stack[b])
                    elif op == GET_PROP:  # arg: the instruction's cache (shapes.attach_sites)
                        obj = stack[-1]
                        if type(obj) is Instance:
                            shape = obj.shape
                            if shape is arg.shape:
                                stack[-1] = obj.values[arg.index]
                            elif shape is arg.method_shape and obj.cls is arg.method_class:
                                stack[-1] = arg.method
                            else:
                                stack[-1] = ops.get_property_at(obj, arg)
                        else:
                            stack[-1] = ops.get_property_at(obj, arg)
                    elif op == STORE_LOCAL:
                        stack[arg] = stack.pop()
                    elif op == ADD_INT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is int and type(b) is int:
                            stack[-1] = a + b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == STORE_PROP or op == SET_PROP:
                        value = stack.pop()
                        obj = stack[-1]
                        if type(obj) is Instance:
                            shape = obj.shape
                            if shape is arg.shape:
                                obj.values[arg.index] = value
                            elif shape is arg.before:
                                obj.values.append(value)
                                obj.shape = arg.after
                            else:
                                ops.set_property_at(obj, arg, value)
                        else:
                            ops.set_property_at(obj, arg, value)
                        if op == STORE_PROP:  # (the POP after it: quickening.fuse_operands)
                            del stack[-1]
                            pc += 1
                        else:
                            stack[-1] = value
                    elif op == GET_INDEX:
                        obj = stack[-2]
                        index = stack[-1]
                        if type(obj) is List and type(index) is int and 0 <= index < len(obj.items):
                            value = obj.items[index]
                        else:
                            value = ops.get_index(obj, index, alloc)
                        del stack[-1]
                        stack[-1] = value
                    elif op == STORE_INDEX or op == SET_INDEX:
                        value = stack.pop()
                        index = stack.pop()
                        obj = stack[-1]
                        if type(obj) is List and type(index) is int and 0 <= index < len(obj.items):
                            obj.items[index] = value
                        else:
                            ops.set_index(obj, index, value)
                        if op == STORE_INDEX:  # (the POP after it: quickening.fuse_operands)
                            del stack[-1]
                            pc += 1
                        else:
                            stack[-1] = value
                    elif op == GET_LOCAL_CONST:
                        a, b = arg
                        stack.append(stack[a])
                        stack.append(b)
                    elif op == MUL_INT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is int and type(b) is int:
                            stack[-1] = a * b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == JUMP_IF_NOT_LT:
                        b = stack.pop()
                        a = stack.pop()
                        if insns[pc - 1] is code.generic_insns[pc - 1]:  # its first run
                            quicken(code, pc - 1, a, b)
                        if not ops.compare("<", a, b):
                            pc = arg
                    elif op == MAKE_LIST:
                        items = stack[len(stack) - arg:]
                        value = alloc(List(items))
                        del stack[len(stack) - arg:]
                        stack.append(value)
                    elif op == SUB_INT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is int and type(b) is int:
                            stack[-1] = a - b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == LT_INT:
                        b = stack.pop()
                        a = stack[-1]
                        if type(a) is int and type(b) is int:
                            stack[-1] = a < b
                        else:
                            stack.append(b)
                            pc -= 1
                            unquicken(code, pc)
                    elif op == SUPER:
                        stack[-1] = ops.superclass(stack[-1])
                    else:
                        raise AssertionError(f"the interpreter has no case for {Op(op).name}")
                elif variable_range[op]:
                    if op == GET_LOCAL:
                        stack.append(stack[arg])
                    elif op == GET_GLOBAL:
                        value = arg.value
                        if value is UNDEF:
                            raise ops.undefined_variable(arg.name)
                        stack.append(value)
                    elif op == CALL_GLOBAL_LOCAL:  # see quickening.fuse_operands
                        global_, slot = arg
                        callee = global_.value
                        if type(callee) is Native and (callee.arity == 1 or callee.arity is None):
                            pc += 2  # (past the CALL: an error is the call's)
                            stack.append(callee.fn(stack[slot]))
                        elif callee is UNDEF:
                            raise ops.undefined_variable(global_.name)
                        else:  # the GET_LOCAL and CALL after it run as they are
                            stack.append(callee)
                    elif op == CONST:
                        stack.append(arg)
                    elif op == GET_FREE:
                        value = stack[0].cells[arg].value  # slot 0: the running closure
                        if value is UNDEF:
                            raise ops.undeclared_variable(code.free_names[arg])
                        stack.append(value)
                    elif op == POP:
                        stack.pop()
                    elif op == SET_LOCAL:
                        stack[arg] = stack[-1]
                    elif op == DEFINE_GLOBAL:
                        arg.value = stack[-1]
                        if arg.watched:
                            self.vm.jit.global_rebound(arg)
                    elif op == MAKE_CELL:
                        stack[arg] = alloc(Cell())
                    elif op == DECLARE_CELL:
                        stack[arg].value = stack[-1]
                    elif op == LOAD_CELL:
                        stack.append(stack[arg])
                    elif op == SET_FREE:
                        cell = stack[0].cells[arg]
                        if cell.value is UNDEF:
                            raise ops.undeclared_variable(code.free_names[arg])
                        cell.value = stack[-1]
                    elif op == GET_CELL:
                        value = stack[arg].value
                        if value is UNDEF:
                            raise ops.undeclared_variable(code.variable_names.get(pc - 1, '?'))
                        stack.append(value)
                    elif op == SET_CELL:
                        cell = stack[arg]
                        if cell.value is UNDEF:
                            raise ops.undeclared_variable(code.variable_names.get(pc - 1, '?'))
                        cell.value = stack[-1]
                    elif op == DECLARE_LOCAL:
                        stack[arg] = stack[-1]
                    elif op == GET_LOCAL_CHECKED:
                        value = stack[arg]
                        if value is UNDEF:
                            raise ops.undeclared_variable(code.variable_names.get(pc - 1, '?'))
                        stack.append(value)
                    elif op == SET_LOCAL_CHECKED:
                        if stack[arg] is UNDEF:
                            raise ops.undeclared_variable(code.variable_names.get(pc - 1, '?'))
                        stack[arg] = stack[-1]
                    elif op == SET_GLOBAL:
                        if arg.value is UNDEF:
                            raise ops.undefined_variable(arg.name)
                        arg.value = stack[-1]
                        if arg.watched:
                            self.vm.jit.global_rebound(arg)
                    elif op == DUP:
                        stack.append(stack[-1])
                    elif op == DUP2:
                        stack += stack[-2:]
                    elif op == CLEAR_LOCAL:
                        stack[arg] = UNDEF
                    elif op == BOX_ARG:
                        stack[arg] = alloc(Cell(stack[arg]))
                    elif op == LOAD_FREE:
                        stack.append(stack[0].cells[arg])
                    else:
                        raise AssertionError(f"the interpreter has no case for {Op(op).name}")
                else:
                    if op == LOOP:
                        if counting_loops:
                            back_edges = code.counters.back_edges
                            count = back_edges[pc - 1] = back_edges[pc - 1] + 1
                            if count == hot_loops or count == warm_loops:
                                frame[2] = pc  # PC
                                after = self.on_loop_count(frame, count, arg, outside)
                                if after is not None:
                                    pc = after
                                    continue
                        pc = arg
                    elif op == RETURN:
                        result = stack[-1]
                        if frame[3] is not None:  # CONSTRUCT
                            result = frame[3]
                        frames.pop()
                        if len(frames) == base:
                            return result
                        frame = frames[-1]
                        stack = frame[0]  # STACK
                        code = frame[1]  # CODE
                        insns = code.insns
                        pc = frame[2]  # PC
                        stack.append(result)
                    elif op == CALL:
                        callee = stack[-arg - 1]
                        if type(callee) is Function:
                            callee_code = callee.code
                            if callee_code.arity != arg:
                                raise ops.arity_error(callee_code.name, callee_code.arity, arg)
                            if len(frames) >= max_depth:
                                raise ops.stack_overflow(self.max_depth)
                            entry = callee_code.native
                            if entry is not None:
                                result = entry(max_depth - len(frames),
                                               *stack[len(stack) - arg - 1:])
                                if type(result) is JitSignal:
                                    frame[2] = pc  # PC
                                    result = self.vm.jit.settle(result, callee_code)
                                if result is not NOT_ENTERED:
                                    del stack[-arg - 1:]
                                    stack.append(result)
                                    continue
                            translated = callee_code.translated
                            if translated is not None and len(frames) < direct_limit:
                                frame[2] = pc  # PC
                                result = translated(len(frames) + outside, callee,
                                                    *stack[len(stack) - arg:])
                                del stack[-arg - 1:]
                                stack.append(result)
                                continue
                            if counting:
                                counters = callee_code.counters
                                calls = counters.calls = counters.calls + 1
                                if calls == hot_calls or calls == warm_calls:
                                    self.on_call_count(callee, stack[len(stack) - arg:])
                                    pc -= 1  # dispatch the call again: native or translated now
                                    continue
                            frame[2] = pc  # PC
                            new_stack = stack[-arg - 1:]
                            if callee_code.blank_slots:
                                new_stack += callee_code.blank_slots
                            del stack[-arg - 1:]
                            frame = [new_stack, callee_code, 0, None]  # see frames.py
                            frames.append(frame)
                            stack = new_stack
                            code = callee_code
                            insns = code.insns
                            pc = 0
                        elif type(callee) is Native:  # (call_native, inline)
                            if callee.arity is not None and callee.arity != arg:
                                raise ops.arity_error(callee.name, callee.arity, arg)
                            result = callee.fn(*stack[len(stack) - arg:])
                            del stack[-arg - 1:]
                            stack.append(result)
                        else:
                            raise ops.call_error(callee)
                    elif op == CALL_GLOBAL_LC:  # see quickening.fuse_operands
                        global_, slot, constant, kind, function = arg
                        callee = global_.value
                        a = stack[slot]
                        # (nothing counting calls, no tier but this one runs any function:
                        # the callee has neither native code nor a translation)
                        if type(callee) is Function and type(a) is kind and not counting:
                            callee_code = callee.code
                            if callee_code.arity == 1:
                                try:
                                    value = function(a, constant)
                                except ArithmeticError:  # (LC_BINARY's error, as it is)
                                    stack.append(callee)
                                    continue
                                pc += 3  # past the CALL: an error is the call's
                                if len(frames) >= max_depth:
                                    raise ops.stack_overflow(self.max_depth)
                                frame[2] = pc  # PC
                                stack = [callee, value]
                                if callee_code.blank_slots:
                                    stack += callee_code.blank_slots
                                frame = [stack, callee_code, 0, None]  # see frames.py
                                frames.append(frame)
                                code = callee_code
                                insns = code.insns
                                pc = 0
                                continue
                        if callee is UNDEF:
                            raise ops.undefined_variable(global_.name)
                        stack.append(callee)  # the LC_BINARY and CALL after it run as they are
                    elif op == JUMP_IF_FALSE:
                        value = stack.pop()
                        if value is False or value is None:
                            pc = arg
                    elif op == EQ:
                        b = stack.pop()
                        a = stack[-1]
                        if insns[pc - 1] is code.generic_insns[pc - 1]:  # its first run
                            quicken(code, pc - 1, a, b)
                        stack[-1] = equal(a, b)
                    elif op == ADD or op == SUB or op == MUL or op == DIV or op == MOD:
                        b = stack[-1]
                        a = stack[-2]
                        if insns[pc - 1] is code.generic_insns[pc - 1]:  # its first run
                            quicken(code, pc - 1, a, b)
                        if op == ADD:
                            result = ops.add(a, b, alloc)
                        elif op == SUB:
                            result = ops.subtract(a, b)
                        elif op == MUL:
                            result = ops.multiply(a, b)
                        elif op == DIV:
                            result = ops.divide(a, b)
                        else:
                            result = ops.modulo(a, b)
                        del stack[-1]
                        stack[-1] = result
                    elif op == JUMP:
                        pc = arg
                    elif op == NEW:
                        cls = stack[-arg - 1]
                        constructor = ops.constructor_of(cls, arg)
                        instance = alloc(Instance(cls))
                        if constructor is None:
                            stack[-1] = instance
                            continue
                        if len(frames) >= max_depth:
                            raise ops.stack_overflow(self.max_depth)
                        callee_code = constructor.code
                        frame[2] = pc  # PC
                        translated = callee_code.translated
                        if translated is not None and len(frames) < direct_limit:
                            translated(len(frames) + outside, constructor, instance,
                                       *stack[len(stack) - arg:])
                            del stack[-arg - 1:]
                            stack.append(instance)
                            continue
                        self.count_construction(callee_code)
                        new_stack = [constructor, instance, *stack[len(stack) - arg:]]
                        del stack[-arg - 1:]
                        new_stack += callee_code.blank_slots
                        frame = [new_stack, callee_code, 0, instance]  # see frames.py
                        frames.append(frame)
                        stack = new_stack
                        code = callee_code
                        insns = code.insns
                        pc = 0
                    elif op == MAKE_FUNCTION:
                        function_code, ncells = arg
                        if ncells:
                            captured = tuple(stack[-ncells:])
                            del stack[-ncells:]
                        else:
                            captured = ()
                        stack.append(alloc(Function(function_code, captured,
                                                    function_code.name)))
                    elif op == MAKE_CLASS:
                        name, count = arg
                        methods = stack[len(stack) - count:]
                        cls = ops.make_class(name, stack[-count - 1], methods, alloc)
                        del stack[-count - 1:]
                        stack.append(cls)
                    elif op == NEG:
                        stack[-1] = ops.negate(stack[-1])
                    elif op == LT or op == GT or op == LE or op == GE:
                        b = stack.pop()
                        a = stack[-1]
                        if insns[pc - 1] is code.generic_insns[pc - 1]:  # its first run
                            quicken(code, pc - 1, a, b)
                        stack[-1] = ops.compare(COMPARISONS[op], a, b)
                    elif op == NE:
                        b = stack.pop()
                        a = stack[-1]
                        if insns[pc - 1] is code.generic_insns[pc - 1]:  # its first run
                            quicken(code, pc - 1, a, b)
                        stack[-1] = not equal(a, b)
                    elif op == NOT:
                        value = stack[-1]
                        stack[-1] = value is False or value is None
                    elif op == JUMP_IF_FALSE_KEEP:
                        value = stack[-1]
                        if value is False or value is None:
                            pc = arg
                        else:
                            stack.pop()
                    elif op == JUMP_IF_TRUE_KEEP:
                        value = stack[-1]
                        if value is False or value is None:
                            stack.pop()
                        else:
                            pc = arg
                    else:
                        raise AssertionError(f"the interpreter has no case for {Op(op).name}")
        except BaseException:
            frame[2] = pc  # PC
            raise


COMPARISONS = {Op.LT: "<", Op.GT: ">", Op.LE: "<=", Op.GE: ">="}

# The ranges of opcodes the dispatch loop tells apart first, as tuples of booleans indexed by
# opcode: a lookup branching far costs about 104 machine instructions where a comparison
# `op >= ADD_FLOAT` branching far costs 183 (see ORDER).
VARIABLE_RANGE = tuple(op < Op.ADD or op == Op.CALL_GLOBAL_LOCAL for op in Op)
"""The variable instructions, and CALL_GLOBAL_LOCAL, which takes GET_GLOBAL's place. (What no
range takes, from ADD to GET_PROP: operators, jumps, calls, and CALL_GLOBAL_LC.)"""
QUICKENED_RANGE = tuple(Op.ADD_FLOAT <= op and not VARIABLE_RANGE[op] and op != Op.CALL_GLOBAL_LC
                        for op in Op)
"""The quickened forms and superinstructions from ADD_FLOAT on, but CALL_GLOBAL_LOCAL (with the
variables) and CALL_GLOBAL_LC (with the calls and jumps that no range takes: see ORDER)."""
OBJECT_RANGE = tuple(Op.GET_PROP <= op < Op.ADD_FLOAT for op in Op)
"""Objects, lists, the peephole superinstructions and the quickened integer forms."""
