"""Structured control flow: the `if`/`else` and `while` shape of a function's bytecode.

The translator (translator.py) writes a function's bytecode as Python, which has `if` and
`while` but no `goto`. The compiler emits structured code (see flow.py), so the shape can be
recovered from the jumps alone:

- Basic blocks start at jump targets and after jumps and returns. A block ends in a RETURN,
  a LOOP (a loop's back-edge), a conditional jump, a JUMP, or runs into the next block.
- A LOOP at `j` jumping back to `h` makes the loop `h..j`: Python's `while True:` around
  those instructions, the LOOP becoming `continue`, and the instruction after `j` (where
  the loop's test jumps when it fails) becoming `break`. Every edge that leaves the loop must
  go there, and none may enter it but at `h`: the compiler has no `break` or `continue`.
- A conditional jump becomes `if`/`else`: each arm runs until the branch's immediate
  post-dominator, the first block every path from the branch reaches, where the arms meet
  and the code goes on. For this a loop counts as one step from its header to its exit (its
  back-edge is read as an edge to the exit), so a loop inside an arm does not hide where
  the arms meet. All these edges go forward, so one pass over the blocks in reverse order
  finds every post-dominator.

Some tests jump straight to a shared target: `(if (and a b) x y)` tests `a`, then `b`, and
both tests jump to `y` (the peephole pass threads the `and` there). Such a block is written
out in each arm that reaches it before the arms meet (tail duplication); `MAX_GROWTH` bounds
how much that may copy.

The result is a list of nodes: `Straight` (a block run in order), `Branch` (a block ending
in a conditional jump, and the two arms), `Loop`, `Continue` (a block ending in the loop's
back-edge) and `BREAK`. A function whose jumps do not have this shape raises
`Unstructured`, and stays in the interpreter.
"""

from __future__ import annotations

from collections import namedtuple

from eva.flow import successors
from eva.opcodes import OPCODES, Op

MAX_GROWTH = 4
"""The structured form may repeat blocks (see the module docstring) up to this many times
the function's own length, plus `GROWTH_ALLOWANCE` instructions; past that it is not worth
translating."""
GROWTH_ALLOWANCE = 200

Block = namedtuple("Block", "start end")
Block.__doc__ = "Instructions start..end-1; the last one decides where control goes next."
Straight = namedtuple("Straight", "block")
Branch = namedtuple("Branch", "block when_true when_false")
Branch.__doc__ = """A block ending in a conditional jump; the arms are node lists (empty when
that way leads straight to where the arms meet)."""
Loop = namedtuple("Loop", "header body")
Continue = namedtuple("Continue", "block")
Continue.__doc__ = "A block ending in its loop's back-edge."


class _Break:
    __slots__ = ()

    def __repr__(self) -> str:
        return "BREAK"


BREAK = _Break()
"""Leave the innermost loop: control reached its exit."""

_LoopRange = namedtuple("_LoopRange", "header last exit")


class Unstructured(Exception):
    """The bytecode's jumps do not have the shape of `if`/`else` and `while` (or would copy
    too much code to get it); the message says why."""


def structure(code) -> list:
    """The nodes of `code`'s generic instructions (see the module docstring)."""
    return _Structurer(code).run()


class _Structurer:
    def __init__(self, code):
        self.code = code
        self.insns = code.generic_insns
        self.end = len(self.insns)  # stands for the function's exit in post-dominators
        self.blocks: dict[int, Block] = {}
        self.loops: dict[int, _LoopRange] = {}  # header -> range
        self.ipdom: dict[int, int] = {}
        self.budget = MAX_GROWTH * self.end + GROWTH_ALLOWANCE

    def run(self) -> list:
        self.find_blocks()
        self.find_loops()
        self.find_post_dominators()
        return self.walk(0, self.end, None)

    def find_blocks(self) -> None:
        leaders = {0}
        for pc, (op, arg) in enumerate(self.insns):
            if OPCODES[op].jump:
                if not 0 <= arg < self.end:
                    raise Unstructured(f"a jump at instruction {pc} leads out of the code")
                leaders.update((arg, pc + 1))
            elif op == Op.RETURN:
                leaders.add(pc + 1)
        starts = sorted(pc for pc in leaders if pc < self.end)
        for start, end in zip(starts, starts[1:] + [self.end]):
            self.blocks[start] = Block(start, end)

    def find_loops(self) -> None:
        for pc, (op, arg) in enumerate(self.insns):
            if op == Op.LOOP:
                if arg > pc or arg in self.loops:
                    raise Unstructured(f"the back-edge at instruction {pc} is not a loop's")
                self.loops[arg] = _LoopRange(arg, pc, pc + 1)
            elif OPCODES[op].jump and arg <= pc:
                raise Unstructured(f"instruction {pc} jumps backwards without being a loop")
        for loop in self.loops.values():
            inside = range(loop.header, loop.last + 1)
            for pc in range(self.end):
                for succ in self.forward(pc):
                    if pc in inside and succ not in inside and succ != loop.exit:
                        raise Unstructured(f"instruction {pc} leaves a loop but not at its exit")
                    if pc not in inside and succ in inside and succ != loop.header:
                        raise Unstructured(f"instruction {pc} jumps into the middle of a loop")

    def forward(self, pc: int) -> list[int]:
        """Successors with a loop's back-edge read as an edge to the loop's exit."""
        op, arg = self.insns[pc]
        if op == Op.LOOP:
            return [self.loops[arg].exit]
        return successors(self.code, pc)

    def find_post_dominators(self) -> None:
        def meet(a: int, b: int) -> int:
            while a != b:
                if a < b:
                    a = self.ipdom[a]
                else:
                    b = self.ipdom[b]
            return a

        for start in sorted(self.blocks, reverse=True):
            targets = self.forward(self.blocks[start].end - 1)
            if not targets:
                self.ipdom[start] = self.end
                continue
            merged = targets[0]
            for other in targets[1:]:
                merged = meet(merged, other)
            self.ipdom[start] = merged

    def walk(self, start: int, stop: int, loop: _LoopRange | None) -> list:
        """Nodes for the paths from `start` until they reach `stop`, inside `loop`."""
        nodes: list = []
        while True:
            if loop is not None and start == loop.exit:
                nodes.append(BREAK)
                return nodes
            if start == stop:
                return nodes
            if start in self.loops and (loop is None or loop.header != start):
                inner = self.loops[start]
                nodes.append(Loop(start, self.walk(start, self.end, inner)))
                start = inner.exit
                continue
            block = self.blocks[start]
            self.budget -= block.end - block.start
            if self.budget < 0:
                raise Unstructured("its control flow would copy too much code")
            op, arg = self.insns[block.end - 1]
            if op == Op.RETURN:
                nodes.append(Straight(block))
                return nodes
            if op == Op.LOOP:
                nodes.append(Continue(block))
                return nodes
            if op == Op.JUMP:
                nodes.append(Straight(block))
                start = arg
            elif OPCODES[op].jump:  # a conditional jump
                jump_when_true = op == Op.JUMP_IF_TRUE_KEEP
                when_true, when_false = (arg, block.end) if jump_when_true else (block.end, arg)
                merge = self.ipdom[start]
                nodes.append(Branch(block, self.walk(when_true, merge, loop),
                                    self.walk(when_false, merge, loop)))
                if merge == self.end or (loop is not None and merge == loop.exit):
                    return nodes  # every path ended in the arms
                start = merge
            else:
                nodes.append(Straight(block))
                start = block.end
