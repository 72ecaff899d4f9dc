"""Sign analysis: which integers compiled code can prove are never negative.

Eva's `%` takes the divisor's sign (SPEC.md section 4), so an integer `%` compiles to LLVM's
`srem` plus a correction: a compare, an add and a select on the result. When both operands
are known to be >= 0 the two agree, and the `%` is a bare `urem`: by a constant divisor, a
multiply and a shift. In a loop like `h = (h * 31 + i) % 1000003` the correction sits on the
loop-carried chain, and removing it makes benchmarks/programs/loop.eva about 10 % faster.

The facts come from a forward dataflow over the typed bytecode (a must-analysis: a value is
non-negative at an instruction only if it is on every path there, iterated to the greatest
fixed point, so a loop counter that starts at 0 and only grows stays non-negative):
- an integer constant >= 0;
- `+` and `*` of two non-negative integers (overflow deoptimizes, so native code only ever
  sees the exact, still non-negative, result);
- `a % b` with `b` non-negative (`b` is not 0: the zero guard runs first), as the result
  lies in [0, b).
Anything else is unknown.

Arguments, and the locals an OSR entry passes in, are unknown unless speculated: the unit
then checks at its entry that they are >= 0 and deoptimizes otherwise, like a type guard
(the interpreter continues, the unit is invalidated, and the recompilation sees the negative
value). `speculate` keeps only the speculations that remove some correction.
"""

from __future__ import annotations

from eva.flow import successors
from eva.jit.analysis import TypedCode
from eva.jit.types import INT
from eva.opcodes import Op

UNKNOWN_RESULT = {Op.SUB: 2, Op.DIV: 2, Op.NEG: 1, Op.NOT: 1, Op.LT: 2, Op.GT: 2, Op.LE: 2,
                  Op.GE: 2, Op.EQ: 2, Op.NE: 2, Op.GET_GLOBAL: 0}
"""Instructions whose one result is never known non-negative: operands they pop."""


def _non_negative_constant(value) -> bool:
    return type(value) is int and value >= 0


def _step(typed: TypedCode, pc: int, slots: frozenset, stack: tuple) -> list:
    """(successor pc, non-negative slots, non-negative stack entries) after `pc`."""
    op, arg = typed.code.generic_insns[pc]
    stack = list(stack)
    if op == Op.CONST:
        stack.append(_non_negative_constant(arg))
    elif op in (Op.GET_LOCAL, Op.GET_LOCAL_CHECKED):
        stack.append(arg in slots)
    elif op == Op.GET_LOCAL2:
        stack += [arg[0] in slots, arg[1] in slots]
    elif op == Op.GET_LOCAL_CONST:
        stack += [arg[0] in slots, _non_negative_constant(arg[1])]
    elif op in (Op.SET_LOCAL, Op.DECLARE_LOCAL, Op.SET_LOCAL_CHECKED, Op.STORE_LOCAL):
        slots = slots | {arg} if stack[-1] else slots - {arg}
        if op == Op.STORE_LOCAL:
            stack.pop()
    elif op == Op.CLEAR_LOCAL:
        slots = slots - {arg}
    elif op in (Op.ADD, Op.MUL):
        b, a = stack.pop(), stack.pop()
        stack.append(a and b)
    elif op == Op.MOD:
        b, a = stack.pop(), stack.pop()
        stack.append(b and typed.states[pc].stack[-2] is INT)
    elif op in UNKNOWN_RESULT or op == Op.CALL:
        pops = arg + 1 if op == Op.CALL else UNKNOWN_RESULT[op]
        del stack[len(stack) - pops:]
        stack.append(False)
    elif op in (Op.POP, Op.JUMP_IF_FALSE):
        stack.pop()
    elif op == Op.JUMP_IF_NOT_LT:
        del stack[-2:]
    elif op in (Op.JUMP_IF_FALSE_KEEP, Op.JUMP_IF_TRUE_KEEP):
        return [(pc + 1, slots, tuple(stack[:-1])), (arg, slots, tuple(stack))]
    # SET_GLOBAL, DEFINE_GLOBAL, JUMP, LOOP leave the facts as they are; RETURN ends
    return [(succ, slots, tuple(stack)) for succ in successors(typed.code, pc)]


def unsigned_remainders(typed: TypedCode, entry_facts: frozenset = frozenset()) -> frozenset:
    """The pcs of integer `%`s whose two operands are never negative, given the slots known
    non-negative on entry."""
    facts = {typed.entry_pc: (entry_facts, ())}
    work = [typed.entry_pc]
    while work:
        pc = work.pop()
        slots, stack = facts[pc]
        for succ, out_slots, out_stack in _step(typed, pc, slots, stack):
            state = typed.states.get(succ)
            if state is None:  # unreachable, or a loop unit's exit
                continue
            if len(out_stack) != len(state.stack):  # an edge the typing never took
                out_stack = (False,) * len(state.stack)
            known = facts.get(succ)
            if known is not None:
                out_slots = out_slots & known[0]
                out_stack = tuple(x and y for x, y in zip(out_stack, known[1]))
                if (out_slots, out_stack) == known:
                    continue
            facts[succ] = (out_slots, out_stack)
            work.append(succ)
    return frozenset(pc for pc, (_, stack) in facts.items()
                     if typed.code.generic_insns[pc][0] == Op.MOD and stack[-2] and stack[-1])


def speculate(typed: TypedCode, candidates: frozenset) -> tuple[frozenset, frozenset]:
    """(entry slots to guard as non-negative, the unsigned `%` pcs that buys): from the
    `candidates` (entry slots holding a non-negative integer now), the ones some `%` needs."""
    if not any(op == Op.MOD for op, _ in typed.code.generic_insns):
        return frozenset(), frozenset()
    chosen = frozenset(s for s in candidates if typed.entry_slots[s] is INT)
    best = unsigned_remainders(typed, chosen)
    for slot in sorted(chosen):
        if unsigned_remainders(typed, chosen - {slot}) == best:
            chosen = chosen - {slot}
    return chosen, best
