"""Lowering: a typed code object to LLVM IR (text), using llvmlite.ir only.

Each compilation unit is one LLVM module with two functions (three for a small self-recursive
function, whose always-inlined copy `Lowerer.lower` explains), N being the unit's id:

    {i64, i32} @fn_N(i64 %depth, <unboxed parameters>)
        the compiled code. `depth` counts the compiled frames below (checked against
        `eva_limit`; written to `eva_depth` only when calling back into Python). Returns the
        result's 64 bits and a status (abi.py): STATUS_OK, the value is the result;
        STATUS_BOXED, the function deoptimized and the interpreter finished it, the boxed
        result waits in the runtime; STATUS_ERROR, a Python exception is set (an Eva error,
        Ctrl-C); STATUS_RESUME, an OSR unit deoptimized and its frame continues in the
        interpreter. Results travel in registers.
    ptr @entry_N(ptr %self, ptr %args, i64 %nargs)
        a METH_FASTCALL builtin the interpreter calls: args[0] is the remaining depth
        budget, then the function (slot 0: a closure's unit reads its cells) and the Eva
        arguments (an OSR unit's: the live locals). It checks and unboxes them (a boxed
        parameter is lent as it is), calls @fn_N and boxes the result, or returns one of the runtime's signal objects (not entered, declined,
        pending, resume), or NULL with the exception set (`raise_error`).

plus the internal helpers `eva_runtime` (calls the runtime's Python functions) and
`eva_note_unwind`, made at their first use. Everything outside the module is reached
through slots (slots.py).

Boxed values. Any Eva value the unboxed kinds cannot hold (a string, a list, an instance, a
class, a function, a cell, a big integer, or a value whose type differs between paths) is
BOXED: a pointer to its Python object, and a reference the frame owns. Each frame of a unit
that has boxed values reserves a root area of `nslots + max_stack` words on the runtime's
shadow stack (`eva_roots`, `eva_roots_top`): slot s lives at word s and operand stack entry
d at word nslots + d while they hold a boxed value. A word holds NULL or an owned reference,
and words above the top are NULL. So:
- the collector sees every object a native frame holds (Runtime.roots scans the shadow
  stack); a runtime call, where a collection may happen, needs no spilling;
- every way out of the frame (return, deopt, error, Ctrl-C, a loop unit's exit) releases
  the area (`release_area`: decref each word, clear it, pop the area) in one place;
- a deopt reads the boxed values from the area (resume.Area), the interpreter's frame takes
  its own references, and the area is released after.
Operations on boxed values call the runtime's Python functions (runtime.py, `rt_*`) with
PyObject_Vectorcall (`call_object`): they take borrowed arguments and return a new
reference, or NULL with the exception set (then `error_exit`).

Each instruction is lowered by the `lower_*` method its opcode's rule names for its operand
kinds (rules.py, `LOWERINGS`). Locals and stack values crossing block boundaries live in
allocas, one per (slot, type) and (depth, type); LLVM's mem2reg turns them into SSA
registers. Every guard branches to a shared deopt block (`lower_deopt_blocks`) that writes
the live values (resume.py's layout) and calls the runtime.
"""

from __future__ import annotations

from functools import partial

from llvmlite import ir

from eva.jit.abi import (MAX_NATIVE_DEPTH, MAX_NESTED_ENTRIES, MAX_UNWIND_SITES, ROOTS_CAPACITY,
                         STATUS_BOXED, STATUS_ERROR, STATUS_OK, STATUS_RESUME)
from eva.jit.analysis import State, TypedCode
from eva.jit.callcache import ENTRIES as CALL_CACHE_ENTRIES, CallCache
from eva.jit.environment import Environment
from eva.jit.resume import PENDING_RESULT, Area, Copy, DeoptPoint, Known, unbox
from eva.jit.rules import (ANY, CALL_RESULT_TYPE, DIVISION_BY_ZERO, FLOOR_NOT_FINITE,
                           FLOOR_OUT_OF_RANGE, GLOBAL_REBOUND, GLOBAL_TOO_LARGE, GLOBAL_TYPE,
                           INEXACT_COMPARISON, INEXACT_DIVISION, INEXACT_TO_FLOAT, MODULO_BY_ZERO,
                           NEGATIVE_SQRT, OVERFLOW, PROPERTY_TYPE, RULES, UNDECLARED,
                           UNDEFINED_GLOBAL, WATCHED_GLOBAL)
from eva.jit.slots import slot_symbol
from eva.jit.types import BOOL, BOXED, FLOAT, INT, NULL, UNDEF_T, Callee, JitType, type_of
from eva.objects import Native
from eva.opcodes import OPCODES, Op
from eva.shapes import POLYMORPHIC, site_for

I1, I8, I32, I64, F64 = ir.IntType(1), ir.IntType(8), ir.IntType(32), ir.IntType(64), ir.DoubleType()
PTR = ir.PointerType()
EXACT_FLOAT_INT = 1 << 53
"""Integers up to 2**53 in magnitude convert to double exactly; beyond, mixed int/float
comparisons and int/int division would round where Python is exact, so they deopt."""
POLL_INTERVAL = 1 << 20
"""Back-edges between two chances for Python to handle signals: a few milliseconds of the
tightest loop, and no measurable cost."""

DEOPT_PHI_WORDS = 16
"""Values a failed guard passes to the shared deopt block through phis, at most; the others
are stored in the deopt buffer before the guard (`Lowerer.deopt_words`). Above the live values
of every guard of the benchmarks and of the golden corpus's ordinary functions, so they
store nothing on the fast path."""

DEOPT_BLOCK_GUARDS = 64
"""Guards that share one deopt block (`Lowerer.lower_deopt_blocks`)."""

SELF_INLINE_LIMIT = 48
"""Bytecode instructions up to which a self-recursive function gets an inline copy (see
`Lowerer.lower`). The copy multiplies the function's size by its number of self-calls, and
LLVM's compile time with it; fib-sized functions are where the calls dominate."""

LLVM_TYPES = {INT: I64, FLOAT: F64, BOOL: I1, BOXED: PTR}
RESULT = ir.LiteralStructType([I64, I32])
"""What compiled functions return: the result's 64 bits (see `to_word`) and a status."""


class FunctionPointerLoad(ir.LoadInstr):
    """A load of a function pointer that can be called: it carries the function's type, which
    llvmlite's call instruction asks its callee for (an ir.Function has it from its own type;
    an opaque pointer has none)."""

    function_type = None


class FunctionPointerCast(ir.CastInstr):
    """An address made a function pointer that can be called (as FunctionPointerLoad)."""

    function_type = None


class ColdCallAttributes(ir.instructions.CallInstrAttributes):
    """Call-site attributes that may say `cold` (llvmlite's own set does not know it): a call
    so marked tells LLVM the path to it is rarely taken, as a callee declared cold would."""

    _known = ir.instructions.CallInstrAttributes._known | {"cold"}


class LoweredUnit:
    """What codegen and the runtime need to know about one lowered unit."""

    def __init__(self, fn_name: str, entry_name: str, call_entry_name: str | None):
        self.ir_text = ""
        self.fn_name = fn_name
        self.entry_name = entry_name
        self.call_entry_name = call_entry_name  # a function unit's, for call caches
        self.deopts: list[DeoptPoint] = []
        self.slots: list[str] = []  # the names whose addresses the JIT binds


