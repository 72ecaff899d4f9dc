"""Type feedback: what the interpreter saw at each arithmetic, comparison and property op.

Recording is free in the steady state because it happens only in generic instructions: the
first execution of a generic `ADD` records the operand types and, when they are both
integers or both floats, rewrites the instruction in place into `ADD_INT` / `ADD_FLOAT`
(quickening). A quickened instruction whose types stop matching turns itself back into the
generic one for good, which records every later execution. So `CodeObject.feedback[pc]`
holds the set of operand type tuples seen at `pc`, exact up to the first type change and
complete after it. The JIT specializes on it.
"""

from __future__ import annotations

from eva.objects import type_name
from eva.opcodes import QUICKENED, Op

QUICKEN = {
    (Op.ADD, "integer"): Op.ADD_INT, (Op.ADD, "float"): Op.ADD_FLOAT,
    (Op.SUB, "integer"): Op.SUB_INT, (Op.SUB, "float"): Op.SUB_FLOAT,
    (Op.MUL, "integer"): Op.MUL_INT, (Op.MUL, "float"): Op.MUL_FLOAT,
    (Op.LT, "integer"): Op.LT_INT, (Op.LT, "float"): Op.LT_FLOAT,
    (Op.GT, "integer"): Op.GT_INT, (Op.GT, "float"): Op.GT_FLOAT,
    (Op.LE, "integer"): Op.LE_INT, (Op.GE, "integer"): Op.GE_INT,
    (Op.EQ, "integer"): Op.EQ_INT,
}


def record(code, index: int, *values) -> None:
    """Note the operand types at instruction `index`; quicken it on its first execution."""
    types = tuple(type_name(value) for value in values)
    seen = code.feedback.get(index)
    if seen is None:
        code.feedback[index] = {types}
        op = code.insns[index][0]
        if len(set(types)) == 1:
            special = QUICKEN.get((op, types[0]))
            if special is not None:
                code.insns[index] = (special, None)
    else:
        seen.add(types)


def unquicken(code, index: int) -> None:
    """A quickened instruction met other types: make it generic again, for good."""
    op = code.insns[index][0]
    code.insns[index] = (QUICKENED[op], code.insns[index][1])
