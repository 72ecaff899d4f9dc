"""Bytecode analysis: which values compiled code holds, and of what type, at every instruction.

Input: a code object, the instruction to enter at (0, or a loop header for on-stack
replacement) and the types of the frame's slots there (from the actual arguments or locals
when the function got hot). Output: a `TypedCode` with, for every reachable instruction, the
types of the live slots and of the operand stack on entry to it, plus what each call site
calls. It is an abstract interpretation over the generic (never quickened) instructions,
each typed by its opcode's rule (rules.py):
- constants, arithmetic and comparisons give types by the rules of SPEC.md section 4
  (int op int is an int guarded for overflow; any float makes a float; `/` is a float);
- slots dead at a merge point (liveness) are forgotten, so a loop body's own variables do
  not conflict with their earlier values; live slots must agree on a type, or the function
  is not compiled;
- a call's result type comes from the callee: itself (a fixed point over the return type),
  an already compiled function, or the callee's own analysis with the argument types.

Anything outside the supported set raises `NotCompilable` with a reason the user can read
(`--trace-jit`, `--jit-stats`); an opcode's rule may refuse it outright (closures, objects,
lists).
"""

from __future__ import annotations

from collections import namedtuple

from eva.flow import successors
from eva.jit.rules import (INLINE_NATIVES, OBJECT_NATIVES, RULES, UNDECLARED, AlwaysDeopts,
                           NotCompilable)
from eva.jit.types import BOXED, DISCARD, FLOAT, INT, NULL, UNDEF_T, Callee, CallSite, JitType, join
from eva.objects import Native
from eva.opcodes import Op

MAX_CALLEE_ANALYSIS_DEPTH = 3
"""How deep the analysis follows calls to functions that are not compiled to type their
results; deeper call chains are compiled once the callees are hot themselves."""

MAX_UNIT_INSTRUCTIONS = 400
"""Bytecode instructions of one unit (a function, or the loop an OSR unit covers) beyond
which it is not compiled: the budget that bounds compile time. Lowering and LLVM take time
about linear in a unit's size (docs/jit.md, "Compile time"), about 1.5 ms an instruction in
the worst case measured, nested integer arithmetic with an overflow guard each; a unit at
the limit compiles in well under a second, and the refusal costs a walk of the bytecode (a
millisecond for the largest function the front end accepts). The largest unit of the golden
corpus and the benchmarks has 88 instructions. A function too large still gets its loops
compiled, each a unit of its own."""

State = namedtuple("State", "slots stack")
State.__doc__ = """Types on entry to an instruction: one per slot (None: dead) and one per
stack entry."""


class TypedCode:
    """The analysis of one code object for one entry: what lowering needs."""

    def __init__(self, code, entry_pc: int, entry_slots: tuple, live: dict):
        self.code = code
        self.entry_pc = entry_pc
        self.entry_slots = entry_slots
        self.live = live                # pc -> frozenset of live slots
        self.states: dict = {}          # pc -> State
        self.calls: dict = {}           # pc of CALL -> CallSite
        self.global_kinds: dict = {}    # pc of a global read as a value -> type
        self.callees: dict = {}         # pc of a global read holding a function -> Callee
        self.exits: set = set()         # loop units: targets outside the loop
        self.results: dict = {}         # pc -> the types it pushes (not of jumps; `eva ir`)
        self.edges: dict = {}           # (pc, successor) -> slot types leaving pc that way
        self.always_deopts: dict = {}   # pc -> why the interpreter must run it (an error)
        self.runtime_ops: set = set()   # pcs of operations done by the runtime (boxed operands)
        self.return_type: JitType | None = None
        # set by signs.speculate: entry slots guarded >= 0, and the `%`s that makes unsigned
        self.non_negative_entry = frozenset()
        self.unsigned_remainders = frozenset()

    @property
    def params(self) -> list[int]:
        """Slots passed in on entry: slot 0 (the function, whose cells a closure reads) and
        the arguments, or every live slot for OSR."""
        if self.entry_pc == 0:
            return list(range(0, self.code.arity + 1))
        return sorted(s for s in self.live[self.entry_pc]
                      if self.entry_slots[s] is not None and self.entry_slots[s].stored)

    @property
    def holds_objects(self) -> bool:
        """Whether any value of the unit's code is BOXED (a result popped unused included)."""
        return any(BOXED in state.slots or BOXED in state.stack
                   for state in self.states.values()) or self.return_type is BOXED or \
            any(BOXED in pushed for pushed in self.results.values())

    @property
    def boxes(self) -> bool:
        """Whether native code holds a boxed value (then its frame has a root area): one of
        its values, or the result of a call through the runtime until it is unboxed."""
        return self.holds_objects or any(site.kind == "generic" for site in self.calls.values())

    @property
    def runs_eva_code_through_the_runtime(self) -> bool:
        """Whether a `new` of the unit runs Eva code through a runtime call (its
        constructor), about 0.5 to 0.9 us, where translated code calls the constructor's
        translation directly. A call of a closure, a method or a function not compiled
        goes through a call cache (lowering.Lowerer.cached_call), which calls the callee's
        compiled code once it has some (it is compiled for native callers: tierup.Jit.
        called_by_native_code)."""
        return any(self.code.generic_insns[pc][0] == Op.NEW for pc in self.states)

    @property
    def rechecks_callees(self) -> bool:
        """Whether a read of a global function checks that the unit is still valid: only
        after a call that could have run other code (a generic or cross-unit call) since
        the unit was entered (lowering.py's `lower_body` says why)."""
        return any(site.kind in ("generic", "direct", "value") for site in self.calls.values()) \
            or any(self.code.generic_insns[pc][0] == Op.NEW for pc in self.states)


