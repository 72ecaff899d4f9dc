"""Deopt metadata ("resume data"): what a failed guard needs to rebuild an interpreter frame.

For each guard the compiler keeps a `DeoptPoint`: the instruction to resume at, the reason,
and the layout of the values native code writes into its deopt buffer (one 64-bit word per
stored value: live slots first, then the operand stack, bottom first). Values that native
code does not store (null, undeclared variables, a callee read from a global, the boxed
result of a call that left the compiled types) are described here and rebuilt from this
data alone. Plain data with one decoder, testable without LLVM.
"""

from __future__ import annotations

import struct
from collections import namedtuple

from eva.jit.analysis import Callee
from eva.jit.types import BOOL, FLOAT, INT, JitType
from eva.objects import UNDEF

PENDING_RESULT = "pending result"
"""A stack entry holding the boxed result of a call whose type broke the caller's assumption."""


def box(raw: int, kind: JitType):
    """A Python value from the 64-bit word native code wrote for a value of type `kind`."""
    if kind is INT:
        return raw - (1 << 64) if raw >= (1 << 63) else raw
    if kind is FLOAT:
        return struct.unpack("<d", struct.pack("<Q", raw & ((1 << 64) - 1)))[0]
    if kind is BOOL:
        return raw != 0
    raise ValueError(f"no stored representation for {kind!r}")


def unbox(value, kind: JitType) -> int:
    """The 64-bit word for `value` as native code expects it for type `kind`."""
    if kind is INT:
        return value & ((1 << 64) - 1)
    if kind is FLOAT:
        return struct.unpack("<Q", struct.pack("<d", value))[0]
    if kind is BOOL:
        return 1 if value else 0
    raise ValueError(f"no stored representation for {kind!r}")


def _rebuild_entry(kind, words: list, position: int, pending):
    """(value, next position) for one slot or stack entry."""
    if isinstance(kind, Callee):
        return kind.value, position
    if kind == PENDING_RESULT:
        return pending, position
    if kind is None or kind is JitType.UNDEF:
        return UNDEF, position
    if isinstance(kind, JitType) and kind.stored:
        return box(words[position], kind), position + 1
    return None, position  # null, or a value about to be popped unused


class DeoptPoint(namedtuple("DeoptPoint", "id pc reason slots stack")):
    """Resume data of one guard: where to resume and the layout of the values it saves.

    id      the guard's number, which native code passes to the runtime
    pc      instruction index the interpreter resumes at
    reason  what the guard checks, for --trace-deopt and the statistics
    slots   one entry per frame slot: a JitType, or None when dead
    stack   operand stack entries, bottom first: JitType, Callee or PENDING_RESULT
    """

    __slots__ = ()

    @property
    def stored_count(self) -> int:
        kinds = [k for k in self.slots if isinstance(k, JitType)] + \
            [k for k in self.stack if isinstance(k, JitType)]
        return sum(1 for k in kinds if k.stored)

    def stored_layout(self) -> list:
        """(where, index, kind) per buffer word, in buffer order: where is 'slot' or 'stack'."""
        layout = [("slot", i, k) for i, k in enumerate(self.slots)
                  if isinstance(k, JitType) and k.stored]
        layout += [("stack", i, k) for i, k in enumerate(self.stack)
                   if isinstance(k, JitType) and k.stored]
        return layout

    def rebuild(self, function, words: list, pending=None) -> list:
        """The interpreter frame's stack list: slot 0 the function, then slots, then operands."""
        values = [function]
        position = 0
        for kind in self.slots[1:]:
            value, position = _rebuild_entry(kind, words, position, pending)
            values.append(value)
        for kind in self.stack:
            value, position = _rebuild_entry(kind, words, position, pending)
            values.append(value)
        return values

    def describe(self, words: list) -> str:
        """The values seen, for --trace-deopt."""
        parts = []
        position = 0
        for where, index, kind in self.stored_layout():
            parts.append(f"{where}{index}={box(words[position], kind)!r}")
            position += 1
        return " ".join(parts)
