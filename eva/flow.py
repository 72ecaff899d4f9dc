"""Control flow of decoded bytecode, shared by the JIT's analyses and the translator.

The compiler emits structured code: every jump goes forward except LOOP, the back-edge of a
`while` or `for`, which jumps back to its loop's header; RETURN ends a path.
"""

from __future__ import annotations

from eva.opcodes import OPCODES, Op


def successors(code, pc: int) -> list[int]:
    """The instructions that may run after the one at `pc`: the next one, a jump's target,
    or both (for a conditional jump, the next one first)."""
    op, arg = code.generic_insns[pc]
    if op == Op.RETURN:
        return []
    if op in (Op.JUMP, Op.LOOP):
        return [arg]
    if OPCODES[op].jump:
        return [pc + 1, arg]
    return [pc + 1]
