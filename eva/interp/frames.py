"""Interpreter frames: explicit records, so Eva recursion depth never uses the host stack.

A frame is a plain list `[stack, code, pc, construct]`, indexed by the constants below. A
list rather than a class because the interpreter makes one per call, and building a list is
several times cheaper in CPython than running a class's `__init__` (the call path is the
interpreter's hottest after arithmetic; see README, "Interpreter").

- `stack` holds, in order: slot 0 the running function, then its arguments, then its block
  locals (`CodeObject.nslots` slots in all), then the operand stack, which grows with `append`
  and shrinks with `pop`. Keeping locals and operands in one list makes a call one slice of
  the caller's stack, and gives the collector one list per frame to scan.
- `pc` is the next instruction index, saved when the frame calls out.
- `construct` is the instance a constructor frame returns, else None.
"""

from __future__ import annotations

STACK, CODE, PC, CONSTRUCT = 0, 1, 2, 3


def new_frame(code, stack: list, pc: int = 0, construct=None) -> list:
    return [stack, code, pc, construct]


def frame_function(frame: list):
    return frame[STACK][0]
