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
Each is the sign fact of its opcode's rule (rules.py); whatever an instruction without one
pushes or writes is unknown (`unknown_results`).

Arguments, and the locals an OSR entry passes in, are unknown unless speculated: the unit
then checks at its entry that they are >= 0 and deoptimizes otherwise, like a type guard
(the interpreter continues, the unit is invalidated, and the recompilation sees the negative
value). `speculate` keeps only the speculations that remove some correction.
"""

from __future__ import annotations

from eva.flow import successors
from eva.jit.analysis import TypedCode, slot_uses
from eva.jit.rules import RULES, UNKNOWN
from eva.jit.types import INT
from eva.opcodes import Op, stack_effect


def unknown_results(typed: TypedCode, pc: int, arg, slots: set, stack: list) -> None:
    """The sign fact of an instruction whose rule gives none: what it pushes is UNKNOWN, and
    so are the slots it writes. (Not "facts unchanged", which would keep the fact of an
    operand, non-negative say, for a result that may be anything: a wrong `urem` after it.)"""
    op = typed.code.generic_insns[pc][0]
    rule = RULES[op]
    taken = rule.operand_count(arg)
    pushed = taken + stack_effect(op, arg if isinstance(arg, tuple) else (arg,))  # on falling
    # through; a jump keeps its stack
    del stack[len(stack) - taken:]
    stack += [UNKNOWN] * pushed
    slots -= slot_uses(typed.code, pc)[1]


def transfer(typed: TypedCode, pc: int, slots: frozenset, stack: tuple) -> list:
    """(successor pc, non-negative slots, non-negative stack entries) after `pc`, by the sign
    fact of its opcode's rule (rules.py)."""
    op, arg = typed.code.generic_insns[pc]
    rule = RULES[op]
    slots, stack = set(slots), list(stack)
    if rule.operation is not None:
        taken = rule.inputs
        facts = stack[len(stack) - taken:]
        del stack[len(stack) - taken:]
        kinds = typed.states[pc].stack[len(typed.states[pc].stack) - taken:]
        stack.append(UNKNOWN if rule.sign is None else rule.sign(facts, kinds))
        edges = None
    else:
        edges = (rule.sign or unknown_results)(typed, pc, arg, slots, stack)
    if edges is None:
        edges = [(succ, slots, stack) for succ in successors(typed.code, pc)]
    return [(succ, frozenset(out_slots), tuple(out_stack)) for succ, out_slots, out_stack in edges]


def non_negative_facts(typed: TypedCode, entry_facts: frozenset = frozenset()) -> dict:
    """pc -> (the slots, a bool per stack entry) known non-negative on entry to it, given the
    slots known non-negative on the unit's entry."""
    facts = {typed.entry_pc: (entry_facts, ())}
    work = [typed.entry_pc]
    while work:
        pc = work.pop()
        slots, stack = facts[pc]
        for succ, out_slots, out_stack in transfer(typed, pc, slots, stack):
            state = typed.states.get(succ)
            if state is None:  # unreachable, or a loop unit's exit
                continue
            if len(out_stack) != len(state.stack):  # an edge the typing never took
                out_stack = (UNKNOWN,) * len(state.stack)
            known = facts.get(succ)
            if known is not None:
                out_slots = out_slots & known[0]
                out_stack = tuple(x and y for x, y in zip(out_stack, known[1]))
                if (out_slots, out_stack) == known:
                    continue
            facts[succ] = (out_slots, out_stack)
            work.append(succ)
    return facts


def unsigned_remainders(typed: TypedCode, entry_facts: frozenset = frozenset()) -> frozenset:
    """The pcs of integer `%`s whose two operands are never negative, given the slots known
    non-negative on entry."""
    facts = non_negative_facts(typed, entry_facts)
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
