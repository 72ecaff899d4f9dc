"""The peephole pass: fuses frequent instruction pairs into superinstructions.

It runs on a function's instruction list before encoding. A pair is fused only when its second
instruction is not a jump target, so control flow is unchanged; jump operands and source
positions are remapped to the shorter list. The fused forms cut the dispatches the interpreter
makes per loop iteration by about a quarter on arithmetic loops (see the README's
"Interpreter" table), and each is one opcode to lower for the JIT. (The interpreter fuses more
pairs when it quickens a code object, without changing the bytecode: quickening.fuse_operands.)
"""

from __future__ import annotations

from eva.opcodes import OPCODES, Op

FUSIONS = {
    (Op.SET_LOCAL, Op.POP): lambda a, b: [Op.STORE_LOCAL, a[1]],
    (Op.DECLARE_LOCAL, Op.POP): lambda a, b: [Op.STORE_LOCAL, a[1]],
    (Op.GET_LOCAL, Op.GET_LOCAL): lambda a, b: [Op.GET_LOCAL2, a[1], b[1]],
    (Op.GET_LOCAL, Op.CONST): lambda a, b: [Op.GET_LOCAL_CONST, a[1], b[1]],
    (Op.LT, Op.JUMP_IF_FALSE): lambda a, b: [Op.JUMP_IF_NOT_LT, b[1]],
}


def thread_jumps(ops: list[list]) -> None:
    """Two jumps that only lead to another instruction are replaced by where they lead:
    - `and` in a condition: a JUMP_IF_FALSE_KEEP that lands on a JUMP_IF_FALSE would keep a
      false value only for that jump to pop it; jump straight to the final target instead;
    - a JUMP to a RETURN (the end of an `if` branch in tail position) returns at once."""
    for ins in ops:
        target = ins[1] if ins[0] in (Op.JUMP_IF_FALSE_KEEP, Op.JUMP) else len(ops)
        if target >= len(ops):
            continue
        if ins[0] == Op.JUMP_IF_FALSE_KEEP and ops[target][0] == Op.JUMP_IF_FALSE:
            ins[0], ins[1] = Op.JUMP_IF_FALSE, ops[target][1]
        elif ins[0] == Op.JUMP and ops[target][0] == Op.RETURN:
            ins[:] = [Op.RETURN]


def fuse(ops: list[list], positions: list) -> tuple[list[list], list, list[int]]:
    """Superinstructions for `ops` (instructions as [op, operands...] in index space).
    Returns the new instructions, their positions, and the old-to-new index map."""
    thread_jumps(ops)
    targets = {ins[1] for ins in ops if OPCODES[ins[0]].jump}
    new_ops: list[list] = []
    new_positions: list = []
    new_index: list[int] = []  # old index -> new index
    i = 0
    while i < len(ops):
        new_index.append(len(new_ops))
        fusion = FUSIONS.get((ops[i][0], ops[i + 1][0])) if i + 1 < len(ops) else None
        if fusion is not None and i + 1 not in targets:
            new_ops.append(fusion(ops[i], ops[i + 1]))
            new_positions.append(positions[i])
            new_index.append(len(new_ops) - 1)
            i += 2
        else:
            new_ops.append(list(ops[i]))
            new_positions.append(positions[i])
            i += 1
    new_index.append(len(new_ops))  # a jump to the end
    for ins in new_ops:
        if OPCODES[ins[0]].jump:
            ins[1] = new_index[ins[1]]
    return new_ops, new_positions, new_index
