"""Type feedback: what the interpreter saw at each arithmetic, comparison and property op.

Recording is free in the steady state because it happens only in generic instructions: the
first execution of a generic `ADD` records the operand types and, when they are both
integers or both floats, rewrites the instruction in place into `ADD_INT` / `ADD_FLOAT`
(quickening). A quickened instruction whose types stop matching turns itself back into the
generic one for good, which records later executions until `MEGAMORPHIC` kinds were seen.
So `CodeObject.feedback[pc]` holds the operand type tuples seen at `pc`, exact up to the first
type change. It is the profile users and tools read (how polymorphic each operation is); the
JIT does not need it, because it types a function from the actual values it is entered with
and proves the rest by abstract interpretation, guarding every assumption (eva/jit).
"""

from __future__ import annotations

import operator

from eva.objects import type_name
from eva.opcodes import Op

_INLINE = {
    (Op.ADD, "integer"): Op.ADD_INT, (Op.ADD, "float"): Op.ADD_FLOAT,
    (Op.SUB, "integer"): Op.SUB_INT, (Op.SUB, "float"): Op.SUB_FLOAT,
    (Op.MUL, "integer"): Op.MUL_INT, (Op.MUL, "float"): Op.MUL_FLOAT,
    (Op.LT, "integer"): Op.LT_INT, (Op.LT, "float"): Op.LT_FLOAT,
    (Op.JUMP_IF_NOT_LT, "integer"): Op.JUMP_IF_NOT_LT_INT,
    (Op.JUMP_IF_NOT_LT, "float"): Op.JUMP_IF_NOT_LT_FLOAT,
}
"""The hottest pairs have an inline quickened opcode of their own."""

_HOST_OPERATORS = {
    Op.MUL: operator.mul, Op.DIV: operator.truediv, Op.MOD: operator.mod, Op.GT: operator.gt,
    Op.LE: operator.le, Op.GE: operator.ge, Op.EQ: operator.eq, Op.NE: operator.ne,
    Op.LT: operator.lt, Op.ADD: operator.add, Op.SUB: operator.sub,
}
"""The rest run as INT_BINARY / FLOAT_BINARY with the host operator as operand. Division by
zero raises ArithmeticError there, which sends the instruction back to its generic form."""


def quickened(op: Op, arg, kind: str) -> tuple | None:
    """The quickened instruction for `(op, arg)` on two operands of type `kind`, if any."""
    special = _INLINE.get((op, kind))
    if special is not None:
        return (int(special), arg)
    function = _HOST_OPERATORS.get(op)
    if function is None:
        return None
    if kind == "integer":
        return (int(Op.INT_BINARY), function)
    if kind == "float":
        return (int(Op.FLOAT_BINARY), function)
    return None


def fuse_operands(code) -> None:
    """Operand superinstructions, made once when the interpreter takes a new code object
    (`Interpreter.prepare`): an instruction that pushes a binary operator's operands followed
    by the operator becomes one instruction that reads them straight from the frame or the
    constants. GET_LOCAL_CONST or GET_LOCAL2 then an operator (`n - 1`, `zr * zi`) or
    JUMP_IF_NOT_LT (a loop test `i < n`); CONST or GET_LOCAL then an operator, for a right
    operand that is a number constant or a local (`(% x 7)`, `(+ (* 2.0 x) ci)`). One
    dispatch instead of two, and fewer stack pushes.

    Only the first instruction of the pair is rewritten: the second stays where it was, so a
    jump or a JIT resume can still land on it, and the bytecode the disassembler and the JIT
    read is unchanged. Like every quickened form, a fused instruction that meets other types
    (or a division by zero) turns back into its generic first instruction for good, and the
    pair then runs, and records its types, one instruction at a time."""
    insns = code.insns
    for index in range(len(insns) - 1):
        fused = _fused(*insns[index], *insns[index + 1])
        if fused is not None:
            insns[index] = fused


def _fused(op, arg, next_op, next_arg) -> tuple | None:
    function = _HOST_OPERATORS.get(next_op)
    if op == Op.CONST:
        kind = type(arg)
        if function is not None and (kind is int or kind is float):
            return (int(Op.SC_BINARY), (arg, kind, function))
    elif op == Op.GET_LOCAL:
        if function is not None:
            return (int(Op.SL_BINARY), (arg, function))
    elif op == Op.GET_LOCAL_CONST:
        slot, constant = arg
        kind = type(constant)
        if kind is not int and kind is not float:
            return None
        if next_op == Op.JUMP_IF_NOT_LT:
            return (int(Op.LC_JUMP_IF_NOT_LT), (slot, constant, kind, next_arg))
        if function is not None:
            return (int(Op.LC_BINARY), (slot, constant, kind, function))
    elif op == Op.GET_LOCAL2:
        first, second = arg
        if next_op == Op.JUMP_IF_NOT_LT:
            return (int(Op.LL_JUMP_IF_NOT_LT), (first, second, next_arg))
        if function is not None:
            return (int(Op.LL_BINARY), (first, second, function))
    return None


MEGAMORPHIC = 4
"""Operand type tuples recorded per instruction; past this many the site is megamorphic and
recording stops, so polymorphic generic code does not keep paying for its profile."""


def record(code, index: int, *values) -> None:
    """Note the operand types at instruction `index`; quicken it on its first execution."""
    seen = code.feedback.get(index)
    if seen is not None and len(seen) >= MEGAMORPHIC:
        return
    types = tuple(type_name(value) for value in values)
    if seen is None:
        code.feedback[index] = {types}
        if len(types) == 2 and types[0] == types[1]:
            special = quickened(*code.insns[index], types[0])
            if special is not None:
                code.insns[index] = special
    else:
        seen.add(types)


def unquicken(code, index: int) -> None:
    """A quickened instruction met other types: make it generic again, for good."""
    code.insns[index] = code.generic_insns[index]
