"""Interpreter frames: explicit objects, so Eva recursion depth never uses the host stack.

A frame's `stack` list holds, in order: slot 0 the running function, then its arguments,
then its block locals (`CodeObject.nslots` slots in all), then the operand stack, which
grows with `append` and shrinks with `pop`. Keeping locals and operands in one list makes
a call one slice of the caller's stack, and gives the collector one list per frame to scan.
"""

from __future__ import annotations


class Frame:
    __slots__ = ("function", "code", "stack", "pc", "construct")

    def __init__(self, function, code, stack: list, construct=None):
        self.function = function
        self.code = code
        self.stack = stack
        self.pc = 0              # next instruction index (saved when this frame calls)
        self.construct = construct  # the instance a constructor frame returns, else None

    def __repr__(self) -> str:
        return f"<frame {self.code.name} pc={self.pc}>"
