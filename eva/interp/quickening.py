"""Quickening: the interpreter's copy of a code object's instructions, rewritten in place for
the types they meet.

A generic `ADD` calls `operations.add`, which handles every type. The first time it runs
(`quicken`), on two ints or two floats, it becomes `ADD_INT` / `ADD_FLOAT`, Python's `+`
behind a type test, inline in the dispatch loop (as CPython 3.11's specializing interpreter
does); the other binary operators and comparisons become `INT_BINARY` / `FLOAT_BINARY`, with
the host operator as operand. A quickened instruction that meets other types (or a zero
divisor) turns back into the generic one for good (`unquicken`), so code whose types change
pays for the generic path, never for a rewrite at every execution. The operand
superinstructions (`fuse_operands`) and the expression superinstructions (expressions.py)
are quickened forms made when the interpreter takes the code object.

Whether a generic instruction ran before is kept in the instructions themselves:
`code.insns` starts as a copy of `code.generic_insns` holding the same tuples, and an
instruction that is still the very tuple of `generic_insns` has never run. Its first run
replaces it by its quickened form, or by an equal tuple of its own (`generic_for_good`);
`unquicken` puts back such a tuple too.

Nothing is recorded for another tier. The JIT specializes a unit on the exact values it is
entered with (a call's arguments, a running loop's locals) and proves the types of
everything else by abstract interpretation, guarding what it cannot prove (eva/jit). Before,
quickening also kept the operand types seen at each instruction (`CodeObject.feedback`), which
nothing read: the superinstructions and translated code never recorded, so after the
benchmarks ran it held 0 to 8 instructions of the 29 to 164 of eight of them (49 of 466 in
nbody), and each generic instruction paid for it at every execution.
"""

from __future__ import annotations

import operator

from eva.opcodes import Op

_INLINE = {
    (Op.ADD, int): Op.ADD_INT, (Op.ADD, float): Op.ADD_FLOAT,
    (Op.SUB, int): Op.SUB_INT, (Op.SUB, float): Op.SUB_FLOAT,
    (Op.MUL, int): Op.MUL_INT, (Op.MUL, float): Op.MUL_FLOAT,
    (Op.LT, int): Op.LT_INT, (Op.LT, float): Op.LT_FLOAT,
    (Op.JUMP_IF_NOT_LT, int): Op.JUMP_IF_NOT_LT_INT,
    (Op.JUMP_IF_NOT_LT, float): Op.JUMP_IF_NOT_LT_FLOAT,
}
"""The hottest pairs have an inline quickened opcode of their own."""

_HOST_OPERATORS = {
    Op.MUL: operator.mul, Op.DIV: operator.truediv, Op.MOD: operator.mod, Op.GT: operator.gt,
    Op.LE: operator.le, Op.GE: operator.ge, Op.EQ: operator.eq, Op.NE: operator.ne,
    Op.LT: operator.lt, Op.ADD: operator.add, Op.SUB: operator.sub,
}
"""The rest run as INT_BINARY / FLOAT_BINARY with the host operator as operand. Division by
zero raises ArithmeticError there, which sends the instruction back to its generic form."""


