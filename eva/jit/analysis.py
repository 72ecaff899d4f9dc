"""Bytecode analysis: which values compiled code holds, and of what type, at every instruction.

Input: a code object, the instruction to enter at (0, or a loop header for on-stack
replacement) and the types of the frame's slots there (from the actual arguments or locals
when the function got hot). Output: a `TypedCode` with, for every reachable instruction, the
types of the live slots and of the operand stack on entry to it, plus what each call site
calls. It is an abstract interpretation over the generic (never quickened) instructions:
- constants, arithmetic and comparisons give types by the rules of SPEC.md section 4
  (int op int is an int guarded for overflow; any float makes a float; `/` is a float);
- slots dead at a merge point (liveness) are forgotten, so a loop body's own variables do
  not conflict with their earlier values; live slots must agree on a type, or the function
  is not compiled;
- a call's result type comes from the callee: itself (a fixed point over the return type),
  an already compiled function, or the callee's own analysis with the argument types.

Anything outside the supported set raises `NotCompilable` with a reason the user can read
(`--trace-jit`, `--jit-stats`).
"""

from __future__ import annotations

from collections import namedtuple

from eva.flow import successors
from eva.jit.types import BOOL, DISCARD, FLOAT, INT, NULL, UNDEF_T, Callee, JitType, type_of
from eva.objects import Function, Native
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

INLINE_NATIVES = ("sqrt", "abs", "floor")
"""Natives lowered inline (guarded on the global still holding the built-in)."""


class NotCompilable(Exception):
    """The function stays in the interpreter; the message says why."""


CallSite = namedtuple("CallSite", "kind callee arg_types result")
CallSite.__doc__ = """What one CALL instruction calls: `kind` 'self', 'direct' (a compiled
callee), 'generic' (through the runtime) or 'native', the Callee, the argument types and the
result's JitType."""

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
        self.exits: set = set()         # loop units: targets outside the loop
        self.return_type: JitType | None = None
        # set by signs.speculate: entry slots guarded >= 0, and the `%`s that makes unsigned
        self.non_negative_entry = frozenset()
        self.unsigned_remainders = frozenset()

    @property
    def params(self) -> list[int]:
        """Slots passed in on entry: the arguments, or every live slot for OSR."""
        if self.entry_pc == 0:
            return list(range(1, self.code.arity + 1))
        return sorted(s for s in self.live[self.entry_pc] if self.entry_slots[s].stored)


def slot_uses(code, pc: int) -> tuple[set, set]:
    """(slots read, slots written) by the instruction at `pc`."""
    op, arg = code.generic_insns[pc]
    if op in (Op.GET_LOCAL, Op.GET_LOCAL_CHECKED, Op.GET_CELL, Op.LOAD_CELL):
        return {arg}, set()
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


VALUE_GUARDS = {
    "integer overflow": "the result needs a big integer, which only the interpreter has",
    "floor out of integer range": "the result needs a big integer, which only the interpreter "
                                  "has",
    "inexact int division": "an operand is past 2**53, which only the interpreter divides "
                            "exactly",
    "inexact mixed comparison": "an integer past 2**53 meets a float, which only the "
                                "interpreter compares exactly",
    "inexact int to float": "an integer past 2**53, which only the interpreter converts "
                            "exactly",
}
"""The guards on a value of the type the unit was compiled for (reason -> why native code
cannot go on). A unit recompiled after one fails has the same types and so the same guard,
which would fail again: the JIT refuses an instruction whose value guard failed repeatedly
(tierup.VALUE_FAILURES_BEFORE_REFUSING)."""