def slot_uses(code, pc: int) -> tuple[set, set]:
    """(slots read, slots written) by the instruction at `pc`."""
    op, arg = code.generic_insns[pc]
    if op in (Op.GET_LOCAL, Op.GET_LOCAL_CHECKED, Op.GET_CELL, Op.LOAD_CELL):
        return {arg}, set()
    if op in (Op.GET_FREE, Op.SET_FREE, Op.LOAD_FREE):
        return {0}, set()  # the running closure's cells
    if op == Op.GET_LOCAL2:
        return set(arg), set()
    if op == Op.GET_LOCAL_CONST:
        return {arg[0]}, set()
    if op in (Op.SET_LOCAL, Op.DECLARE_LOCAL, Op.STORE_LOCAL, Op.CLEAR_LOCAL, Op.MAKE_CELL):
        return set(), {arg}
    if op in (Op.SET_LOCAL_CHECKED, Op.SET_CELL, Op.DECLARE_CELL, Op.BOX_ARG):
        return {arg}, {arg}
    return set(), set()


def liveness(code, reachable: list[int]) -> dict:
    """Live slots on entry to each reachable instruction (backward dataflow to a fixed point)."""
    live = {pc: frozenset() for pc in reachable}
    uses = {pc: slot_uses(code, pc) for pc in reachable}
    changed = True
    while changed:
        changed = False
        for pc in reversed(reachable):
            out = set()
            for succ in successors(code, pc):
                out |= live.get(succ, frozenset())
            read, written = uses[pc]
            new = frozenset((out - written) | read)
            if new != live[pc]:
                live[pc] = new
                changed = True
    return live


def loop_region(code, header: int) -> range | None:
    """The instructions a loop unit entered at `header` covers: the outermost loop around that
    header, from its own header to its back-edge (the compiler emits structured loops, so a
    body lies between its header and its back-edge). An inner loop that got hot thus brings
    its enclosing loops along, and nested loops run without leaving native code; leaving the
    region returns to the interpreter, which runs the rest of the function. None for a
    function entry."""
    if header == 0:
        return None
    loops = [(target, pc) for pc, (op, target) in enumerate(code.generic_insns)
             if op == Op.LOOP and target <= header <= pc]
    if not loops:
        return None
    return range(min(start for start, _ in loops), max(end for _, end in loops) + 1)


def reachable_from(code, entry: int) -> list[int]:
    seen, work = set(), [entry]
    while work:
        pc = work.pop()
        if pc in seen or pc >= len(code.generic_insns):
            continue
        seen.add(pc)
        work.extend(successors(code, pc))
    return sorted(seen)