class Lowerer:
    """Lowers one TypedCode: the compiled function (`lower_body`), then its entry."""
    def __init__(self, typed: TypedCode, env: Environment):
        self.typed = typed
        self.code = typed.code
        self.env = env
        self.module = ir.Module(name=f"eva_unit_{env.unit_id}")
        self.module.triple = ""
        self.fn_name = f"fn_{env.unit_id}"
        self.entry_name = f"entry_{env.unit_id}"
        self.call_entry_name = f"call_{env.unit_id}" if typed.entry_pc == 0 else None
        self.unit = LoweredUnit(self.fn_name, self.entry_name, self.call_entry_name)
        self.slots: dict[str, ir.GlobalVariable] = {}     # see `slot`
        self.declared: dict[str, ir.Function] = {}        # LLVM intrinsics
        self.param_slots = typed.params
        self.param_types = [typed.entry_slots[s] for s in self.param_slots]
        self.ret_type = typed.return_type

    # -- module-level declarations ---------------------------------------------------------

    def slot(self, name: str) -> ir.GlobalVariable:
        """The module's slot for the address of `name`, something outside the module (see
        slots.py), made on first use."""
        var = self.slots.get(name)
        if var is None:
            var = self.slots[name] = ir.GlobalVariable(self.module, PTR, slot_symbol(name))
            var.initializer = ir.Constant(PTR, None)
            var.linkage = "protected"  # exported for the loader, never preempted by another
            self.unit.slots.append(name)
        return var

    def address(self, name: str):
        """`name`'s address, loaded from its slot where the builder stands. The load is
        invariant (the slot is written once, before the code first runs), so the backend may
        merge, hoist or rematerialize it as it does a GOT access."""
        load = self.builder.load(self.slot(name), typ=PTR)
        load.set_metadata("invariant.load", self.module.add_metadata([]))
        return load

    def object_address(self, name: str):
        """A Python object native code compares with or returns (runtime.object_symbols)."""
        return self.address("obj_" + name)

    def external_function(self, name: str, ret, args):
        """A function outside the module, to call: an LLVM intrinsic is declared; anything
        else is called through its slot."""
        fnty = ir.FunctionType(ret, args)
        if name.startswith("llvm."):
            if name not in self.declared:
                self.declared[name] = ir.Function(self.module, fnty, name=name)
            return self.declared[name]
        return self.through_slot(name, fnty)

    def through_slot(self, name: str, fnty: ir.FunctionType):
        """`name` loaded from its slot, typed as `fnty` for llvmlite's call instruction (which
        reads the callee's `function_type`, an attribute only ir.Function has by itself)."""
        pointer = self.address(name)
        pointer.__class__ = FunctionPointerLoad
        pointer.function_type = fnty
        return pointer

    def cold_call(self, callee, values):
        """Call a rarely taken way out (deoptimizing, unwinding an error): the call is marked
        cold, so LLVM lays out and allocates registers for the paths that do not reach it."""
        call = self.builder.call(callee, values)
        call.attributes = ColdCallAttributes(["cold"])
        return call

    def helper(self, name: str, fnty: ir.FunctionType, build) -> ir.Function:
        """An internal function of the module, made by `build(function)` at its first use."""
        function = self.declared.get(name)
        if function is None:
            function = self.declared[name] = ir.Function(self.module, fnty, name=name)
            function.linkage = "internal"
            function.attributes.add("noinline")
            outer = self.builder
            self.builder = ir.IRBuilder(function.append_basic_block("entry"))
            try:
                build(function)
            finally:
                self.builder = outer
        return function

    def call_runtime(self, callable_name: str, number, words, out, cold: bool = False):
        """Call one of the runtime's Python functions (runtime.Runtime's `rt_*`) with a number
        and two buffers; its result is a status. A Python exception on the way (an Eva error,
        Ctrl-C) makes the status STATUS_ERROR with the exception set, which is how native
        code sees every error (`eva_runtime`, in the process's shared code: support.py)."""
        function = self.external_function("eva_runtime", I32, [PTR, I64, PTR, PTR])
        values = [self.object_address(callable_name), number, words, out]
        return self.cold_call(function, values) if cold else self.builder.call(function, values)

    def note_unwind(self, pc: int) -> None:
        """An error passes through this frame at `pc`: record the call site in the runtime's
        unwind list (C memory, as the error is set and no Python may run), which the entry
        turns into Eva stack trace lines (Runtime.rt_unwound)."""
        function = self.helper("eva_note_unwind", ir.FunctionType(ir.VoidType(), [I64]),
                               self.build_note_unwind)
        self.cold_call(function, [ir.Constant(I64, self.env.new_site_id(self.code, pc, None))])

    def build_note_unwind(self, function) -> None:
        b = self.builder
        count_address = self.address("eva_unwind_count")
        count = b.load(count_address, typ=I64)
        room = function.append_basic_block("room")
        full = function.append_basic_block("full")
        b.cbranch(b.icmp_unsigned("<", count, ir.Constant(I64, MAX_UNWIND_SITES)), room, full)
        b.position_at_end(room)
        b.store(function.args[0], b.gep(self.address("eva_unwind_sites"), [count],
                                        source_etype=I64))
        b.store(b.add(count, ir.Constant(I64, 1)), count_address)
        b.ret_void()
        b.position_at_end(full)
        b.ret_void()

    def signature(self, param_types) -> ir.FunctionType:
        """{value, status} fn(depth, unboxed parameters...): see the module docstring."""
        return ir.FunctionType(RESULT, [I64] + [LLVM_TYPES[t] for t in param_types
                                                if t is not None and t.stored])

    def result(self, word, status):
        """Return {word, status} from the compiled function."""
        b = self.builder
        pair = b.insert_value(ir.Constant(RESULT, ir.Undefined), word, 0)
        b.ret(b.insert_value(pair, status, 1))

    # -- the compiled function ---------------------------------------------------------------

    def lower(self) -> LoweredUnit:
        """The compiled function, its inline copy if it has one, then the entry.

        A small self-recursive function gets a copy: internal and always inlined, and the
        self-calls of each call the other. LLVM inlines the copy, so every native call runs
        two levels of the recursion and the base case's test runs in the caller: fib makes
        half the native calls. The copy is the same code with the same guards, deopt points
        and call sites, so its IR is the function's own text under the copy's name
        (`with_inline_copy`): a guard that fails inside it deoptimizes that one activation,
        whose caller receives the result exactly as from a real call. Copying the text
        instead of lowering the body a second time takes 30 % off fib's lowering."""
        signature = self.signature(self.param_types)
        self.function = ir.Function(self.module, signature, self.fn_name)
        self.function.linkage = "protected"  # its own calls stay direct in a shared object
        self.self_callee = self.function
        copy = None
        calls_itself = any(site.kind == "self" for site in self.typed.calls.values())
        if calls_itself and len(self.typed.states) <= SELF_INLINE_LIMIT:
            copy = ir.Function(self.module, signature, self.fn_name + ".inline")
            copy.linkage = "internal"
            copy.attributes.add("alwaysinline")
            ir.IRBuilder(copy.append_basic_block("entry")).unreachable()  # see with_inline_copy
            self.self_callee = copy
        self.lower_body()
        self.call_entry = None
        if self.typed.entry_pc == 0:
            self.lower_call_entry()
        self.lower_entry()
        text = str(self.module)
        self.unit.ir_text = text if copy is None else self.with_inline_copy(text, copy)
        return self.unit

    def with_inline_copy(self, text: str, copy: ir.Function) -> str:
        """The module's `text` with the copy's placeholder body replaced by the function's
        body, in which the self-calls (which call the copy) call the function. Both have
        the same parameters, named alike."""
        header = str(copy).partition("\n{")[0]
        body = "\n{" + str(self.function).partition("\n{")[2]
        body = body.replace(f"{copy.get_reference()}(", f"{self.function.get_reference()}(")
        return text.replace(str(copy), header + body)

    def lower_body(self) -> None:
        fn = self.function
        entry = fn.append_basic_block("entry")
        self.builder = b = ir.IRBuilder(entry)
        self.allocas: dict = {}
        self.object_args = None  # the arguments of runtime calls (call_object)
        self.slot_values: dict = {}  # see `slot_value`
        self.entry_builder = ir.IRBuilder(entry)
        self.blocks = {pc: fn.append_basic_block(self.label(pc)) for pc in self.block_starts()}
        self.deopt_blocks: list = []  # the shared deopt blocks, one per DEOPT_BLOCK_GUARDS
        self.deopt_exits: list = []  # (block, point id, words) per failed-guard path
        self.stack_base = self.nslots()
        self.transfer_base = self.stack_base + self.max_stack()
        self.deopt_buffer = b.alloca(I64, size=self.transfer_base + DEOPT_PHI_WORDS,
                                     name="deoptbuf")
        self.spilled: dict = {}  # buffer position -> the value stored there (see `deopt_words`)
        self.result_buffer = b.alloca(I64, name="resultbuf")
        self.overflow_flag = b.alloca(I32, name="overflow")
        self.poll_counter = b.alloca(I64, name="backedges")
        b.store(ir.Constant(I64, 0), self.poll_counter)
        self.depth_global = self.address("eva_depth")
        self.valid_global = self.address(self.env.valid_symbol)
        if self.env.deopt_every:
            self.countdown_global = self.address("eva_deopt_countdown")
            self.forced_global = self.address("eva_deopt_forced")
        self.depth0 = fn.args[0]
        limit = b.load(self.address("eva_limit"), name="limit", typ=I64)
        params = iter(fn.args[1:])
        values = {}
        for slot, kind in zip(self.param_slots, self.param_types):
            if kind is not None and kind.stored:
                values[slot] = next(params)
        entry_state = self.typed.states[self.typed.entry_pc]
        # what the entry's guards save: the kinds entered with (a loop header's state may
        # have boxed some of them, below)
        entered = State(tuple(kind if entry_state.slots[slot] is not None else None
                              for slot, kind in enumerate(self.typed.entry_slots)), ())
        ok = b.icmp_signed("<", self.depth0, limit)
        self.stack: list = []
        self.pc = self.typed.entry_pc
        self.boxes = self.typed.boxes
        if self.boxes:  # the frame's root area (module docstring), if the shadow stack has room
            self.area_words = self.stack_base + self.max_stack()
            top_global = self.address("eva_roots_top")
            self.area_base = b.load(top_global, typ=I64, name="area_base")
            area_end = b.add(self.area_base, ir.Constant(I64, self.area_words))
            fits = b.icmp_signed("<=", area_end, ir.Constant(I64, ROOTS_CAPACITY))
            ok = b.and_(ok, fits)
            # the words a release clears: all of the area, or (a deopt at the entry of a
            # frame that did not fit) those the shadow stack has
            self.area_count = b.select(fits, ir.Constant(I64, self.area_words),
                                       b.sub(ir.Constant(I64, ROOTS_CAPACITY), self.area_base))
            self.area = b.gep(self.address("eva_roots"), [self.area_base], source_etype=PTR,
                              name="area")
        # (the boxed arguments are not in the area yet: this deopt passes them as words)
        self.guard(ok, "stack depth", entered, current_slots=values, in_area=False)
        if self.boxes:
            b.store(area_end, top_global)
            for slot, value in values.items():
                if self.typed.entry_slots[slot] is BOXED:
                    self.incref(value)
                    b.store(value, self.area_word(slot))
        # The globals this unit calls hold what it assumed when it is entered: the boxed
        # entry checks the unit is valid, a caller in native code has just checked its own
        # validity, which watches the same globals (a caller watches its callees, a self-call
        # its own global). They are checked again at each read only when a call could have
        # run other code (a generic or cross-unit call) since. Not checking at every entry
        # takes 16 % off fib (29.2 -> 24.6 ms for fib(35)): the check is a load and a branch
        # on every native call (TypedCode.rechecks_callees).
        self.recheck_globals = self.typed.rechecks_callees
        for slot in sorted(self.typed.non_negative_entry):  # see signs.py
            negative = f"'{self.code.slot_names[slot]}' is negative"
            self.guard(b.icmp_signed(">=", values[slot], ir.Constant(I64, 0)), negative,
                       entered, current_slots=values)
        self.depth1 = b.add(self.depth0, ir.Constant(I64, 1), name="depth1")
        for slot, value in values.items():
            if self.typed.entry_slots[slot] is not BOXED:
                b.store(value, self.slot_alloca(slot, self.typed.entry_slots[slot]))
        # The entry may be a loop header where values of other types meet (a back-edge
        # brings a string where the entry had an int): box those on the way in, as flow_to
        # does on the other edges.
        for slot, kind in enumerate(entry_state.slots):
            entered = self.typed.entry_slots[slot]
            if kind is BOXED and entered is not BOXED:
                self.store_slot(slot, BOXED, self.owned_object(entered, values.get(slot)))
        b.branch(self.blocks[self.typed.entry_pc])
        for pc in sorted(self.typed.states):
            if pc in self.blocks:
                if self.builder.block is not None and not self.builder.block.is_terminated \
                        and self.builder.block is not self.blocks[pc]:
                    self.flow_to(pc)
                self.enter_block(pc)
            self.pc = pc
            self.lower_instruction(pc)
        self.lower_deopt_blocks()
        # allocas were appended to the entry block after its terminator; move them first
        entry_block = fn.entry_basic_block
        allocas = [i for i in entry_block.instructions if isinstance(i, ir.AllocaInstr)]
        others = [i for i in entry_block.instructions if not isinstance(i, ir.AllocaInstr)]
        entry_block.instructions[:] = allocas + others

    def label(self, pc: int, suffix: str = "") -> str:
        """Blocks are named by bytecode offset, as `eva dis` shows them."""
        offset = self.code.offsets[pc] if pc < len(self.code.offsets) else 0xFFFF
        return f"at{offset:04X}{suffix}"

    def block_starts(self) -> set:
        starts = {self.typed.entry_pc}
        for pc in self.typed.states:
            op, arg = self.code.generic_insns[pc]
            if OPCODES[op].jump:
                starts.add(arg)
                starts.add(pc + 1)
        return {pc for pc in starts if pc in self.typed.states}

    def nslots(self) -> int:
        return len(self.typed.entry_slots)

    def max_stack(self) -> int:
        """Operand stack entries a guard may see: the deepest state, and the two operands an
        instruction puts back for its guards or a call's pending result."""
        return max(len(s.stack) for s in self.typed.states.values()) + 2

    def alloca(self, space: str, index: int, kind: JitType) -> ir.AllocaInstr:
        """The variable holding frame slot (space 's') or stack entry ('t') `index` while it
        has type `kind`; made once, in the entry block, where mem2reg expects it. A slot's is
        named after its Eva variable (`total_int`; mem2reg's phis keep the name, `total_int.0`),
        a stack entry's by its depth (`t1_float`); llvmlite numbers a name used twice."""
        key = (space, index, kind)
        if key not in self.allocas:
            names = self.code.slot_names
            name = names[index] if space == "s" and index < len(names) else f"{space}{index}"
            with self.entry_builder.goto_entry_block():
                self.allocas[key] = self.entry_builder.alloca(
                    LLVM_TYPES[kind], name=f"{name}_{kind.value}")
        return self.allocas[key]

    def slot_alloca(self, slot: int, kind: JitType) -> ir.AllocaInstr:
        return self.alloca("s", slot, kind)

    def stack_alloca(self, depth: int, kind: JitType) -> ir.AllocaInstr:
        return self.alloca("t", depth, kind)

    # -- control flow between blocks ---------------------------------------------------------

    def flow_to(self, target: int) -> None:
        """Store the operand stack for `target` and branch there (ends the current block).
        A target outside a loop unit's loop is an exit: the interpreter continues there.
        Values whose kind differs at the target (paths met with different types) are boxed
        on the way; a boxed value the target pops unused is released."""
        if target in self.typed.exits:
            self.emit_deopt("loop exit", target, self.exit_state(target), self.stack)
            return
        state = self.typed.states[target]
        for depth, (kind, (have_kind, value)) in enumerate(zip(state.stack, self.stack)):
            if have_kind is BOXED and kind is not BOXED:
                self.release_word(self.stack_base + depth)
            elif kind is BOXED and have_kind is not BOXED:
                self.builder.store(self.owned_object(have_kind, value),
                                   self.area_word(self.stack_base + depth))
            elif isinstance(kind, JitType) and kind.stored and kind is not BOXED:
                self.builder.store(value, self.stack_alloca(depth, kind))
        leaving = self.typed.edges.get((self.pc, target))
        if leaving is not None:
            for slot, (have_kind, kind) in enumerate(zip(leaving, state.slots)):
                if kind is BOXED and have_kind is not BOXED:
                    have_value = self.slot_value(slot, have_kind) \
                        if isinstance(have_kind, JitType) and have_kind.stored else None
                    self.store_slot(slot, BOXED, self.owned_object(have_kind, have_value))
        self.builder.branch(self.blocks[target])

    def exit_state(self, target: int):
        """The slot types on leaving the loop for `target`: the current ones, minus the dead."""
        here = self.typed.states[self.pc]
        alive = self.typed.live.get(target, frozenset())
        return State(tuple(k if i in alive else None for i, k in enumerate(here.slots)), ())

    def enter_block(self, pc: int) -> None:
        self.builder.position_at_end(self.blocks[pc])
        self.slot_values = {}  # other paths lead here too
        self.spilled = {}
        state = self.typed.states[pc]
        self.stack = []
        for depth, kind in enumerate(state.stack):
            if kind is BOXED:
                self.stack.append((kind, self.builder.load(
                    self.area_word(self.stack_base + depth), typ=PTR)))
            elif isinstance(kind, JitType) and kind.stored:
                self.stack.append((kind, self.builder.load(self.stack_alloca(depth, kind))))
            else:
                self.stack.append((kind, None))

    def branch_to(self, pc: int, target: int, cond, jump_when: bool, fall_stack, jump_stack,
                  release_on_fall: bool = False):
        """A conditional branch where each side may keep a different operand stack. A constant
        condition (a number or null tested for truth) goes one way, as the analysis did.
        `release_on_fall`: the jump keeps a boxed value the fall-through drops."""
        b = self.builder
        if isinstance(cond, ir.Constant):
            if bool(cond.constant) == jump_when:
                self.stack = list(jump_stack)
                self.flow_to(target)
            else:
                self.stack = list(fall_stack)
                if release_on_fall:
                    self.release_word(self.stack_base + len(fall_stack))
                if pc + 1 in self.blocks or pc + 1 in self.typed.exits:
                    self.flow_to(pc + 1)
            return
        jump_block = b.append_basic_block(self.label(pc, "_jump"))
        fall_block = b.append_basic_block(self.label(pc, "_fall"))
        if jump_when:
            b.cbranch(cond, jump_block, fall_block)
        else:
            b.cbranch(cond, fall_block, jump_block)
        b.position_at_end(jump_block)
        self.stack = list(jump_stack)
        self.flow_to(target)
        b.position_at_end(fall_block)
        self.stack = list(fall_stack)
        if release_on_fall:
            self.release_word(self.stack_base + len(fall_stack))
        if pc + 1 in self.blocks or pc + 1 in self.typed.exits:
            self.flow_to(pc + 1)

    # -- values --------------------------------------------------------------------------------

    def push(self, kind, value=None) -> None:
        """Push a value; a BOXED one is an owned reference, which its stack word takes."""
        if kind is BOXED:
            self.builder.store(value, self.area_word(self.stack_base + len(self.stack)))
        self.stack.append((kind, value))

    def pop(self):
        """Pop the top entry; a BOXED one's reference goes to the caller (its word is
        cleared), which must store it elsewhere or `decref` it."""
        kind, value = self.stack.pop()
        if kind is BOXED:
            self.builder.store(ir.Constant(PTR, None), self.area_word(self.stack_base + len(self.stack)))
        return kind, value

    def drop(self, count: int = 1) -> None:
        """Pop `count` entries and release them (inline: an operand is never NULL)."""
        for _ in range(count):
            kind, value = self.pop()
            if kind is BOXED:
                self.release(value)

    def release(self, obj) -> None:
        """Drop a reference to `obj`, never NULL, inline: the count decremented, and
        `_Py_Dealloc` called (cold) at zero. A stack entry dropped after its use (an
        instance whose field was read, a value stored) made a call of `eva_decref` each."""
        b = self.builder
        address = self.pointer_field(obj, self.env.layout.refcount_offset)
        count = b.sub(b.load(address, typ=I64), ir.Constant(I64, 1))
        b.store(count, address)
        last = b.append_basic_block(self.label(self.pc, "_freed"))
        kept = b.append_basic_block(self.label(self.pc, "_kept"))
        b.cbranch(b.icmp_signed("==", count, ir.Constant(I64, 0)), last, kept)
        b.position_at_end(last)
        self.cold_call(self.external_function("_Py_Dealloc", ir.VoidType(), [PTR]), [obj])
        b.branch(kept)
        b.position_at_end(kept)

    # -- boxed values (module docstring) -----------------------------------------------------

    def area_word(self, position: int):
        """The address of word `position` of the frame's root area."""
        return self.builder.gep(self.area, [ir.Constant(I64, position)], source_etype=PTR)

    def incref(self, obj) -> None:
        """Take a reference to `obj` (never NULL): the count's word incremented inline. Called
        through Py_IncRef's slot, each was a load, an indirect call and a function's entry and
        exit; nbody's loop takes about 90 references per pair of bodies (instructions, steady
        in native code: -17 % with `decref`'s helper; `release` inlines the drops)."""
        b = self.builder
        count = self.pointer_field(obj, self.env.layout.refcount_offset)
        b.store(b.add(b.load(count, typ=I64), ir.Constant(I64, 1)), count)

    def decref(self, obj) -> None:
        """Drop a reference (NULL is allowed): a direct call of the module's `eva_decref`,
        which decrements the count and deallocates at zero. (Inline at each of its sites, the
        branch to the deallocation made each one three blocks: a third more IR for nbody.)"""
        function = self.helper("eva_decref", ir.FunctionType(ir.VoidType(), [PTR]),
                               self.build_decref)
        self.builder.call(function, [obj])

    def build_decref(self, function) -> None:
        """`decref`'s function: Py_DecRef's work (`_Py_Dealloc` at zero), without the call
        through a slot."""
        b = self.builder
        obj, = function.args
        live = b.append_basic_block("live")
        last = b.append_basic_block("last")
        done = b.append_basic_block("done")
        b.cbranch(b.icmp_unsigned("==", obj, ir.Constant(PTR, None)), done, live)
        b.position_at_end(live)
        address = self.pointer_field(obj, self.env.layout.refcount_offset)
        count = b.sub(b.load(address, typ=I64), ir.Constant(I64, 1))
        b.store(count, address)
        b.cbranch(b.icmp_signed("==", count, ir.Constant(I64, 0)), last, done)
        b.position_at_end(last)
        b.call(self.external_function("_Py_Dealloc", ir.VoidType(), [PTR]), [obj])
        b.branch(done)
        b.position_at_end(done)
        b.ret_void()

    def release_word(self, position: int) -> None:
        """Clear one word of the area and drop the reference it held (cleared first: the
        decref may free objects, and a collection then must not see it)."""
        b = self.builder
        word = self.area_word(position)
        old = b.load(word, typ=PTR)
        b.store(ir.Constant(PTR, None), word)
        self.decref(old)

    def release_area(self) -> None:
        """Release every word of the frame's area and pop it: on every way out."""
        if not self.boxes:
            return
        function = self.helper("eva_release_area", ir.FunctionType(ir.VoidType(), [PTR, I64]),
                               self.build_release_area)
        self.cold_call(function, [self.area, self.area_count])
        self.builder.store(self.area_base, self.address("eva_roots_top"))

    def build_release_area(self, function) -> None:
        b = self.builder
        area, count = function.args
        head = function.append_basic_block("head")
        body = function.append_basic_block("body")
        release = function.append_basic_block("release")
        done = function.append_basic_block("done")
        entry = b.block
        b.branch(head)
        b.position_at_end(head)
        index = b.phi(I64)
        index.add_incoming(ir.Constant(I64, 0), entry)
        b.cbranch(b.icmp_signed("<", index, count), body, done)
        b.position_at_end(body)
        word = b.gep(area, [index], source_etype=PTR)
        obj = b.load(word, typ=PTR)
        next_index = b.add(index, ir.Constant(I64, 1))
        index.add_incoming(next_index, body)
        index.add_incoming(next_index, release)
        b.cbranch(b.icmp_unsigned("==", obj, ir.Constant(PTR, None)), head, release)
        b.position_at_end(release)
        b.store(ir.Constant(PTR, None), word)
        self.decref(obj)
        b.branch(head)
        b.position_at_end(done)
        b.ret_void()

    def constant_object(self, obj):
        """The address of a Python object the unit keeps alive (a string constant, a
        property name, a function a global held when the unit was compiled)."""
        return self.address(self.env.constant_symbol(obj))

    def as_object(self, kind, value):
        """(a borrowed pointer to the value as a Python object, a temporary reference to
        drop after use or None)."""
        b = self.builder
        if kind is BOXED:
            return value, None
        if kind is INT or kind is FLOAT:
            obj = self.box_number(kind, value)
            return obj, obj
        if kind is BOOL:
            return b.select(value, self.object_address("true"), self.object_address("false")), None
        if kind.__class__ is Callee:
            return self.constant_object(kind.value), None
        if kind is UNDEF_T:
            return self.object_address("undef"), None
        return self.object_address("none"), None

    def box_number(self, kind, value):
        """A new int or float object; out of memory is an error (error_exit)."""
        if kind is INT:
            obj = self.builder.call(self.external_function("PyLong_FromLongLong", PTR, [I64]), [value])
        else:
            obj = self.builder.call(self.external_function("PyFloat_FromDouble", PTR, [F64]), [value])
        self.check_object(obj)
        return obj

    def owned_object(self, kind, value):
        """A new reference to the value as a Python object."""
        obj, temporary = self.as_object(kind, value)
        if temporary is None:
            self.incref(obj)
        return obj

    def check_object(self, obj) -> None:
        """An object a call returned: NULL means an error is set (error_exit)."""
        b = self.builder
        failed = b.append_basic_block(self.label(self.pc, "_raised"))
        fine = b.append_basic_block(self.label(self.pc, "_fine"))
        b.cbranch(b.icmp_unsigned("==", obj, ir.Constant(PTR, None)), failed, fine)
        b.position_at_end(failed)
        self.error_exit()
        b.position_at_end(fine)

    def error_exit(self) -> None:
        """An error is set: note this frame for the Eva stack trace, release the area and
        return the error (ends the block)."""
        self.note_unwind(self.pc)
        self.release_area()
        self.result(ir.Constant(I64, 0), ir.Constant(I32, STATUS_ERROR))

    def call_object(self, runtime: str, objects: list):
        """Call the runtime's Python function `runtime` (runtime.py) with borrowed object
        arguments through PyObject_Vectorcall: its new reference, checked (an error leaves
        through `error_exit`). The frame stays active for the call (eva_depth)."""
        b = self.builder
        op, arg = self.code.generic_insns[self.pc]
        shown = "" if arg is None or isinstance(arg, (tuple, int)) and op != Op.CALL else f" {arg!r}"
        # (a reader of `eva ir` sees which operations went to the runtime, and which one)
        b.comment(f"{Op(op).name}{shown} at {self.code.offsets[self.pc]:04X}: runtime {runtime}")
        arguments = self.object_arguments()
        for index, obj in enumerate(objects):
            b.store(obj, b.gep(arguments, [ir.Constant(I32, index)], source_etype=PTR))
        b.store(self.depth1, self.depth_global)
        vectorcall = self.external_function("PyObject_Vectorcall", PTR, [PTR, PTR, I64, PTR])
        result = b.call(vectorcall, [self.object_address(runtime), arguments,
                                     ir.Constant(I64, len(objects)), ir.Constant(PTR, None)])
        return result

    def object_arguments(self):
        """The frame's array of object arguments for calls of Python (call_object, and
        cached_call's entries), made at its first use (mem2reg drops none): room for an
        operation's operands and two more."""
        if self.object_args is None:
            with self.entry_builder.goto_entry_block():
                self.object_args = self.entry_builder.alloca(PTR, size=self.max_stack() + 2,
                                                             name="objargs")
        return self.object_args

    def runtime_call(self, runtime: str, operands: list, leading: list = ()):
        """Call `runtime` with the (kind, value) `operands` as objects after the `leading`
        objects; temporaries are dropped, and a NULL result leaves through error_exit.
        Returns the new reference."""
        objects, temporaries = list(leading), []
        for kind, value in operands:
            obj, temporary = self.as_object(kind, value)
            objects.append(obj)
            if temporary is not None:
                temporaries.append(temporary)
        result = self.call_object(runtime, objects)
        for temporary in temporaries:
            self.decref(temporary)
        self.check_object(result)
        return result

    def slot_value(self, slot: int, kind: JitType):
        """What frame slot `slot` holds as `kind` where the builder stands: the value last
        stored or loaded since the last jump target (each block lowered since then dominates
        the next, so it is still valid), else a load from the slot's alloca, remembered.
        mem2reg makes the same SSA values either way; loading once makes IR that is quicker
        to build, print, parse and optimize."""
        value = self.slot_values.get((slot, kind))
        if value is None:
            where = self.area_word(slot) if kind is BOXED else self.slot_alloca(slot, kind)
            value = self.slot_values[slot, kind] = self.builder.load(where, typ=LLVM_TYPES[kind])
        return value

    def load_slot(self, slot: int):
        kind = self.typed.states[self.pc].slots[slot]
        if kind.stored:
            return kind, self.slot_value(slot, kind)
        return kind, None

    def store_slot(self, slot: int, kind, value) -> None:
        """Store into a slot; a BOXED value is an owned reference, which the slot's area
        word takes (dropping the one it held)."""
        if kind is BOXED:
            word = self.area_word(slot)
            old = self.builder.load(word, typ=PTR)
            self.builder.store(value, word)
            self.decref(old)
            self.slot_values[slot, kind] = value
        elif kind.stored:
            self.builder.store(value, self.slot_alloca(slot, kind))
            self.slot_values[slot, kind] = value

    def constant(self, value):
        kind = type_of(value)
        llvm_value = None
        if kind is INT:
            llvm_value = ir.Constant(I64, value)
        elif kind is FLOAT:
            llvm_value = ir.Constant(F64, value)
        elif kind is BOOL:
            llvm_value = ir.Constant(I1, int(value))
        return kind, llvm_value

    def to_float(self, kind, value):
        return value if kind is FLOAT else self.builder.sitofp(value, F64)

    # -- guards and deoptimization -----------------------------------------------------------

    def guard(self, ok, reason: str, state=None, resume_pc=None, stack=None, current_slots=None,
              in_area: bool = True):
        """Continue when `ok` holds, else deoptimize to `resume_pc` (default: this pc)."""
        b = self.builder
        if self.env.deopt_every:
            count = b.load(self.countdown_global, typ=I64)
            left = b.sub(count, ir.Constant(I64, 1))
            hit = b.icmp_signed("<=", left, ir.Constant(I64, 0))
            b.store(b.select(hit, ir.Constant(I64, self.env.deopt_every), left), self.countdown_global)
            # whether this check is failed only because it was forced (its condition held):
            # the runtime reads it in rt_deopt, so reports tell forced deopts from failures
            b.store(b.zext(b.and_(ok, hit), I64), self.forced_global)
            ok = b.and_(ok, b.not_(hit))
        if self.env.fail_guard is not None and self.env.fail_guard == self.env.next_id():
            ok = ir.Constant(I1, 0)  # --fail-guard: no id is allocated until exit_to_deopt's
        state = state or self.typed.states[self.pc]
        if current_slots is None:  # the live slots' values, loaded (if not known) on this path
            current_slots = {slot: self.slot_value(slot, kind)
                             for slot, kind in enumerate(state.slots)
                             if isinstance(kind, JitType) and kind.stored}
        stack = self.stack if stack is None else stack
        words = self.deopt_words(state, stack, current_slots, on_main_path=True, in_area=in_area)
        fail_block = b.append_basic_block(f"deopt_{len(self.deopt_exits)}")
        cont_block = b.append_basic_block(self.label(self.pc, f"_ok{len(self.deopt_exits)}"))
        b.cbranch(ok, cont_block, fail_block)
        b.position_at_end(fail_block)
        self.exit_to_deopt(reason, self.pc if resume_pc is None else resume_pc, state, stack, words)
        b.position_at_end(cont_block)

    def emit_deopt(self, reason: str, resume_pc: int, state, stack) -> None:
        """Deoptimize unconditionally from a block of its own (a loop exit, a call's result
        of another type)."""
        words = self.deopt_words(state, stack, None, on_main_path=False)
        self.exit_to_deopt(reason, resume_pc, state, stack, words)

    def deopt_words(self, state, stack, current_slots, on_main_path: bool,
                    in_area: bool = True) -> list:
        """Where each value a deopt saves is found, in resume.py's order (stored live slots,
        then stored operand stack entries): a list of [where, kind, value], where `where` is
        a buffer position (slot s at s, stack depth d at stack_base + d), None (the value
        goes through a phi of the deopt block), a resume.Known word (a constant: nothing to
        store) or a resume.Copy of an earlier entry with the same value (a local's value
        pushed on the stack, or pushed several times).

        A value that must be saved reaches the buffer in one of two ways. Through a phi of a
        shared deopt block, which costs one incoming value per guard and nothing on the path
        where the guard holds. Or stored at its position before the guard's branch
        ("spilled"), and then found there by every later guard of the same straight-line
        region (until the next jump target) that still sees the same value. At most
        DEOPT_PHI_WORDS values of a guard take the first way. With phis only, a guard cost
        its number of live values, so a deep expression (`(+ x (+ x ... x))`, whose n guards
        each see up to n operands) made IR, and LLVM's time, grow as n squared; now each
        value is stored at most once, constants and copies of locals not at all, and the IR
        grows linearly. Ordinary functions spill nothing: every guard of the benchmarks and
        of the golden corpus has fewer values to save than the bound.

        A boxed value is found in the frame's root area (resume.Area), and costs nothing here
        (`in_area` False: at the entry's first guard the arguments are not there yet)."""
        b = self.builder
        words = []
        holder = {}  # id of a value -> its first entry, for later entries that copy it
        for slot, kind in enumerate(state.slots):
            if kind is BOXED and in_area:
                words.append([Area(slot), kind, None])
            elif kind.__class__ is JitType and kind.stored:
                if current_slots is not None:
                    value = current_slots[slot]
                else:  # a path of its own: what it loads is not known on the others
                    value = self.slot_values.get((slot, kind))
                    if value is None:
                        value = b.load(self.slot_alloca(slot, kind))
                holder[id(value)] = len(words)
                words.append([slot, kind, value])
        for depth, (kind, value) in enumerate(stack):
            if kind is BOXED:
                words.append([Area(self.stack_base + depth), kind, None])
            elif kind.__class__ is JitType and kind.stored:
                same = holder.setdefault(id(value), len(words))
                words.append([self.stack_base + depth if same == len(words) else Copy(same),
                              kind, value])
        spilled = self.spilled
        unsaved = []
        for index, word in enumerate(words):
            position, kind, value = word
            if position.__class__ is Area:
                continue
            if value.__class__ is ir.Constant:
                word[0] = Known(unbox(value.constant, kind))
            elif position.__class__ is int and spilled.get(position) is not value:
                unsaved.append(index)
        through_phis = len(unsaved) - DEOPT_PHI_WORDS
        for index in unsaved[:max(0, through_phis)]:  # the deepest first
            position, kind, value = words[index]
            if position >= self.transfer_base:
                raise RuntimeError(f"deopt buffer position {position} past its size")
            b.store(self.to_word(kind, value), b.gep(self.deopt_buffer, [ir.Constant(I32, position)]))
            if on_main_path:
                spilled[position] = value
        for index in unsaved[max(0, through_phis):]:
            words[index][0] = None
        return words

    def exit_to_deopt(self, reason: str, resume_pc: int, state, stack, words) -> None:
        """End the current block with a jump to a shared deopt block, for the deopt point
        that resumes at `resume_pc` with the values `words` (deopt_words) saved."""
        where, phi_words = [], []
        for position, kind, value in words:
            if position is None:
                position = self.transfer_base + len(phi_words)
                phi_words.append(self.to_word(kind, value))
            elif position.__class__ is Copy:
                position = where[position.entry]
            where.append(position)  # (an int, a Known word or an Area position)
        point = self.env.new_deopt_id(resume_pc, reason, tuple(state.slots),
                                      tuple([kind for kind, _ in stack]), tuple(where))
        self.unit.deopts.append(point)
        if len(self.deopt_exits) % DEOPT_BLOCK_GUARDS == 0:
            self.deopt_blocks.append(self.function.append_basic_block("deopt"))
        self.deopt_exits.append((self.builder.block, point.id, phi_words))
        self.builder.branch(self.deopt_blocks[-1])

    def lower_deopt_blocks(self) -> None:
        """The blocks failed guards jump to, each shared by up to DEOPT_BLOCK_GUARDS guards:
        phis pick the guard's id and the values it passes (one 64-bit word each, see
        `deopt_words`), which go to the buffer's transfer area for the runtime. Sharing keeps
        the IR small, which is most of what LLVM's compile time depends on; bounding how many
        guards share one keeps LLVM's passes, which grew faster than linearly with the
        number of a phi's incoming values, linear."""
        for start, block in zip(range(0, len(self.deopt_exits), DEOPT_BLOCK_GUARDS),
                                self.deopt_blocks):
            self.lower_deopt_block(block, self.deopt_exits[start:start + DEOPT_BLOCK_GUARDS])

    def lower_deopt_block(self, block, exits) -> None:
        b = self.builder
        b.position_at_end(block)
        point = b.phi(I64, name="deopt_point")
        for exit_block, point_id, _ in exits:
            point.add_incoming(ir.Constant(I64, point_id), exit_block)
        width = max(len(words) for _, _, words in exits)
        undefined = ir.Constant(I64, ir.Undefined)
        phis = []
        for index in range(width):  # all phis first: LLVM wants them at the top of the block
            word = b.phi(I64, name=f"deopt_word{index}")
            for exit_block, _, words in exits:
                word.add_incoming(words[index] if index < len(words) else undefined, exit_block)
            phis.append(word)
        for index, word in enumerate(phis):
            b.store(word, b.gep(self.deopt_buffer, [ir.Constant(I32, self.transfer_base + index)]))
        if self.boxes:  # word 0 (slot 0's, never stored): where the boxed values are
            b.store(b.ptrtoint(self.area, I64), self.deopt_buffer)
        b.store(self.depth0, self.depth_global)  # this frame continues in the interpreter
        status = self.call_runtime("rt_deopt", point, self.deopt_buffer, self.result_buffer,
                                   cold=True)
        self.release_area()  # (the interpreter's frame took its own references)
        self.result(b.load(self.result_buffer), status)

    def to_word(self, kind, value):
        b = self.builder
        if kind is INT:
            return value
        if kind is FLOAT:
            return b.bitcast(value, I64)
        if kind is BOXED:
            return b.ptrtoint(value, I64)
        return b.zext(value, I64)

    def from_word(self, kind, word):
        b = self.builder
        if kind is INT:
            return word
        if kind is FLOAT:
            return b.bitcast(word, F64)
        if kind is BOXED:
            return b.inttoptr(word, PTR)
        return b.trunc(word, I1)

    # -- instructions: each lowered by the method its opcode's rule names (rules.py) -----------

    def lower_instruction(self, pc: int) -> None:
        """Lower one instruction by the lowering its rule gives for its operand kinds, then
        flow on to the next instruction if that starts a block."""
        op, arg = self.code.generic_insns[pc]
        b = self.builder
        if pc in self.typed.always_deopts:  # the interpreter raises its error
            self.emit_deopt(self.typed.always_deopts[pc], pc, self.typed.states[pc], self.stack)
            return
        by_kinds = LOWERINGS[op]
        lowering = by_kinds.get(ANY)
        if pc in self.typed.runtime_ops and RULES[op].operation is not None:
            lowering = Lowerer.lower_runtime_operation
        elif lowering is None:
            stack = self.typed.states[pc].stack
            lowering = by_kinds[stack[len(stack) - RULES[op].inputs:]]
        lowering(self, pc, arg)
        state_next = pc + 1
        if not b.block.is_terminated and state_next in self.blocks and \
                not OPCODES[op].jump and op != Op.RETURN:
            self.flow_to(state_next)

    def replace_operands(self, count: int, kind, value) -> None:
        """Put the result of an instruction in place of its `count` operands, which stay on
        the stack until then so that its guards save them (the interpreter re-executes it)."""
        del self.stack[-count:]
        self.push(kind, value)

    def lower_constant(self, pc, arg):
        self.push_constant(arg)

    def push_constant(self, value) -> None:
        kind, llvm_value = self.constant(value)
        if kind is BOXED:  # a string, a big integer: a reference to the code's constant
            llvm_value = self.constant_object(value)
            self.incref(llvm_value)
        self.push(kind, llvm_value)

    def lower_pop(self, pc, arg):
        self.drop()

    def lower_duplicate(self, pc, arg, count: int):
        """DUP, DUP2: push copies of the top `count` entries (a boxed copy is a new reference)."""
        for kind, value in self.stack[-count:]:
            if kind is BOXED:
                self.incref(value)
            self.push(kind, value)

    def lower_local_read(self, pc, arg, checked: bool = False):
        self.push_slot(arg, checked)

    def push_slot(self, slot: int, checked: bool = False) -> None:
        """Push a local's value. A boxed one is a new reference; read by a checked access it
        may be the marker of a variable not declared yet: that deoptimizes, and the
        interpreter raises the error."""
        kind, value = self.load_slot(slot)
        if kind is BOXED:
            if checked:
                self.guard(self.builder.icmp_unsigned("!=", value, self.object_address("undef")),
                           UNDECLARED)
            self.incref(value)
        self.push(kind, value)

    def lower_two_local_reads(self, pc, arg):
        self.push_slot(arg[0])
        self.push_slot(arg[1])

    def lower_local_and_constant(self, pc, arg):
        self.push_slot(arg[0])
        self.push_constant(arg[1])

    def lower_local_write(self, pc, arg, checked: bool = False):
        """SET_LOCAL, DECLARE_LOCAL: the value stays on the stack, and the slot gets it too."""
        kind, value = self.stack[-1]
        if checked and self.typed.states[pc].slots[arg] is BOXED:
            _, old = self.load_slot(arg)
            self.guard(self.builder.icmp_unsigned("!=", old, self.object_address("undef")),
                       UNDECLARED)
        target = self.written_kind(pc, arg)
        if target is BOXED:
            self.store_slot(arg, BOXED, self.owned_object(kind, value))
        else:
            self.store_slot(arg, kind, value)

    def written_kind(self, pc: int, slot: int):
        """The kind a slot written at `pc` has after it (BOXED for a function value)."""
        kind = self.stack[-1][0]
        return BOXED if kind.__class__ is Callee else kind

    def lower_local_store(self, pc, arg):
        kind = self.stack[-1][0]
        if self.written_kind(pc, arg) is BOXED and kind is not BOXED:
            self.store_slot(arg, BOXED, self.owned_object(*self.stack[-1]))
            self.drop()
            return
        kind, value = self.pop()  # (a boxed reference moves to the slot)
        self.store_slot(arg, kind, value)

    # -- captured variables: cells in boxed slots, the closure's in slot 0 ---------------------
    #
    # A cell's value and a closure's cells are read and written in place (their offsets from
    # layout.py); only a variable not declared yet goes to the runtime, which raises the
    # interpreter's error with the variable's name.

    def lower_cell_store(self, pc, slot, runtime: str):
        """MAKE_CELL (a new empty cell), BOX_ARG (a cell holding the argument)."""
        operands = [] if runtime == "rt_make_cell" else [self.load_slot(slot)]
        self.store_slot(slot, BOXED, self.runtime_call(runtime, operands))

    def variable_name(self, pc: int):
        """The name a checked access's error gives, as the interpreter finds it."""
        return self.constant_object(self.code.variable_names.get(pc, "?"))

    def pointer_field(self, obj, offset: int):
        """The address of the pointer-sized field at byte `offset` of an object."""
        return self.builder.gep(obj, [ir.Constant(I64, offset)], source_etype=I8)

    def free_cell(self, index: int):
        """Cell `index` of the running closure (slot 0)."""
        b = self.builder
        layout = self.env.layout
        cells = b.load(self.pointer_field(self.slot_value(0, BOXED), layout.function_cells_offset),
                       typ=PTR)
        return b.load(self.pointer_field(cells, layout.tuple_items_offset + 8 * index), typ=PTR)

    def either(self, condition, fast, slow, result_type=PTR):
        """Run `fast()` when `condition` holds, else `slow()`, each in a block of its own, and
        join: the phi of the values they return (None: no value). Neither may use values
        loaded in the other (slot_value's memory is not consulted in them)."""
        b = self.builder
        fast_block = b.append_basic_block(self.label(self.pc, "_fast"))
        slow_block = b.append_basic_block(self.label(self.pc, "_slow"))
        join = b.append_basic_block(self.label(self.pc, "_join"))
        b.cbranch(condition, fast_block, slow_block)
        remembered = self.slot_values
        ends = []
        for block, build in ((fast_block, fast), (slow_block, slow)):
            b.position_at_end(block)
            self.slot_values = {}
            value = build()
            ends.append((value, b.block))
            b.branch(join)
        self.slot_values = remembered
        b.position_at_end(join)
        if result_type is None:
            return None
        phi = b.phi(result_type)
        for value, block in ends:
            phi.add_incoming(value, block)
        return phi

    def read_cell(self, cell, name):
        """A new reference to a cell's value; not declared yet, the runtime raises."""
        b = self.builder
        value = b.load(self.pointer_field(cell, self.env.layout.cell_value_offset), typ=PTR)

        def fast():
            self.incref(value)
            return value
        return self.either(b.icmp_unsigned("!=", value, self.object_address("undef")), fast,
                           lambda: self.runtime_call("rt_get_cell", [], [name, cell]))

    def write_cell(self, cell, name, checked: bool) -> None:
        """The value on top of the stack into a cell (it stays on the stack); `checked`: not
        declared yet, the runtime raises."""
        b = self.builder
        address = self.pointer_field(cell, self.env.layout.cell_value_offset)
        old = b.load(address, typ=PTR)
        operand = self.stack[-1]

        def store():
            b.store(self.owned_object(*operand), address)
            self.decref(old)
        if not checked:
            store()
            return
        self.either(b.icmp_unsigned("!=", old, self.object_address("undef")), store,
                    lambda: self.decref(self.runtime_call("rt_set_cell", [operand], [name, cell])),
                    result_type=None)

    def lower_cell_read(self, pc, slot):
        self.push(BOXED, self.read_cell(self.slot_value(slot, BOXED), self.variable_name(pc)))

    def lower_cell_write(self, pc, slot, checked: bool):
        """SET_CELL (checked), DECLARE_CELL: the value stays on the stack."""
        self.write_cell(self.slot_value(slot, BOXED), self.variable_name(pc),
                        checked=checked)

    def free_name(self, index: int):
        return self.constant_object(self.code.free_names[index])

    def lower_free_read(self, pc, index):
        self.push(BOXED, self.read_cell(self.free_cell(index), self.free_name(index)))

    def lower_free_write(self, pc, index):
        self.write_cell(self.free_cell(index), self.free_name(index), checked=True)

    def lower_free_load(self, pc, index):
        cell = self.free_cell(index)
        self.incref(cell)
        self.push(BOXED, cell)

    # -- objects, lists, functions, classes: the runtime ----------------------------------

    def lower_runtime_call(self, pc, arg, runtime: str, constant: bool):
        """An instruction the runtime does (rules.py): its operands (and the instruction's
        own operand first, when `constant`) go to `runtime`, whose result replaces them. A
        property instruction passes its inline cache (shapes.PropertySite) instead of the
        name."""
        count = RULES[self.code.generic_insns[pc][0]].operand_count(arg)
        if runtime in ("rt_get_prop", "rt_set_prop"):
            site = site_for(self.code, pc, arg)
            if self.stack[-count][0] is BOXED and runtime == "rt_set_prop" and \
                    self.stack[-1][0] is FLOAT:
                result = self.float_field_write(site)
            elif self.stack[-count][0] is BOXED:
                result = self.property_access(runtime, site)
            else:
                result = self.runtime_call(runtime, self.stack[len(self.stack) - count:],
                                           [self.constant_object(site)])
        elif runtime in ("rt_get_index", "rt_set_index") and \
                self.stack[-count][0] is BOXED and self.stack[1 - count][0] is INT:
            result = self.element_access(runtime)
        else:
            leading = [self.constant_object(arg[0] if isinstance(arg, tuple) else arg)] \
                if constant else []
            result = self.runtime_call(runtime, self.stack[len(self.stack) - count:], leading)
        self.drop(count)
        self.push(BOXED, result)

    def lower_property_read(self, pc, name):
        """GET_PROP: the property's value, unboxed behind its guard when the analysis typed
        it from the site (rules.type_property_read)."""
        if self.typed.results.get(pc, (BOXED,))[0] is FLOAT and self.stack[-1][0] is BOXED:
            self.float_property_read(pc, name)
            return
        self.lower_runtime_call(pc, name, "rt_get_prop", constant=True)
        kind = self.typed.results.get(pc, (BOXED,))[0]
        if kind is not BOXED:
            self.unbox_top(kind, pc + 1, PROPERTY_TYPE)

    def property_access(self, runtime: str, site):
        """`prop` or `set prop` on a boxed object, through the instruction's inline cache
        (shapes.py), whose words the runtime fills at every miss: an instance of the shape
        cached (the last met; or one of the polymorphic cache's, for a site that has met
        several) has the field at the index cached with it (a load, or a store), or a read
        finds a member of its class (`class_member`, as Class.lookup does); a write that adds the
        field appends it and moves the instance to the shape cached as `after`. Anything
        else (another shape, a class, an error) goes to the runtime. Returns a new
        reference (to the value read or written)."""
        writes = runtime == "rt_set_prop"
        value, temporary = self.as_object(*self.stack[-1]) if writes else (None, None)
        found = self.cache_lookup(site, self.stack[-2 if writes else -1][1], value)
        operands = [self.stack[-2], (BOXED, value)] if writes else self.stack[-1:]
        return self.found_or_runtime(found, runtime, operands, [self.constant_object(site)],
                                     temporary)

    def cache_lookup(self, site, obj, value=None):
        """`property_access`'s inline path: a read (`value` None) gives the value found,
        borrowed; a write of `value` gives `value` once stored; either gives NULL where the
        runtime must do it."""
        b = self.builder
        layout = self.env.layout
        writes = value is not None
        word = self.site_words(site)
        name = self.constant_object(site.name)

        def values():
            return b.load(self.pointer_field(obj, layout.instance_values_offset), typ=PTR)

        def field(index):  # the address of the field at `index`
            return self.list_item(values(), index)

        def read():
            def own(index):
                return self.either(b.icmp_signed(">=", index, ir.Constant(I64, 0)),
                                   lambda: b.load(field(index), typ=PTR),
                                   lambda: self.class_member(obj, name))
            return self.shape_cached(site, obj, own, lambda shape: ir.Constant(PTR, None))

        def write():
            def in_place(index):
                self.replace_reference(field(index), value)
                return value

            def adding(shape):
                def appended():
                    self.append_to(values(), value)
                    after = b.inttoptr(word(3), PTR)
                    self.incref(after)
                    b.store(after, self.pointer_field(obj, layout.instance_shape_offset))
                    self.decref(shape)  # (never the last reference: the shape tree holds one)
                    return value
                return self.either(b.icmp_unsigned("==", b.ptrtoint(shape, I64), word(2)),
                                   appended, lambda: ir.Constant(PTR, None))
            return self.shape_cached(site, obj, in_place, adding)

        return self.either(self.is_instance(obj), write if writes else read,
                           lambda: ir.Constant(PTR, None))

    def is_instance(self, obj):
        return self.builder.icmp_unsigned("==", self.type_of_object(obj),
                                          self.object_address("instance_type"))

    def shape_cached(self, site, obj, hit, miss):
        """For an instance `obj`: hit(index) for the first of the site's [shape, index] pairs
        whose shape is the instance's, else miss(shape). The pairs: the last met, and the
        polymorphic cache's entries for a site that has met more than one shape (a
        monomorphic site's IR stays small)."""
        b = self.builder
        word = self.site_words(site)
        shape = b.load(self.pointer_field(obj, self.env.layout.instance_shape_offset), typ=PTR)
        address = b.ptrtoint(shape, I64)
        pairs = [0] + ([4 + 2 * entry for entry in range(POLYMORPHIC)]
                       if len(site.shapes) > 1 else [])

        def test(pair):
            rest = (lambda: test(pair + 1)) if pair + 1 < len(pairs) else lambda: miss(shape)
            return self.either(b.icmp_unsigned("==", address, word(pairs[pair])),
                               lambda: hit(word(pairs[pair] + 1)), rest)
        return test(0)

    def float_property_read(self, pc, name) -> None:
        """GET_PROP typed FLOAT: where the inline cache finds a float, its value is read
        from the borrowed object, without taking a reference, holding it in the root area
        and dropping it (most of what a read cost, with the calls `decref` makes: nbody's
        loop reads 20 float fields per pair of bodies). Anything else takes the way of every
        read, `lower_runtime_call` then `unbox_top`, whose guard deoptimizes on a value of
        another type. The object read from is released after either."""
        b = self.builder
        obj = self.stack[-1][1]
        found = self.cache_lookup(site_for(self.code, pc, name), obj)
        float_type = self.object_address("float_type")
        is_float = self.either(
            b.icmp_unsigned("!=", found, ir.Constant(PTR, None)),
            lambda: b.icmp_unsigned("==", self.type_of_object(found), float_type),
            lambda: ir.Constant(ir.IntType(1), 0), result_type=ir.IntType(1))
        fast_block = b.append_basic_block(self.label(pc, "_float"))
        slow_block = b.append_basic_block(self.label(pc, "_other"))
        join = b.append_basic_block(self.label(pc, "_read"))
        b.cbranch(is_float, fast_block, slow_block)
        remembered, stack = self.slot_values, list(self.stack)
        b.position_at_end(slow_block)
        self.slot_values = {}
        self.lower_runtime_call(pc, name, "rt_get_prop", constant=True)
        self.unbox_top(FLOAT, pc + 1, PROPERTY_TYPE)
        slow_value, slow_end = self.pop()[1], b.block
        b.branch(join)
        self.stack[:] = stack
        b.position_at_end(fast_block)
        self.slot_values = {}
        fast_value = self.float_value(found)
        self.drop()
        fast_end = b.block
        b.branch(join)
        self.slot_values = remembered
        b.position_at_end(join)
        value = b.phi(F64)
        value.add_incoming(fast_value, fast_end)
        value.add_incoming(slow_value, slow_end)
        self.push(FLOAT, value)

    def site_words(self, site):
        """A reader of a property site's cache words (shapes.PropertySite, which the runtime
        fills at every miss): word(index) loads one, an i64."""
        b = self.builder
        words = self.address(self.env.site_words_symbol(site))

        def word(index):
            return b.load(b.gep(words, [ir.Constant(I64, index)], source_etype=I64), typ=I64)
        return word

    def float_field_write(self, site):
        """`set prop` of an unboxed float: when the instance has a shape the site cached and
        the field holds a float that nothing else references (its count is the field's one),
        the new value is written into that float object: no allocation, and nothing can see
        the change but through the field. Anything else goes the way of every write
        (`property_access`: a new float, stored). In nbody's loop every float field is
        written so after its first write. Returns a new reference to the value written."""
        b = self.builder
        layout = self.env.layout
        obj, value = self.stack[-2][1], self.stack[-1][1]

        def nothing():
            return ir.Constant(PTR, None)

        def held(index):  # the field's value, if a float only the field holds
            values = b.load(self.pointer_field(obj, layout.instance_values_offset), typ=PTR)
            old = b.load(self.list_item(values, index), typ=PTR)
            float_type = self.object_address("float_type")

            def alone():
                count = b.load(self.pointer_field(old, layout.refcount_offset), typ=I64)
                return self.either(b.icmp_signed("==", count, ir.Constant(I64, 1)),
                                   lambda: old, nothing)
            return self.either(b.icmp_unsigned("==", self.type_of_object(old), float_type),
                               alone, nothing)

        old = self.either(self.is_instance(obj),
                          lambda: self.shape_cached(site, obj, held, lambda shape: nothing()),
                          nothing)

        def overwrite():
            b.store(value, self.pointer_field(old, layout.float_value_offset))
            self.incref(old)
            return old
        return self.either(b.icmp_unsigned("!=", old, ir.Constant(PTR, None)), overwrite,
                           lambda: self.property_access("rt_set_prop", site))

    def list_item(self, host_list, index):
        """The address of item `index` of a Python list (no bounds check)."""
        items = self.builder.load(self.pointer_field(host_list, self.env.layout.list_items_offset),
                                  typ=PTR)
        return self.builder.gep(items, [index], source_etype=PTR)

    def replace_reference(self, address, value) -> None:
        """Store a new reference to `value` at `address`, then release the one it replaces
        (after the store, as CPython does: freeing the old value may run other code)."""
        old = self.builder.load(address, typ=PTR)
        self.incref(value)
        self.builder.store(value, address)
        self.decref(old)

    def found_or_runtime(self, found, runtime: str, operands: list, leading: list, temporary):
        """The end of an inline fast path: a new reference to what it `found` (borrowed), or,
        where it found NULL, the runtime's result for the same operands; then the written
        value's `temporary` box (or None) is dropped."""
        b = self.builder

        def hit():
            self.incref(found)  # the result's reference
            return found
        result = self.either(b.icmp_unsigned("!=", found, ir.Constant(PTR, None)), hit,
                             lambda: self.runtime_call(runtime, operands, leading))
        if temporary is not None:
            self.decref(temporary)
        return result

    def element_access(self, runtime: str):
        """`idx` or `set idx` of a list at an unboxed int index: a type test, a bounds check
        against the Python list's length (unsigned: a negative index goes to the runtime,
        which counts it from the end) and a load, or a store that releases the element it
        replaces. Anything else (a string, a negative or large index, an error) goes to the
        runtime. Returns a new reference (to the element read, or the value written)."""
        b = self.builder
        layout = self.env.layout
        writes = runtime == "rt_set_index"
        operands = self.stack[-3:] if writes else self.stack[-2:]
        obj, index = operands[0][1], operands[1][1]
        value, temporary = self.as_object(*operands[2]) if writes else (None, None)
        is_list = b.icmp_unsigned("==", self.type_of_object(obj), self.object_address("list_type"))

        def fast():
            items = b.load(self.pointer_field(obj, layout.eva_list_items_offset), typ=PTR)
            # (a list the collector swept in checking mode holds a marker, not a list: the
            # runtime raises the error that names it)
            host = b.icmp_unsigned("==", self.type_of_object(items),
                                   self.object_address("host_list_type"))
            return self.either(host, lambda: in_bounds(items), lambda: ir.Constant(PTR, None))

        def in_bounds(items):
            size = b.load(self.pointer_field(items, layout.list_size_offset), typ=I64)

            def element():
                address = self.list_item(items, index)
                if not writes:
                    return b.load(address, typ=PTR)
                self.replace_reference(address, value)
                return value
            return self.either(b.icmp_unsigned("<", index, size), element,
                               lambda: ir.Constant(PTR, None))
        found = self.either(is_list, fast, lambda: ir.Constant(PTR, None))
        if writes:
            operands = operands[:2] + [(BOXED, value)]
        return self.found_or_runtime(found, runtime, operands, [], temporary)

    def append_to(self, host_list, value) -> None:
        """PyList_Append (which takes its own reference to `value`); out of memory is an
        error (error_exit)."""
        b = self.builder
        added = b.call(self.external_function("PyList_Append", I32, [PTR, PTR]),
                       [host_list, value])
        failure = b.append_basic_block(self.label(self.pc, "_nomemory"))
        appended = b.append_basic_block(self.label(self.pc, "_appended"))
        b.cbranch(b.icmp_signed("!=", added, ir.Constant(I32, 0)), failure, appended)
        b.position_at_end(failure)
        self.error_exit()
        b.position_at_end(appended)

    def class_member(self, obj, name):
        """A member of an instance's class or a class above it (a method), borrowed, or NULL:
        a call of the module's `eva_class_member`, made once. Inline at each property site,
        its loop made a fifth of the IR of nbody's loop (20 property reads), which LLVM
        compiled for a path no float field takes."""
        function = self.helper("eva_class_member", ir.FunctionType(PTR, [PTR, PTR]),
                               self.build_class_member)
        return self.builder.call(function, [obj, name])

    def build_class_member(self, function) -> None:
        """`class_member`'s function: a loop up the parent chain, a PyDict_GetItem each."""
        b = self.builder
        layout = self.env.layout
        obj, name = function.args
        get = self.external_function("PyDict_GetItem", PTR, [PTR, PTR])
        entry = b.block
        first = b.load(self.pointer_field(obj, layout.instance_class_offset), typ=PTR)
        head = b.append_basic_block("class")
        up = b.append_basic_block("parent")
        done = b.append_basic_block("member")
        b.branch(head)
        b.position_at_end(head)
        cls = b.phi(PTR)
        cls.add_incoming(first, entry)
        members = b.load(self.pointer_field(cls, layout.class_members_offset), typ=PTR)
        member = b.call(get, [members, name])
        b.cbranch(b.icmp_unsigned("!=", member, ir.Constant(PTR, None)), done, up)
        b.position_at_end(up)
        parent = b.load(self.pointer_field(cls, layout.class_parent_offset), typ=PTR)
        cls.add_incoming(parent, up)
        b.cbranch(b.icmp_unsigned("==", parent, self.object_address("none")), done, head)
        b.position_at_end(done)
        result = b.phi(PTR)
        result.add_incoming(member, head)
        result.add_incoming(ir.Constant(PTR, None), up)
        b.ret(result)

    def lower_runtime_operation(self, pc, arg):
        """An operation on operands it has no native lowering for (a boxed value, a string):
        numbers found at run time (both ints, or both floats) take a native fast path
        (`number_path`), and so does a comparison of two strings (`string_path`); anything
        else goes to the runtime's function for it, with the interpreter's semantics and
        errors. A comparison's bool comes back unboxed."""
        rule = RULES[self.code.generic_insns[pc][0]]
        operands = self.stack[len(self.stack) - rule.inputs:]
        if rule.runtime_result is BOOL:
            result = self.runtime_comparison(rule.runtime, operands)
        else:
            result = self.number_path(rule.runtime, operands,
                                      partial(self.runtime_call, rule.runtime, operands), PTR)
        self.drop(rule.inputs)
        self.push(rule.runtime_result, result)

    def runtime_comparison(self, runtime: str, operands):
        """A comparison's i1 where an operand is boxed: two numbers or two strings found at
        run time natively, anything else by the runtime."""
        def slow():
            result = self.runtime_call(runtime, operands)
            truth = self.builder.icmp_unsigned("==", result, self.object_address("true"))
            self.decref(result)
            return truth
        return self.number_path(runtime, operands,
                                partial(self.string_path, runtime, operands, slow), I1)

    def string_path(self, runtime: str, operands, slow):
        """`slow()`, unless the comparison's operands are two strings found at run time:
        then their texts compared by PyUnicode_Compare (code point order, as Python's and
        the runtime's), an i1 (strings: 300,000 runtime calls of its 1,080,000 per 100,000
        iterations)."""
        predicate = self.NUMBER_PATHS.get(runtime)
        if len(operands) != 2 or any(kind is not BOXED for kind, _ in operands) or \
                predicate is None:
            return slow()
        b = self.builder
        layout = self.env.layout
        (_, first), (_, second) = operands

        def is_a(obj, type_name):
            return b.icmp_unsigned("==", self.type_of_object(obj), self.object_address(type_name))

        def texts():
            x = b.load(self.pointer_field(first, layout.string_text_offset), typ=PTR)
            y = b.load(self.pointer_field(second, layout.string_text_offset), typ=PTR)

            def compared():
                compare = self.external_function("PyUnicode_Compare", I32, [PTR, PTR])
                return b.icmp_signed(predicate, b.call(compare, [x, y]), ir.Constant(I32, 0))
            return self.either(b.and_(is_a(x, "host_str_type"), is_a(y, "host_str_type")),
                               compared, slow, I1)
        return self.either(b.and_(is_a(first, "string_type"), is_a(second, "string_type")),
                           texts, slow, I1)

    NUMBER_PATHS = {"rt_add": "add", "rt_subtract": "sub", "rt_multiply": "mul",
                    "rt_modulo": "mod", "rt_less": "<", "rt_greater": ">",
                    "rt_less_equal": "<=", "rt_greater_equal": ">=", "rt_equal": "==",
                    "rt_not_equal": "!="}
    """The runtime operations with a native path for numbers found at run time: the LLVM
    operation of two ints (checked for overflow; `%` by a divisor that is not zero) and of
    two floats (not `%`, whose sign rule for floats stays the runtime's)."""

    def number_path(self, runtime: str, operands, slow, result_type):
        """`slow()`, unless the operands (boxed ones checked at run time) are two ints that
        fit 64 bits or two floats: then natively (a float result boxed, an int result boxed
        unless it overflowed, which takes the slow path too)."""
        operation = self.NUMBER_PATHS.get(runtime)
        if operation is None or len(operands) != 2 or \
                any(kind not in (INT, FLOAT, BOXED) for kind, _ in operands):
            return slow()
        b = self.builder
        types = [self.type_of_object(value) if kind is BOXED else None for kind, value in operands]

        def has(index, kind):
            operand_kind = operands[index][0]
            if operand_kind is not BOXED:
                return ir.Constant(I1, int(operand_kind is kind))
            type_name = "int_type" if kind is INT else "float_type"
            return b.icmp_unsigned("==", types[index], self.object_address(type_name))

        def value_of(index, kind):
            operand_kind, value = operands[index]
            if operand_kind is not BOXED:
                return value
            return self.float_value(value) if kind is FLOAT else None

        comparison = operation not in ("add", "sub", "mul", "mod")

        def floats():
            x, y = value_of(0, FLOAT), value_of(1, FLOAT)
            if comparison:
                return self.compare(operation, FLOAT, x, FLOAT, y)
            return self.box_number(FLOAT, getattr(b, f"f{operation}")(x, y))

        def ints():
            as_long = self.external_function("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR])
            values, fits = [], ir.Constant(I1, 1)
            for index in (0, 1):
                operand_kind, value = operands[index]
                if operand_kind is INT:
                    values.append(value)
                    continue
                values.append(b.call(as_long, [value, self.overflow_flag]))
                fits = b.and_(fits, b.icmp_signed("==", b.load(self.overflow_flag),
                                                  ir.Constant(I32, 0)))
            if comparison:
                return self.either(fits, lambda: b.icmp_signed(operation, *values), slow,
                                   result_type)
            if operation == "mod":  # (the remainder is computed on the fast path only)
                return self.either(
                    b.and_(fits, b.icmp_signed("!=", values[1], ir.Constant(I64, 0))),
                    lambda: self.box_number(INT, self.floor_remainder(*values)),
                    slow, result_type)
            fn = self.external_function(f"llvm.s{operation}.with.overflow.i64",
                                        ir.LiteralStructType([I64, I1]), [I64, I64])
            pair = b.call(fn, values)
            exact = b.and_(fits, b.not_(b.extract_value(pair, 1)))
            return self.either(exact, lambda: self.box_number(INT, b.extract_value(pair, 0)),
                               slow, result_type)

        kinds = {kind for kind, _ in operands}
        if kinds <= {INT, BOXED}:  # (a path for two floats only where both may be floats)
            return self.either(b.and_(has(0, INT), has(1, INT)), ints, slow, result_type)
        if kinds <= {FLOAT, BOXED} and operation != "mod":
            return self.either(b.and_(has(0, FLOAT), has(1, FLOAT)), floats, slow, result_type)
        return slow()

    def lower_boxed_not(self, pc, arg):
        kind, value = self.stack[-1]
        truth = self.truth(kind, value)
        self.drop()
        self.push(BOOL, self.builder.not_(truth))

    def lower_nothing(self, pc, arg):
        """An instruction that changes only what the analysis knows (CLEAR_LOCAL: an
        undeclared variable has no storage, and reads of it were refused)."""

    def lower_global_read(self, pc, arg):
        kind = self.typed.global_kinds.get(pc)
        if kind is None:  # a function about to be called
            if self.recheck_globals:
                valid = self.builder.load(self.valid_global, typ=I64)
                self.guard(self.builder.icmp_signed("!=", valid, ir.Constant(I64, 0)),
                           GLOBAL_REBOUND)
            self.push(Callee(arg.value, arg), None)
            return
        self.push(*self.read_global(arg, kind))

    def global_slot(self, cell):
        """The address of a global's value pointer (GlobalCell.value; runtime.py checks the
        layout when the JIT starts)."""
        return self.cell_field(self.env.global_cell_symbol(cell), self.env.layout.global_value_offset)

    def field(self, obj, offset: int, kind):
        """The field at byte `offset` of a Python object (offsets from layout.py)."""
        return self.builder.load(self.builder.gep(obj, [ir.Constant(I64, offset)], source_etype=I8),
                                 typ=kind)

    def type_of_object(self, obj):
        return self.field(obj, self.env.layout.type_offset, PTR)

    def float_value(self, obj):
        return self.field(obj, self.env.layout.float_value_offset, F64)

    def cell_field(self, cell_symbol: str, offset: int):
        """The address of the pointer-sized field at byte `offset` of a global's cell."""
        return self.builder.gep(self.address(cell_symbol), [ir.Constant(I64, offset)],
                                source_etype=I8)

    def read_global(self, cell, kind):
        """A global's value unboxed as `kind`, guarded: another type deoptimizes."""
        b = self.builder
        obj = b.load(self.global_slot(cell), typ=PTR)
        if kind is BOXED:  # any value but the marker of a global not defined yet
            self.guard(b.icmp_unsigned("!=", obj, self.object_address("undef")), UNDEFINED_GLOBAL)
            self.incref(obj)
            return BOXED, obj
        if kind is NULL:
            self.guard(b.icmp_unsigned("==", obj, self.object_address("none")), GLOBAL_TYPE)
            return NULL, None
        if kind is BOOL:
            is_true = b.icmp_unsigned("==", obj, self.object_address("true"))
            is_false = b.icmp_unsigned("==", obj, self.object_address("false"))
            self.guard(b.or_(is_true, is_false), GLOBAL_TYPE)
            return BOOL, is_true
        obj_type = self.type_of_object(obj)
        if kind is FLOAT:
            self.guard(b.icmp_unsigned("==", obj_type, self.object_address("float_type")),
                       GLOBAL_TYPE)
            return FLOAT, self.float_value(obj)
        self.guard(b.icmp_unsigned("==", obj_type, self.object_address("int_type")), GLOBAL_TYPE)
        as_long = self.external_function("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR])
        value = b.call(as_long, [obj, self.overflow_flag])
        self.guard(b.icmp_signed("==", b.load(self.overflow_flag), ir.Constant(I32, 0)),
                   GLOBAL_TOO_LARGE)
        return INT, value

    def lower_global_store(self, pc, cell, define: bool):
        """Box the value on top of the stack into a global; the interpreter handles the cases
        that are not plain stores (undefined global, a global compiled code watches)."""
        b = self.builder
        kind, value = self.stack[-1]
        slot = self.global_slot(cell)
        old = b.load(slot, typ=PTR)
        if not define:
            self.guard(b.icmp_unsigned("!=", old, self.object_address("undef")), UNDEFINED_GLOBAL)
        watched = b.load(self.cell_field(self.env.global_cell_symbol(cell),
                                         self.env.layout.global_watched_offset), typ=PTR)
        self.guard(b.icmp_unsigned("!=", watched, self.object_address("true")), WATCHED_GLOBAL)
        new = self.owned_object(kind, value)
        b.store(new, slot)
        self.decref(old)

    def operands(self, count: int) -> list:
        """The (kind, value) pairs of the instruction's `count` operands, left on the stack."""
        return self.stack[-count:]

    def overflow_op(self, intrinsic: str, a, b_value):
        fn = self.external_function(f"llvm.{intrinsic}.with.overflow.i64",
                            ir.LiteralStructType([I64, I1]), [I64, I64])
        pair = self.builder.call(fn, [a, b_value])
        self.guard(self.builder.not_(self.builder.extract_value(pair, 1)), OVERFLOW)
        return self.builder.extract_value(pair, 0)

    def lower_checked_integer(self, pc, arg, operation: str):
        """int `operation` int, with LLVM's overflow intrinsic (`sadd` for "add")."""
        (_, a), (_, b) = self.operands(2)
        self.replace_operands(2, INT, self.overflow_op(f"s{operation}", a, b))

    def lower_float_arithmetic(self, pc, arg, operation: str):
        """A float `operation` a number (LLVM's `fadd` for "add"), the int converted."""
        (ka, va), (kb, vb) = self.operands(2)
        fa, fb = self.to_float(ka, va), self.to_float(kb, vb)
        self.replace_operands(2, FLOAT, getattr(self.builder, f"f{operation}")(fa, fb))

    def exact_int_guard(self, value, reason: str) -> None:
        """Deopt unless |value| <= 2**53, where int->double conversion is exact."""
        b = self.builder
        biased = b.add(value, ir.Constant(I64, EXACT_FLOAT_INT))
        self.guard(b.icmp_unsigned("<=", biased, ir.Constant(I64, 2 * EXACT_FLOAT_INT)), reason)

    def lower_division(self, pc, arg):
        b = self.builder
        (ka, va), (kb, vb) = self.operands(2)
        if kb is INT:
            self.guard(b.icmp_signed("!=", vb, ir.Constant(I64, 0)), DIVISION_BY_ZERO)
        else:  # unordered: a NaN divisor is not zero, and gives NaN as in Python
            self.guard(b.fcmp_unordered("!=", vb, ir.Constant(F64, 0.0)), DIVISION_BY_ZERO)
        if ka is INT and kb is INT:
            self.exact_int_guard(va, INEXACT_DIVISION)
            self.exact_int_guard(vb, INEXACT_DIVISION)
        self.replace_operands(2, FLOAT, b.fdiv(self.to_float(ka, va), self.to_float(kb, vb)))

    def lower_integer_remainder(self, pc, arg):
        """Eva's `%` takes the divisor's sign: LLVM's `srem` and a correction, or a bare `urem`
        where both operands are known non-negative (signs.py)."""
        b = self.builder
        (_, va), (_, vb) = self.operands(2)
        self.guard(b.icmp_signed("!=", vb, ir.Constant(I64, 0)), MODULO_BY_ZERO)
        if pc in self.typed.unsigned_remainders:
            # Clearing the sign bit, already clear, tells LLVM the dividend fits in 63
            # bits: a constant divisor's magic multiply then needs no add-back fix-up
            # (loop: 27.5 -> 23.9 ms; the fix-up sat on its `h` dependency chain).
            below_2_63 = b.and_(va, ir.Constant(I64, (1 << 63) - 1))
            self.replace_operands(2, INT, b.urem(below_2_63, vb))
            return
        self.replace_operands(2, INT, self.floor_remainder(va, vb))

    def floor_remainder(self, va, vb):
        """`va % vb` with the divisor's sign, for a divisor that is not zero."""
        b = self.builder
        minus_one = b.icmp_signed("==", vb, ir.Constant(I64, -1))
        safe_b = b.select(minus_one, ir.Constant(I64, 1), vb)  # INT64_MIN % -1 traps
        r = b.srem(va, safe_b)
        adjust = b.and_(b.icmp_signed("!=", r, ir.Constant(I64, 0)),
                        b.icmp_signed("<", b.xor(r, safe_b), ir.Constant(I64, 0)))
        r = b.select(adjust, b.add(r, safe_b), r)
        return b.select(minus_one, ir.Constant(I64, 0), r)

    def lower_float_remainder(self, pc, arg):
        b = self.builder
        (ka, va), (kb, vb) = self.operands(2)
        fa, fb = self.to_float(ka, va), self.to_float(kb, vb)
        self.guard(b.fcmp_unordered("!=", fb, ir.Constant(F64, 0.0)), MODULO_BY_ZERO)
        r = b.frem(fa, fb)
        zero = ir.Constant(F64, 0.0)
        nonzero = b.fcmp_unordered("!=", r, zero)
        differ = b.xor(b.fcmp_ordered("<", r, zero), b.fcmp_ordered("<", fb, zero))
        r = b.select(b.and_(nonzero, differ), b.fadd(r, fb), r)
        copysign = self.external_function("llvm.copysign.f64", F64, [F64, F64])
        self.replace_operands(2, FLOAT, b.select(nonzero, r, b.call(copysign, [zero, fb])))

    def lower_integer_negation(self, pc, arg):
        (_, value), = self.operands(1)
        self.replace_operands(1, INT, self.overflow_op("ssub", ir.Constant(I64, 0), value))

    def lower_float_negation(self, pc, arg):
        kind, value = self.pop()
        self.push(FLOAT, self.builder.fneg(value))

    def lower_boolean_not(self, pc, arg):
        kind, value = self.pop()
        self.push(BOOL, self.builder.not_(value))

    def lower_constant_not(self, pc, arg):
        """`not` of a number (always true) or of null (always false)."""
        kind, _ = self.pop()
        self.push(BOOL, ir.Constant(I1, int(kind is NULL)))

    def compare(self, op: str, ka, va, kb, vb):
        """An i1 for `a op b` on numbers, exact as Python (mixed values deopt past 2**53)."""
        b = self.builder
        if ka is INT and kb is INT:
            return b.icmp_signed(op, va, vb)
        if ka is INT:
            self.exact_int_guard(va, INEXACT_COMPARISON)
        if kb is INT:
            self.exact_int_guard(vb, INEXACT_COMPARISON)
        fa, fb = self.to_float(ka, va), self.to_float(kb, vb)
        if op == "!=":
            return b.fcmp_unordered(op, fa, fb)
        return b.fcmp_ordered(op, fa, fb)

    def lower_number_comparison(self, pc, arg, predicate: str):
        (ka, va), (kb, vb) = self.operands(2)
        self.replace_operands(2, BOOL, self.compare(predicate, ka, va, kb, vb))

    def lower_boolean_comparison(self, pc, arg, predicate: str):
        (_, va), (_, vb) = self.operands(2)
        self.replace_operands(2, BOOL, self.builder.icmp_unsigned(predicate, va, vb))

    def lower_null_comparison(self, pc, arg, predicate: str):
        """Null against anything: equal only to null, known without a test, but for a boxed
        value, which is null when it is None."""
        (ka, va), (kb, vb) = self.operands(2)
        boxed = va if ka is BOXED else vb if kb is BOXED else None
        if boxed is not None:
            same = self.builder.icmp_unsigned(predicate, boxed, self.object_address("none"))
            self.drop(2)
            self.push(BOOL, same)
            return
        same = ka is NULL and kb is NULL
        self.replace_operands(2, BOOL, ir.Constant(I1, int(same == (predicate == "=="))))

    def lower_jump(self, pc, arg):
        self.flow_to(arg)

    def lower_back_edge(self, pc, arg):
        """A back-edge. Every POLL_INTERVAL back-edges (counted per activation, in a register)
        native code lets Python run its signal handlers (PyErr_CheckSignals), so Ctrl-C stops
        a compiled loop: the exception a handler raised stays set, and the unit returns with
        the error status like any other error."""
        b = self.builder
        count = b.add(b.load(self.poll_counter), ir.Constant(I64, 1))
        b.store(count, self.poll_counter)
        due = b.icmp_unsigned("==", b.and_(count, ir.Constant(I64, POLL_INTERVAL - 1)),
                              ir.Constant(I64, 0))
        poll_block = b.append_basic_block(self.label(pc, "_poll"))
        interrupted = b.append_basic_block(self.label(pc, "_interrupted"))
        back = b.append_basic_block(self.label(pc, "_back"))
        b.cbranch(due, poll_block, back)
        b.position_at_end(poll_block)
        check = self.external_function("PyErr_CheckSignals", I32, [])
        b.cbranch(b.icmp_signed("==", b.call(check, []), ir.Constant(I32, 0)), back, interrupted)
        b.position_at_end(interrupted)
        b.store(self.depth0, self.depth_global)
        self.release_area()
        self.result(ir.Constant(I64, 0), ir.Constant(I32, STATUS_ERROR))
        b.position_at_end(back)
        self.flow_to(arg)

    def truth(self, kind, value):
        """An i1: whether the value is true (all but false and null are)."""
        if kind is BOOL:
            return value
        if kind is BOXED:
            b = self.builder
            return b.and_(b.icmp_unsigned("!=", value, self.object_address("false")),
                          b.icmp_unsigned("!=", value, self.object_address("none")))
        return ir.Constant(I1, int(kind is not NULL))

    def lower_branch_if_false(self, pc, arg):
        kind, value = self.stack[-1]
        cond = self.truth(kind, value)
        self.drop()
        stack = list(self.stack)
        self.branch_to(pc, arg, cond, False, stack, stack)

    def lower_branch_keeping(self, pc, arg, when: bool):
        """`and`/`or`: jump when the condition is `when`, keeping it as the value (a boxed
        one is released on the other way)."""
        kept = list(self.stack)
        kind, value = self.stack[-1]
        self.stack.pop()
        self.branch_to(pc, arg, self.truth(kind, value), when, list(self.stack), kept,
                       release_on_fall=kind is BOXED)

    def lower_branch_if_not_less(self, pc, arg):
        if pc in self.typed.runtime_ops:  # strings, boxed values: as LT (rules.py)
            cond = self.runtime_comparison("rt_less", self.operands(2))
            self.drop(2)
        else:
            (ka, va), (kb, vb) = self.operands(2)
            cond = self.compare("<", ka, va, kb, vb)
            del self.stack[-2:]
        stack = list(self.stack)
        self.branch_to(pc, arg, cond, False, stack, stack)

    def lower_return(self, pc, arg):
        """Return the value as the unit's return type: boxed (its reference goes to the
        caller) when the function returns values of several types."""
        kind, value = self.pop()
        if self.ret_type is BOXED and kind is not BOXED:
            kind, value = BOXED, self.owned_object(kind, value)
        word = self.to_word(kind, value) if isinstance(kind, JitType) and kind.stored \
            else ir.Constant(I64, 0)
        self.release_area()
        self.result(word, ir.Constant(I32, STATUS_OK))

    # -- calls -----------------------------------------------------------------------------

    def lower_call(self, pc, argc):
        site = self.typed.calls[pc]
        b = self.builder
        args = self.stack[len(self.stack) - argc:]
        if site.kind == "native":
            self.lower_native(site, args[0])
            return
        if site.kind == "object":
            self.lower_object_native(site, argc)
            return
        if site.kind in ("value", "generic"):
            # a closure, a method, a native, a function not compiled when this unit was, with
            # the arguments as objects: a function through the site's call cache, a native
            # the analysis knows through the runtime; a result the analysis typed is unboxed
            # behind a guard
            operands = self.stack[len(self.stack) - argc - 1:]
            if site.callee is not None and type(site.callee.value) is Native:
                result = self.runtime_call("rt_call_value", operands)
            else:
                result = self.cached_call(operands)
            self.drop(argc + 1)
            self.push(BOXED, result)
            if site.result is not BOXED:
                self.unbox_top(site.result, pc + 1)
            return
        if site.kind == "self":
            callee = self.self_callee
        else:
            symbol, _ = self.env.direct_callee(site.callee.value.code, site.arg_types)
            signature = self.signature(site.arg_types)
            callee = self.external_function(symbol, signature.return_type, signature.args)
        pair = b.call(callee, [self.depth1] + [
            self.constant_object(k.value) if k.__class__ is Callee else v
            for k, v in args if k.__class__ is Callee or k.stored])
        word, status = b.extract_value(pair, 0), b.extract_value(pair, 1)
        self.drop(argc + 1)  # (boxed arguments were lent to the callee)
        self.after_call(pc, site, word, status)

    def cached_call(self, operands: list):
        """Call the value `operands[0]` with the others as arguments, through the site's call
        cache (callcache.CallCache): a function of a code cached is called through that
        code's call entry (`lower_call_entry`), the arguments as objects, as a direct native
        call is made (the caller's depth passed on). A call entry that returns a signal
        instead of a value (the callee deoptimized with a result of another type; or it
        refused the call) hands it to the runtime (`rt_after_entry`); anything else (another
        code, a native, a value that is not a function) goes to the runtime, which fills the
        cache (`rt_call_cached`). Returns the new reference to the result (an error leaves
        through `error_exit`)."""
        b = self.builder
        cache = CallCache()
        cache_object = self.constant_object(cache)
        words = self.address(self.env.site_words_symbol(cache))
        objects, temporaries = [], []
        for kind, value in operands:
            obj, temporary = self.as_object(kind, value)
            objects.append(obj)
            if temporary is not None:
                temporaries.append(temporary)
        callee = objects[0]

        def word(index):
            return b.load(b.gep(words, [ir.Constant(I64, index)], source_etype=I64), typ=I64)

        def cached_entry():  # the entry cached with the callee's code, or 0
            code = b.load(self.pointer_field(callee, self.env.layout.function_code_offset),
                          typ=I64)
            found = ir.Constant(I64, 0)
            for index in reversed(range(CALL_CACHE_ENTRIES)):
                found = b.select(b.icmp_unsigned("==", code, word(2 * index)),
                                 word(2 * index + 1), found)
            return found
        is_function = b.icmp_unsigned("==", self.type_of_object(callee),
                                      self.object_address("function_type"))
        found = self.either(is_function, cached_entry, lambda: ir.Constant(I64, 0), I64)

        def entered():
            entry = b.inttoptr(found, PTR)
            entry.__class__ = FunctionPointerCast
            entry.function_type = ir.FunctionType(PTR, [I64, PTR, I64])
            arguments = self.object_arguments()
            for index, obj in enumerate(objects):
                b.store(obj, b.gep(arguments, [ir.Constant(I32, index)], source_etype=PTR))
            result = b.call(entry, [self.depth1, arguments, ir.Constant(I64, len(objects))])
            is_signal = b.or_(  # (a call entry never declines: lower_call_entry)
                b.icmp_unsigned("==", result, self.object_address("not_entered")),
                b.icmp_unsigned("==", result, self.object_address("pending")))

            def settled():
                value = self.call_object("rt_after_entry", [result, cache_object, *objects])
                self.release(result)  # (the signal's reference, which the entry gave)
                return value
            return self.either(is_signal, settled, lambda: result)

        result = self.either(b.icmp_unsigned("!=", found, ir.Constant(I64, 0)), entered,
                             lambda: self.call_object(
            "rt_call_cached", [cache_object, *objects]))
        for temporary in temporaries:
            self.decref(temporary)
        self.check_object(result)
        return result

    def unbox_top(self, kind, resume_pc: int, reason: str = CALL_RESULT_TYPE) -> None:
        """Replace the boxed value on top of the stack by its unboxed `kind`, guarded: a value
        of another type deoptimizes to `resume_pc`, with the boxed value on the stack."""
        b = self.builder
        obj = self.stack[-1][1]
        state = self.typed.states[resume_pc]
        address = self.object_address
        if kind is NULL:
            ok, value = b.icmp_unsigned("==", obj, address("none")), None
        elif kind is BOOL:
            value = b.icmp_unsigned("==", obj, address("true"))
            ok = b.or_(value, b.icmp_unsigned("==", obj, address("false")))
        elif kind is FLOAT:
            ok = b.icmp_unsigned("==", self.type_of_object(obj), address("float_type"))
        else:
            is_int = b.icmp_unsigned("==", self.type_of_object(obj), address("int_type"))
            self.guard(is_int, reason, state=state, resume_pc=resume_pc)
            as_long = self.external_function("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR])
            value = b.call(as_long, [obj, self.overflow_flag])
            ok = b.icmp_signed("==", b.load(self.overflow_flag), ir.Constant(I32, 0))
        self.guard(ok, reason, state=state, resume_pc=resume_pc)
        if kind is FLOAT:
            value = self.float_value(obj)
        self.drop()
        self.push(kind, value)

    def after_call(self, pc: int, site, word, status) -> None:
        """STATUS_OK: push the unboxed result; STATUS_BOXED: deopt after the call with the
        boxed result; STATUS_ERROR: an error is set: note this frame for the trace and return
        the error."""
        b = self.builder
        ok_block = b.append_basic_block(self.label(pc, "_called"))
        other_block = b.append_basic_block(self.label(pc, "_callfail"))
        b.cbranch(b.icmp_signed("==", status, ir.Constant(I32, STATUS_OK)), ok_block, other_block)
        b.position_at_end(other_block)
        if site.result is BOXED:  # any value is of the type: not OK is an error
            self.error_exit()
        else:
            error_block = b.append_basic_block(self.label(pc, "_error"))
            boxed_block = b.append_basic_block(self.label(pc, "_boxed"))
            b.cbranch(b.icmp_signed("==", status, ir.Constant(I32, STATUS_ERROR)), error_block,
                      boxed_block)
            b.position_at_end(error_block)
            self.error_exit()
            b.position_at_end(boxed_block)
            after_state = self.typed.states[pc + 1]
            self.emit_deopt(CALL_RESULT_TYPE, pc + 1, after_state,
                            self.stack + [(PENDING_RESULT, None)])
        b.position_at_end(ok_block)
        if site.result.stored:
            self.push(site.result, self.from_word(site.result, word))
        else:
            self.push(site.result, None)

    def lower_native(self, site, arg) -> None:
        """sqrt, abs and floor inline; guards leave the error cases to the interpreter."""
        b = self.builder
        kind, value = arg
        name = site.callee.value.name
        if name == "sqrt":
            x = self.to_float(kind, value)
            if kind is INT:
                self.exact_int_guard(value, INEXACT_TO_FLOAT)
            # unordered: the square root of NaN is NaN, as in Python (only < 0 is an error)
            self.guard(b.fcmp_unordered(">=", x, ir.Constant(F64, 0.0)), NEGATIVE_SQRT)
            result = (FLOAT, b.call(self.external_function("llvm.sqrt.f64", F64, [F64]), [x]))
        elif name == "abs":
            if kind is INT:
                negated = self.overflow_op("ssub", ir.Constant(I64, 0), value)
                result = (INT, b.select(b.icmp_signed("<", value, ir.Constant(I64, 0)), negated, value))
            else:
                result = (FLOAT, b.call(self.external_function("llvm.fabs.f64", F64, [F64]), [value]))
        else:
            if kind is INT:
                result = (INT, value)
            else:
                fabs = self.external_function("llvm.fabs.f64", F64, [F64])
                finite = b.fcmp_ordered("<", b.call(fabs, [value]), ir.Constant(F64, float("inf")))
                self.guard(finite, FLOOR_NOT_FINITE)  # the interpreter's error
                floored = b.call(self.external_function("llvm.floor.f64", F64, [F64]), [value])
                in_range = b.and_(b.fcmp_ordered(">=", floored, ir.Constant(F64, -2.0 ** 63)),
                                  b.fcmp_ordered("<", floored, ir.Constant(F64, 2.0 ** 63)))
                self.guard(in_range, FLOOR_OUT_OF_RANGE)
                result = (INT, b.fptosi(floored, I64))
        del self.stack[-2:]
        self.push(*result)

    def lower_object_native(self, site, argc) -> None:
        """`len` of a list or a string, `push` onto a list (rules.OBJECT_NATIVES): a type test
        and a load of the length, or PyList_Append. Anything else (another type, whose error
        the native raises; a list or string the collector poisoned in checking mode, whose
        field holds a marker) calls the native through the runtime. A sieve filling its list
        with 5,000,000 pushes spent half its time in those calls (`eva run --profile`)."""
        b = self.builder
        layout = self.env.layout
        operands = self.stack[len(self.stack) - argc - 1:]  # (the callee first)
        obj = operands[1][1]
        kind = self.type_of_object(obj)

        def through_runtime():
            return self.runtime_call("rt_call_value", operands)

        def held(offset: int, host_type: str, found, slow, result_type):
            """`found(field)` when the field at `offset` holds a `host_type`, else `slow()`."""
            field = b.load(self.pointer_field(obj, offset), typ=PTR)
            return self.either(b.icmp_unsigned("==", self.type_of_object(field),
                                               self.object_address(host_type)),
                               lambda: found(field), slow, result_type)

        if site.callee.value.name == "len":
            def slow():
                length = through_runtime()  # an int, or an error (error_exit)
                as_long = self.external_function("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR])
                value = b.call(as_long, [length, self.overflow_flag])
                self.decref(length)
                return value

            def size_at(offset):
                return lambda field: b.load(self.pointer_field(field, offset), typ=I64)

            def list_or_other():
                return self.either(b.icmp_unsigned("==", kind, self.object_address("list_type")),
                                   lambda: held(layout.eva_list_items_offset, "host_list_type",
                                                size_at(layout.list_size_offset), slow, I64),
                                   slow, I64)
            result = self.either(b.icmp_unsigned("==", kind, self.object_address("string_type")),
                                 lambda: held(layout.string_text_offset, "host_str_type",
                                              size_at(layout.str_length_offset), slow, I64),
                                 list_or_other, I64)
        else:
            value, temporary = self.as_object(*operands[2])

            def append(items):
                self.append_to(items, value)
                self.incref(obj)  # push returns the list
                return obj
            result = self.either(b.icmp_unsigned("==", kind, self.object_address("list_type")),
                                 lambda: held(layout.eva_list_items_offset, "host_list_type",
                                              append, through_runtime, PTR),
                                 through_runtime)
            if temporary is not None:
                self.decref(temporary)
        self.drop(argc + 1)
        self.push(site.result, result)

    # -- the entry builtin -------------------------------------------------------------------

    def lower_entry(self) -> None:
        """The entry builtin the interpreter calls (METH_FASTCALL: the budget, then the
        frame's slots as objects). A function unit's hands its arguments to the call entry
        (`lower_call_entry`) once it has set the depth limit; an OSR unit's unboxes them and
        calls the compiled function itself, which may hand back a frame to resume."""
        fn = ir.Function(self.module, ir.FunctionType(PTR, [PTR, PTR, I64]), self.entry_name)
        fn.linkage = "protected"
        # Unoptimized: its time goes to the C-API calls that unbox and box, and optimizing it
        # cost 8 % of a unit's compile time (15.7 -> 14.5 ms a unit, fib's and mandelbrot's
        # units compiled alternately in one process; entering costs the same).
        fn.attributes.add("optnone")
        fn.attributes.add("noinline")
        b = self.builder = ir.IRBuilder(fn.append_basic_block("entry"))
        as_long = self.external_function("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR])
        overflow = b.alloca(I32, name="overflow")
        args = fn.args[1]
        signal, check = self.entry_exits(fn)
        declined = fn.append_basic_block("declined")
        with b.goto_block(declined):
            signal("declined")

        def arg_pointer(index):
            return b.load(b.gep(args, [ir.Constant(I64, index)], source_etype=PTR), typ=PTR)

        entries_global = self.address("eva_entries")
        entries = b.load(entries_global, typ=I64)
        check(b.icmp_signed("<", entries, ir.Constant(I64, MAX_NESTED_ENTRIES)), declined)
        calls_entry = self.call_entry is not None
        if not calls_entry:  # (the call entry checks the unit's validity itself)
            valid = b.load(self.address(self.env.valid_symbol), typ=I64)  # see lower_body
            check(b.icmp_signed("!=", valid, ir.Constant(I64, 0)))
        check(b.icmp_signed("==", fn.args[2], ir.Constant(I64, 1 + len(self.param_slots))))
        budget = b.call(as_long, [arg_pointer(0), overflow])
        check(b.icmp_signed("==", b.load(overflow), ir.Constant(I32, 0)))
        if not calls_entry:
            unboxed = self.unboxed_arguments(lambda index: arg_pointer(index + 1), check,
                                             overflow)
        limit_global = self.address("eva_limit")
        old_limit = b.load(limit_global, typ=I64)
        depth_global = self.address("eva_depth")
        depth = b.load(depth_global, typ=I64)
        cap = ir.Constant(I64, MAX_NATIVE_DEPTH)
        check(b.icmp_signed("<", depth, cap), declined)
        wanted = b.add(depth, budget)
        b.store(b.select(b.icmp_signed("<", wanted, cap), wanted, cap), limit_global)
        # Ctrl-C: the signal handler (interrupts.py) sets the flag, then the limit to -1, so
        # that the next compiled call fails its depth check and returns to Python. Reading
        # the flag after storing the limit, a signal that came before the store is not lost.
        interrupted = b.load(self.address("eva_interrupt"), typ=I64)
        b.store(b.select(b.icmp_signed("!=", interrupted, ir.Constant(I64, 0)),
                         ir.Constant(I64, -1), b.load(limit_global, typ=I64)), limit_global)
        unwinding_from = b.load(self.address("eva_unwind_count"), typ=I64)
        b.store(b.add(entries, ir.Constant(I64, 1)), entries_global)
        if calls_entry:
            result = b.call(self.call_entry, [
                depth, b.gep(args, [ir.Constant(I64, 1)], source_etype=PTR),
                ir.Constant(I64, len(self.param_slots))])
        else:
            pair = b.call(self.function, [depth] + unboxed)
        b.store(old_limit, limit_global)
        b.store(depth, depth_global)  # calls into the runtime below may have moved it
        b.store(entries, entries_global)
        error = fn.append_basic_block("error")
        if calls_entry:  # a value, a signal (not_entered, pending), or NULL: an error
            done = fn.append_basic_block("done")
            b.cbranch(b.icmp_unsigned("==", result, ir.Constant(PTR, None)), error, done)
            b.position_at_end(done)
            b.ret(result)
        else:
            word, status = b.extract_value(pair, 0), b.extract_value(pair, 1)
            ok = fn.append_basic_block("ok")
            boxed = fn.append_basic_block("boxed")
            resume = fn.append_basic_block("resume")
            switch = b.switch(status, error)
            switch.add_case(ir.Constant(I32, STATUS_OK), ok)
            switch.add_case(ir.Constant(I32, STATUS_BOXED), boxed)
            switch.add_case(ir.Constant(I32, STATUS_RESUME), resume)
            b.position_at_end(boxed)
            signal("pending")
            b.position_at_end(resume)
            signal("resume")
            b.position_at_end(ok)
            b.ret(self.boxed_result(word))
        b.position_at_end(error)
        self.raise_error(unwinding_from)

    def lower_call_entry(self) -> None:
        """`call_N(depth, arguments, count)`: a function unit's entry for call caches in native
        code (callcache.py, `cached_call`). The arguments are objects, the function first, as
        the entry builtin takes them after its budget; the caller's depth is passed as a
        direct call's is, so the callee's depth checks bound the recursion, and an error
        leaves with its unwind sites for the caller to add to (no Python runs: the caller's
        entry makes the trace). Returns a new reference to the result, NULL with the error
        set, or a signal: `not_entered` (invalidated, other argument types) or `pending` (a
        deopt finished the call with a result of another type). The entry builtin calls it
        too, so the unboxing is lowered once. A cached call through it skips what only a call
        from Python needs (the budget, the depth limit, the nested entries, the trace):
        closures' loop ran 742 machine instructions an iteration calling the entry builtin,
        675 calling this."""
        fn = self.call_entry = ir.Function(self.module, ir.FunctionType(PTR, [I64, PTR, I64]),
                                           self.call_entry_name)
        fn.linkage = "protected"
        fn.attributes.add("optnone")  # (as the entry builtin: optimized, it ran as many
        fn.attributes.add("noinline")  # instructions a call, and compiled slower)
        b = self.builder = ir.IRBuilder(fn.append_basic_block("entry"))
        overflow = b.alloca(I32, name="overflow")
        signal, check = self.entry_exits(fn)
        valid = b.load(self.address(self.env.valid_symbol), typ=I64)
        check(b.icmp_signed("!=", valid, ir.Constant(I64, 0)))
        check(b.icmp_signed("==", fn.args[2], ir.Constant(I64, len(self.param_slots))))
        unboxed = self.unboxed_arguments(lambda index: b.load(
            b.gep(fn.args[1], [ir.Constant(I64, index)], source_etype=PTR), typ=PTR),
            check, overflow)
        pair = b.call(self.function, [fn.args[0]] + unboxed)
        word, status = b.extract_value(pair, 0), b.extract_value(pair, 1)
        ok = fn.append_basic_block("ok")
        boxed = fn.append_basic_block("boxed")
        error = fn.append_basic_block("error")
        switch = b.switch(status, error)  # (a function unit never resumes: STATUS_RESUME)
        switch.add_case(ir.Constant(I32, STATUS_OK), ok)
        switch.add_case(ir.Constant(I32, STATUS_BOXED), boxed)
        b.position_at_end(boxed)
        signal("pending")
        b.position_at_end(error)
        b.ret(ir.Constant(PTR, None))
        b.position_at_end(ok)
        b.ret(self.boxed_result(word))

    def entry_exits(self, fn):
        """(signal, check) for an entry `fn` being built: `signal(name)` returns that signal
        (runtime.object_symbols), a new reference; `check(condition, otherwise)` goes on
        where `condition` holds, else to `otherwise`, by default a block that returns
        `not_entered`."""
        b = self.builder
        incref = self.external_function("Py_IncRef", ir.VoidType(), [PTR])

        def signal(name):
            b.call(incref, [self.object_address(name)])
            b.ret(self.object_address(name))

        not_entered = fn.append_basic_block("not_entered")
        with b.goto_block(not_entered):
            signal("not_entered")

        def check(condition, otherwise=not_entered):
            next_block = fn.append_basic_block("checked")
            b.cbranch(condition, next_block, otherwise)
            b.position_at_end(next_block)
        return signal, check

    def unboxed_arguments(self, argument, check, overflow) -> list:
        """The compiled function's parameters from an entry's object arguments (`argument(i)`
        loads the i-th, the function first), each checked for its kind (`check`)."""
        b = self.builder
        as_long = self.external_function("PyLong_AsLongLongAndOverflow", I64, [PTR, PTR])
        address = self.object_address
        unboxed = []
        for index, kind in enumerate(self.param_types):
            if kind is None:  # slot 0, the function, when the unit does not use it
                continue
            obj = argument(index)
            if kind is BOXED:  # any value (borrowed: the caller holds it for the call)
                unboxed.append(obj)
                continue
            obj_type = self.type_of_object(obj)
            if kind is INT:
                check(b.icmp_unsigned("==", obj_type, address("int_type")))
                unboxed.append(b.call(as_long, [obj, overflow]))  # resets *overflow first
                check(b.icmp_signed("==", b.load(overflow), ir.Constant(I32, 0)))
            elif kind is FLOAT:
                check(b.icmp_unsigned("==", obj_type, address("float_type")))
                unboxed.append(self.float_value(obj))
            elif kind is BOOL:
                check(b.icmp_unsigned("==", obj_type, address("bool_type")))
                unboxed.append(b.icmp_unsigned("==", obj, address("true")))
            elif kind is NULL:
                check(b.icmp_unsigned("==", obj, address("none")))
        return unboxed

    def boxed_result(self, word):
        """A new reference to the compiled function's result `word` as an object (NULL, an
        error set, if a box cannot be made)."""
        b = self.builder
        kind = self.ret_type
        if kind is BOXED:  # the reference the function returned is the caller's
            return b.inttoptr(word, PTR)
        if kind is INT:
            return b.call(self.external_function("PyLong_FromLongLong", PTR, [I64]), [word])
        if kind is FLOAT:
            return b.call(self.external_function("PyFloat_FromDouble", PTR, [F64]),
                          [b.bitcast(word, F64)])
        if kind is BOOL:
            obj = b.select(b.trunc(word, I1), self.object_address("true"),
                           self.object_address("false"))
        else:
            obj = self.object_address("none")
        self.incref(obj)
        return obj

    def raise_error(self, unwinding_from) -> None:
        """Leave the entry with the Python exception that is set, once the runtime has added
        the compiled frames it passed through (recorded from `unwinding_from` on, see
        `note_unwind`) to its Eva stack trace (`eva_unwound`, in support.py)."""
        unwound = self.external_function("eva_unwound", ir.VoidType(), [PTR, I64])
        self.cold_call(unwound, [self.object_address("rt_unwound"), unwinding_from])
        self.builder.ret(ir.Constant(PTR, None))


def lowering_table() -> dict:
    """Opcode -> {operand kinds (or ANY): the Lowerer method its rule names, its parameters
    bound}, for every opcode the JIT compiles. A rule naming no method fails here, when the
    module is imported, not when a unit first runs into it."""
    table = {}
    for op, rule in RULES.items():
        if rule.lower is None:
            continue
        table[op] = by_kinds = {}
        for kinds, (name, parameters) in rule.lower.items():
            method = getattr(Lowerer, name, None)
            if method is None:
                raise AttributeError(f"the rule of {op.name} names no Lowerer method: {name}")
            by_kinds[kinds] = partial(method, **parameters) if parameters else method
    return table


LOWERINGS = lowering_table()


def lower(typed: TypedCode, env: Environment) -> LoweredUnit:
    return Lowerer(typed, env).lower()