class Analyzer:
    """Types one code object for one entry (see module docstring)."""

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
                    if self.entry_pc:  # a loop unit: it leaves through its exits
                        typed.return_type = NULL
                        return typed
                    raise NotCompilable("the function never returns a value it could compile")
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
        returns: set = set()
        entry = self.normalize(State(self.entry_slots, ()), self.entry_pc)
        for slot in live[self.entry_pc]:
            if self.entry_slots[slot] is None or not (self.entry_slots[slot].stored
                                                      or self.entry_slots[slot] is NULL):
                raise self.fail(self.entry_pc, f"variable '{self.slot_name(slot)}' holds a "
                                f"value compiled code cannot hold")
        work = [(self.entry_pc, entry)]
        while work:
            pc, state = work.pop()
            known = typed.states.get(pc)
            if known is not None:
                if known != state:
                    raise self.fail(pc, self.conflict(known, state))
                continue
            typed.states[pc] = state
            for succ, new_state in self.step(pc, state, returns):
                if self.loop_region is not None and succ not in self.loop_region:
                    typed.exits.add(succ)  # leaving the loop: back to the interpreter
                    continue
                work.append((succ, self.normalize(new_state, succ)))
        if len(returns) > 1:
            raise NotCompilable(f"returns values of different types: {sorted(t.value for t in returns)}")
        typed.return_type = next(iter(returns)) if returns else None
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

    def conflict(self, a: State, b: State) -> str:
        for slot, (x, y) in enumerate(zip(a.slots, b.slots)):
            if x != y:
                return f"variable '{self.slot_name(slot)}' is {x!r} on one path and {y!r} on another"
        return f"operand stack differs between paths: {a.stack!r} vs {b.stack!r}"

    # -- one instruction ---------------------------------------------------------------------

    def step(self, pc: int, state: State, returns: set) -> list:
        if pc in self.refused:
            reason = self.refused[pc]
            raise self.fail(pc, f"{reason} here in earlier compiled code: {VALUE_GUARDS[reason]}")
        op, arg = self.code.generic_insns[pc]
        slots = list(state.slots)
        stack = list(state.stack)
        name = Op(op).name

        def read(slot):
            t = slots[slot]
            if t is None or t is UNDEF_T:
                raise self.fail(pc, f"reads '{self.slot_name(slot)}' before its declaration")
            return t

        def value(t):
            if not isinstance(t, JitType) or not (t.stored or t is NULL):
                raise self.fail(pc, f"{name} on a function value")
            return t

        if op == Op.CONST:
            t = type_of(arg)
            if t is None:
                raise self.fail(pc, f"constant {type(arg).__name__} values are not compiled")
            stack.append(t)
        elif op == Op.POP:
            stack.pop()
        elif op in (Op.GET_LOCAL, Op.GET_LOCAL_CHECKED):
            stack.append(read(arg))
        elif op == Op.GET_LOCAL2:
            stack += [read(arg[0]), read(arg[1])]
        elif op == Op.GET_LOCAL_CONST:
            t = type_of(arg[1])
            if t is None:
                raise self.fail(pc, "constant of a type compiled code cannot hold")
            stack += [read(arg[0]), t]
        elif op in (Op.SET_LOCAL, Op.DECLARE_LOCAL, Op.SET_LOCAL_CHECKED):
            if op == Op.SET_LOCAL_CHECKED:
                read(arg)
            slots[arg] = value(stack[-1])
        elif op == Op.STORE_LOCAL:
            slots[arg] = value(stack.pop())
        elif op == Op.CLEAR_LOCAL:
            slots[arg] = UNDEF_T
        elif op == Op.GET_GLOBAL:
            current = arg.value
            if type(current) in (Function, Native):
                stack.append(Callee(current, arg))
            else:
                kind = type_of(current)
                if kind is None or not (kind.stored or kind is NULL):
                    raise self.fail(pc, f"reads global '{arg.name}', which holds a value "
                                    "compiled code cannot hold")
                stack.append(kind)  # guarded when read: a later type change deoptimizes
                self.typed.global_kinds[pc] = kind
        elif op in (Op.SET_GLOBAL, Op.DEFINE_GLOBAL):
            value(stack[-1])
        elif op in (Op.ADD, Op.SUB, Op.MUL, Op.MOD):
            b, a = value(stack.pop()), value(stack.pop())
            stack.append(self.arithmetic(pc, name, a, b))
        elif op == Op.DIV:
            b, a = value(stack.pop()), value(stack.pop())
            self.arithmetic(pc, name, a, b)
            stack.append(FLOAT)
        elif op == Op.NEG:
            a = value(stack.pop())
            if a not in (INT, FLOAT):
                raise self.fail(pc, f"negates a {a.value}")
            stack.append(a)
        elif op == Op.NOT:
            value(stack.pop())
            stack.append(BOOL)
        elif op in (Op.LT, Op.GT, Op.LE, Op.GE):
            b, a = value(stack.pop()), value(stack.pop())
            self.arithmetic(pc, name, a, b)
            stack.append(BOOL)
        elif op in (Op.EQ, Op.NE):
            b, a = value(stack.pop()), value(stack.pop())
            numbers = a in (INT, FLOAT) and b in (INT, FLOAT)
            if not (numbers or (a is BOOL and b is BOOL) or NULL in (a, b)):
                raise self.fail(pc, f"compares {a.value} with {b.value}")
            stack.append(BOOL)
        elif op in (Op.JUMP, Op.LOOP):
            return [(arg, State(tuple(slots), tuple(stack)))]
        elif op == Op.JUMP_IF_FALSE:
            cond = value(stack.pop())
            after = State(tuple(slots), tuple(stack))
            return self.branches(pc, cond, after, after, arg)
        elif op in (Op.JUMP_IF_FALSE_KEEP, Op.JUMP_IF_TRUE_KEEP):
            cond = value(stack[-1])
            kept = State(tuple(slots), tuple(stack))
            popped = State(tuple(slots), tuple(stack[:-1]))
            if op == Op.JUMP_IF_FALSE_KEEP:
                return self.branches(pc, cond, popped, kept, arg)
            return self.branches(pc, cond, popped, kept, arg, jump_when_true=True)
        elif op == Op.JUMP_IF_NOT_LT:
            b, a = value(stack.pop()), value(stack.pop())
            self.arithmetic(pc, "LT", a, b)
            after = State(tuple(slots), tuple(stack))
            return [(pc + 1, after), (arg, after)]
        elif op == Op.CALL:
            args = [value(t) for t in stack[len(stack) - arg:]]
            callee = stack[-arg - 1]
            if not isinstance(callee, Callee):
                raise self.fail(pc, "calls a value that is not a global function")
            del stack[-arg - 1:]
            site = self.call_site(pc, callee, tuple(args))
            if site is None:
                return []  # a self call before the return type is known: explored next pass
            self.typed.calls[pc] = site
            stack.append(site.result)
        elif op == Op.RETURN:
            returns.add(value(stack.pop()))
            return []
        else:
            raise self.fail(pc, f"{name} is not compiled")
        return [(pc + 1, State(tuple(slots), tuple(stack)))]

    def branches(self, pc, cond, fall_state, jump_state, target, jump_when_true=False):
        """Successors of a conditional jump; constant conditions take one way only."""
        if cond is BOOL:
            return [(pc + 1, fall_state), (target, jump_state)]
        truthy = cond is not NULL  # numbers are always true; null always false
        return [(target, jump_state)] if truthy == jump_when_true else [(pc + 1, fall_state)]

    def arithmetic(self, pc: int, name: str, a: JitType, b: JitType) -> JitType:
        if a not in (INT, FLOAT) or b not in (INT, FLOAT):
            raise self.fail(pc, f"{name} on {a.value} and {b.value}")
        return INT if a is INT and b is INT else FLOAT

    def call_site(self, pc: int, callee: Callee, args: tuple) -> CallSite | None:
        function = callee.value
        if type(function) is Native:
            if function.name not in INLINE_NATIVES or len(args) != 1 or args[0] not in (INT, FLOAT):
                raise self.fail(pc, f"calls native '{function.name}'")
            result = {"sqrt": FLOAT, "abs": args[0], "floor": INT}[function.name]
            return CallSite("native", callee, args, result)
        code = function.code
        if function.cells:
            raise self.fail(pc, f"calls closure '{function.name}'")
        if code.arity != len(args):
            raise self.fail(pc, f"calls '{function.name}' with the wrong number of arguments")
        if code is self.code and self.entry_pc == 0 and args == tuple(
                self.entry_slots[1:1 + code.arity]):
            self.calls_itself = True
            if self.assumed_return is None:
                return None
            return CallSite("self", callee, args, self.assumed_return)
        compiled = self.compiled_lookup(code, args)
        if compiled is not None:
            return CallSite("direct", callee, args, compiled)
        if self.depth >= MAX_CALLEE_ANALYSIS_DEPTH:
            raise self.fail(pc, f"calls '{function.name}', which is not compiled yet")
        slots = (None, *args) + (UNDEF_T,) * (code.nslots - 1 - code.arity)
        try:
            result = Analyzer(code, 0, slots, self.compiled_lookup, self.depth + 1).run().return_type
        except NotCompilable as error:
            raise self.fail(pc, f"calls '{function.name}', whose result cannot be typed: {error}") \
                from None
        return CallSite("generic", callee, args, result)


def analyze(code, entry_pc: int, entry_slots: tuple, compiled_lookup=lambda code, args: None,
            refused: dict | None = None) -> TypedCode:
    """Type `code` entered at `entry_pc` with slot types `entry_slots` (see module docstring);
    a unit that would run an instruction of `refused` (pc -> VALUE_GUARDS reason) is not
    compiled."""
    if code.free_names:
        raise NotCompilable("closures (functions with captured variables) are not compiled")
    return Analyzer(code, entry_pc, entry_slots, compiled_lookup,
                    refused=refused).run()