class Analyzer:
    """Types one code object for one entry (see module docstring). The rules' typing
    functions see it as `t`: the instruction being typed (`pc`, `code`), what is known so far
    (`typed`, `returns`), and the verbs `read`, `value`, `operate`, `call_site` and `refuse`."""

    def __init__(self, code, entry_pc: int, entry_slots: tuple, compiled_lookup, depth: int = 0,
                 refused: dict | None = None):
        self.code = code
        self.entry_pc = entry_pc
        self.entry_slots = entry_slots
        self.compiled_lookup = compiled_lookup  # code, arg types -> return type, or None
        self.depth = depth
        self.refused = refused or {}  # pc -> the VALUE_GUARDS reason that failed there, repeatedly

    def fail(self, pc: int, reason: str) -> NotCompilable:
        offset = self.code.offsets[pc] if pc < len(self.code.offsets) else pc
        return NotCompilable(f"{reason} (at {offset:04X})")

    def run(self) -> TypedCode:
        reachable = reachable_from(self.code, self.entry_pc)
        region = loop_region(self.code, self.entry_pc)
        size = len(reachable) if region is None else sum(1 for pc in reachable if pc in region)
        if size > MAX_UNIT_INSTRUCTIONS:
            raise NotCompilable(f"too large to compile: {size} instructions (the limit is "
                                f"{MAX_UNIT_INSTRUCTIONS}; its loops may still be)")
        live = liveness(self.code, reachable)
        assumed = None
        for _ in range(3):
            typed = self.pass_with(assumed, live)
            # without a call of itself, the assumed return type played no part: no second pass
            settled = typed.return_type == assumed or not self.calls_itself
            if settled or typed.return_type is None:
                if typed.return_type is None and assumed is None:
                    # A loop unit leaves through its exits; a function whose every path ends
                    # in an error (or a deopt, or calls itself forever) returns nothing
                    # natively: any type will do (a pass more types its self-calls)
                    if self.entry_pc == 0 and self.calls_itself:
                        assumed = BOXED
                        continue
                    typed.return_type = NULL if self.entry_pc else BOXED
                    return typed
                typed.return_type = typed.return_type or assumed
                return typed
            assumed = typed.return_type
        raise NotCompilable("the return type does not settle")

    def pass_with(self, assumed_return, live) -> TypedCode:
        typed = TypedCode(self.code, self.entry_pc, self.entry_slots, live=live)
        self.loop_region = loop_region(self.code, self.entry_pc)
        self.typed = typed
        self.assumed_return = assumed_return
        self.calls_itself = False  # set by call_site
        self.returns = set()  # the types RETURN instructions return
        entry = self.normalize(State(self.entry_slots, ()), self.entry_pc)
        for slot in live[self.entry_pc]:
            if self.entry_slots[slot] is None:
                raise self.fail(self.entry_pc, f"variable '{self.slot_name(slot)}' holds a "
                                f"value compiled code cannot hold")
        # Paths that meet with different types make the merged value BOXED (`join`); the
        # merge point is typed again with the joined state, until nothing changes (each
        # type can only go to BOXED once: a few rounds at most).
        work = [(self.entry_pc, entry)]
        while work:
            pc, state = work.pop()
            known = typed.states.get(pc)
            if known is not None:
                state = self.merge(pc, known, state)
                if state == known:
                    continue
            typed.states[pc] = state
            for succ, new_state in self.step(pc, state):
                if self.loop_region is not None and succ not in self.loop_region:
                    typed.exits.add(succ)  # leaving the loop: back to the interpreter
                    continue
                new_state = self.normalize(new_state, succ)
                typed.edges[pc, succ] = new_state.slots
                work.append((succ, new_state))
        typed.return_type = None
        for kind in self.returns:  # values of several types are returned boxed
            typed.return_type = kind if typed.return_type is None else join(typed.return_type, kind)
        return typed

    def normalize(self, state: State, pc: int) -> State:
        """Forget dead slots, and the type of a value the instruction at `pc` pops unused, so
        paths that differ only there merge."""
        alive = self.typed.live.get(pc, frozenset())
        slots = tuple(t if i in alive else None for i, t in enumerate(state.slots))
        stack = state.stack
        if stack and pc < len(self.code.generic_insns) and self.code.generic_insns[pc][0] == Op.POP:
            stack = stack[:-1] + (DISCARD,)
        return State(slots, stack)

    def slot_name(self, slot: int) -> str:
        names = self.code.slot_names
        return names[slot] if slot < len(names) else f"#{slot}"

    def merge(self, pc: int, a: State, b: State) -> State:
        """The state where paths in states `a` and `b` meet (see `pass_with`)."""
        if len(a.stack) != len(b.stack):
            raise self.fail(pc, f"operand stack differs between paths: {a.stack!r} vs {b.stack!r}")
        return State(tuple(map(join, a.slots, b.slots)), tuple(map(join, a.stack, b.stack)))

    # -- one instruction: its opcode's rule (rules.py) -----------------------------------

    def step(self, pc: int, state: State) -> list:
        """(successor, its state) pairs after the instruction at `pc`, typed by its rule."""
        op, arg = self.code.generic_insns[pc]
        rule = RULES[op]
        if rule.refused is not None:
            raise self.fail(pc, f"{Op(op).name} is not compiled: {rule.refused}")
        self.pc = pc
        slots = list(state.slots)
        stack = list(state.stack)
        self.typed.always_deopts.pop(pc, None)
        self.typed.runtime_ops.discard(pc)
        try:
            if rule.operation is not None:
                self.operate(rule.operation, stack, rule.runtime_result)
                successors = None
            else:
                successors = rule.typing(self, arg, slots, stack)
        except AlwaysDeopts as why:  # the interpreter runs it, and raises its error
            self.typed.always_deopts[pc] = str(why)
            return []
        slots = tuple(slots)
        if successors is None:
            self.typed.results[pc] = tuple(stack[len(state.stack) - rule.operand_count(arg):])
            return [(pc + 1, State(slots, tuple(stack)))]
        return [(succ, State(slots, tuple(succ_stack))) for succ, succ_stack in successors]

    def operate(self, operation, stack: list, runtime_result=BOXED) -> None:
        """Replace an operation's operands on top of `stack` (as many as it takes) by its
        result (rules.py). Operands of kinds it has no native lowering for (strings, lists,
        anything boxed) go to the runtime, which gives `runtime_result`."""
        count = operation.__code__.co_argcount
        kinds = [self.value(kind) for kind in stack[len(stack) - count:]]
        typed_as = operation(*kinds)
        if typed_as is None or self.pc in self.refused:  # (its value guard failed: see
            # `analyze`)
            self.typed.runtime_ops.add(self.pc)
            typed_as = (runtime_result, ())
        del stack[len(stack) - count:]
        stack.append(typed_as[0])

    def refuse(self, reason: str) -> NotCompilable:
        """Why the instruction being typed is not compiled (for rules.py to raise)."""
        return self.fail(self.pc, reason)

    def read(self, slots: list, slot: int) -> JitType:
        """The type of a local the instruction reads. Not declared on any path here: the
        read is always an error, which the interpreter raises (AlwaysDeopts)."""
        kind = slots[slot]
        if kind is None or kind is UNDEF_T:
            raise AlwaysDeopts(UNDECLARED)
        return kind

    def value(self, kind):
        """The kind of a value used as data: a function known from a global (a Callee,
        which has no storage) is then a boxed reference to it."""
        if kind.__class__ is Callee:
            return BOXED
        return kind

    def call_site(self, callee: Callee, args: tuple) -> CallSite | None:
        """What the CALL being typed calls, and the type of its result (None: a self-call
        while the return type is not known yet)."""
        function = callee.value
        if type(function) is Native:
            arity, result = OBJECT_NATIVES.get(function.name, (None, None))
            if arity == len(args) and args[0] is BOXED and self.pc not in self.refused:
                return CallSite("object", callee, args, result)
            if function.name not in INLINE_NATIVES or len(args) != 1 or \
                    args[0] not in (INT, FLOAT) or self.pc in self.refused:
                return CallSite("value", callee, args, BOXED)  # through the runtime
            return CallSite("native", callee, args, INLINE_NATIVES[function.name](*args)[0])
        code = function.code
        if function.cells or code.arity != len(args):  # (the runtime raises the arity error)
            return CallSite("value", callee, args, BOXED)
        if code is self.code and self.entry_pc == 0 and args == tuple(
                self.entry_slots[1:1 + code.arity]):
            self.calls_itself = True
            if self.assumed_return is None:
                return None
            return CallSite("self", callee, args, self.assumed_return)
        compiled = self.compiled_lookup(code, args)
        if compiled is not None:
            return CallSite("direct", callee, args, compiled)
        result = BOXED  # any value, unless the callee's own analysis says which
        if self.depth < MAX_CALLEE_ANALYSIS_DEPTH:
            slots = (None, *args) + (UNDEF_T,) * (code.nslots - 1 - code.arity)
            try:
                result = Analyzer(code, 0, slots, self.compiled_lookup,
                                  self.depth + 1).run().return_type
            except NotCompilable:
                pass
        return CallSite("generic", callee, args, result)


def analyze(code, entry_pc: int, entry_slots: tuple, compiled_lookup=lambda code, args: None,
            refused: dict | None = None) -> TypedCode:
    """Type `code` entered at `entry_pc` with slot types `entry_slots` (see module docstring).
    The instructions of `refused` (pc -> VALUE_GUARDS reason) had a value guard fail in
    earlier units (an integer overflowing 64 bits, say): the runtime does them, on boxed
    values, where native code would fail the same guard again."""
    return Analyzer(code, entry_pc, entry_slots, compiled_lookup,
                    refused=refused).run()