def quickened(op: Op, arg, kind: type) -> tuple | None:
    """The quickened instruction for `(op, arg)` on two operands of type `kind`, if any."""
    special = _INLINE.get((op, kind))
    if special is not None:
        return (int(special), arg)
    function = _HOST_OPERATORS.get(op)
    if function is None:
        return None
    if kind is int:
        return (int(Op.INT_BINARY), function)
    if kind is float:
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
    pair then runs one instruction at a time (the operator quickened at its first run).

    Two more kinds save the dispatch of the instruction that takes the value. An operand
    superinstruction whose operator is followed by STORE_LOCAL (`(set i (+ i 1))`) stores its
    result itself (LC_STORE, LL_STORE: three instructions in one dispatch). A setter followed
    by POP, a `set` whose value is not used (`(set (idx flags j) false)`, `(set count ...)` on a
    captured variable, `(set (prop self x) x)`), drops the value itself (STORE_INDEX,
    STORE_FREE, STORE_PROP: never unquickened, they take every type as their setter does).
    Closures runs 13 dispatches per iteration where it ran 15, sieve 20 % fewer in all."""
    insns = code.insns
    for index in range(len(insns) - 1):
        if index + 2 < len(insns) and _native_call(*insns[index:index + 3]):
            insns[index] = (int(Op.CALL_GLOBAL_LOCAL), (insns[index][1], insns[index + 1][1]))
            continue
        computed = _computed_call(*insns[index:index + 4]) if index + 3 < len(insns) else None
        if computed is not None:
            insns[index] = computed
            continue
        fused = _fused(*insns[index], *insns[index + 1])
        if fused is not None and index + 2 < len(insns):
            fused = _stored(fused, *insns[index + 2])
        if fused is not None:
            insns[index] = fused


_DROPPING = {Op.SET_INDEX: Op.STORE_INDEX, Op.SET_FREE: Op.STORE_FREE,
             Op.SET_PROP: Op.STORE_PROP}
"""The setters that have a form which drops the value, for a setter followed by POP."""

_STORING = {Op.LC_BINARY: Op.LC_STORE, Op.LL_BINARY: Op.LL_STORE}
"""The operand superinstructions that have a form which stores the value in a local."""


def _native_call(first: tuple, second: tuple, third: tuple) -> bool:
    """Whether three instructions call a global with one local argument, `(len s)`: as
    CALL_GLOBAL_LOCAL, a native callee is called in one dispatch where it took three (any
    other callee runs the three as they are, the first as GET_GLOBAL)."""
    return first[0] == Op.GET_GLOBAL and second[0] == Op.GET_LOCAL and third == (Op.CALL, 1)


def _computed_call(first: tuple, second: tuple, third: tuple, fourth: tuple) -> tuple | None:
    """CALL_GLOBAL_LC for a call of a global with one argument that is a local and a number
    constant under an operator, `(fib (- n 1))`, or None. It pushes the callee's frame in one
    dispatch where that took three (GET_GLOBAL, LC_BINARY, CALL): in the dispatch loop alone,
    fib runs 4 dispatches per call where it ran 6. Where another tier could take the callee
    (something counts calls, or the callee is translated or compiled), or the types are not
    the constant's, it runs as GET_GLOBAL, and the LC_BINARY and CALL after it as they are."""
    if first[0] != Op.GET_GLOBAL or second[0] != Op.GET_LOCAL_CONST or fourth != (Op.CALL, 1):
        return None
    operand = _fused(*second, *third)
    if operand is None or operand[0] != Op.LC_BINARY:
        return None
    return (int(Op.CALL_GLOBAL_LC), (first[1], *operand[1]))


def _fused(op, arg, next_op, next_arg) -> tuple | None:
    function = _HOST_OPERATORS.get(next_op)
    if next_op == Op.POP and op in _DROPPING:
        return (int(_DROPPING[op]), arg)
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


def _stored(fused: tuple, after_op, after_arg) -> tuple:
    """`fused`, or its storing form if the instruction after its pair is STORE_LOCAL: the
    operand tuple then ends with the local the value goes to."""
    op, arg = fused
    if after_op == Op.STORE_LOCAL and op in _STORING:
        return (int(_STORING[op]), (*arg, after_arg))
    return fused


def quicken(code, index: int, a, b) -> None:
    """A generic binary instruction ran on `a` and `b`: if this was its first run, it
    becomes its quickened form for two ints or two floats, or stays generic for good."""
    insns = code.insns
    generic = code.generic_insns[index]
    if insns[index] is not generic:
        return  # it ran before
    kind = type(a)
    special = quickened(*generic, kind) if type(b) is kind else None
    insns[index] = special if special is not None else generic_for_good(generic)


def unquicken(code, index: int) -> None:
    """A quickened instruction met other types: make it generic again, for good."""
    code.insns[index] = generic_for_good(code.generic_insns[index])


def generic_for_good(instruction: tuple) -> tuple:
    """An instruction equal to `instruction` but not the same tuple: in `code.insns`, a
    generic instruction that ran before, and will not be quickened again."""
    op, arg = instruction
    return (op, arg)
