"""Deopt metadata ("resume data"): what a failed guard needs to rebuild an interpreter frame.

For each guard the compiler keeps a `DeoptPoint`: the instruction to resume at, the reason,
and the layout of the values native code writes into its deopt buffer (one 64-bit word per
stored value: live slots first, then the operand stack, bottom first). Values that native
code does not store (null, undeclared variables, a callee read from a global, the boxed
result of a call that left the compiled types) are described here and rebuilt from this
data alone. Plain data with one decoder, testable without LLVM.
"""

from __future__ import annotations

import ctypes
import struct
from collections import namedtuple

from eva.jit.types import BOOL, BOXED, FLOAT, INT, Callee, JitType
from eva.objects import UNDEF, display

PENDING_RESULT = "pending result"
"""A stack entry holding the boxed result of a call whose type broke the caller's assumption."""


def box(raw: int, kind: JitType):
    """A Python value from the 64-bit word native code wrote for a value of type `kind` (for
    BOXED, the object's address, borrowed: the result is a new reference to it)."""
    if kind is BOXED:
        return ctypes.cast(raw, ctypes.py_object).value
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


class Known(namedtuple("Known", "word")):
    """A stored value's `where` when it is a constant: its word is in the resume data, and
    native code stores nothing."""

    __slots__ = ()


class Area(namedtuple("Area", "position")):
    """A boxed value's `where`: word `position` of the frame's root area (lowering.py,
    "Boxed values"), whose address the deopt buffer's word 0 holds."""

    __slots__ = ()


class Copy(namedtuple("Copy", "entry")):
    """While lowering: a value that is also the value of an earlier entry (a local's value
    pushed on the stack); its `where` is that entry's."""

    __slots__ = ()


def _word(words: list, where) -> int:
    if where.__class__ is int:
        return words[where]
    if where.__class__ is Area:
        return ctypes.c_uint64.from_address(words[0] + 8 * where.position).value
    return where.word


def _rebuild_entry(kind, words: list, stored, pending):
    """The value of one slot or stack entry; `stored` yields the buffer positions of the
    stored values in order, and this takes the next one if the entry is stored."""
    if isinstance(kind, Callee):
        return kind.value
    if kind == PENDING_RESULT:
        return pending
    if kind is None or kind is JitType.UNDEF:
        return UNDEF
    if isinstance(kind, JitType) and kind.stored:
        return box(_word(words, next(stored)), kind)
    return None  # null, or a value about to be popped unused


class DeoptPoint(namedtuple("DeoptPoint", "id pc reason slots stack where")):
    """Resume data of one guard: where to resume and the layout of the values it saves.

    id      the guard's number, which native code passes to the runtime
    pc      instruction index the interpreter resumes at
    reason  what the guard checks, for --trace-deopt and the statistics
    slots   one entry per frame slot: a JitType, or None when dead
    stack   operand stack entries, bottom first: JitType, Callee or PENDING_RESULT
    where   per stored value, in order (live slots first, then the stack): the position of
            the deopt buffer's word holding it, or a Known word for a constant
            (lowering.Lowerer.deopt_words explains the buffer's layout)
    """

    __slots__ = ()

    @property
    def buffer_size(self) -> int:
        """Words of the deopt buffer the runtime reads (word 0: the root area's address)."""
        return max([w for w in self.where if w.__class__ is int], default=0) + 1

    def stored_layout(self) -> list:
        """(where, index, kind) per stored value, in order: where is 'slot' or 'stack'."""
        layout = [("slot", i, k) for i, k in enumerate(self.slots)
                  if isinstance(k, JitType) and k.stored]
        layout += [("stack", i, k) for i, k in enumerate(self.stack)
                   if isinstance(k, JitType) and k.stored]
        return layout

    def rebuild(self, function, words: list, pending=None) -> list:
        """The interpreter frame's stack list: slot 0 the function, then slots, then operands.
        `words` is the deopt buffer."""
        stored = iter(self.where)
        values = [_rebuild_entry(kind, words, stored, pending)
                  for kind in (*self.slots, *self.stack)]
        if self.slots[0] is not BOXED:  # slot 0 is stored only by a closure, which reads it
            values[0] = function
        return values

    def seen(self, words: list, slot_names=()) -> list[tuple[str, object, JitType]]:
        """(name, value, type) of each stored value: a slot by its variable's name in
        `slot_names` (`slot3` past them), an operand stack entry as `stack0`, `stack1`, ...
        from the bottom."""
        def name(where, index):
            if where == "slot" and index < len(slot_names):
                return slot_names[index]
            return f"{where}{index}"
        return [(name(where, index), box(_word(words, position), kind), kind)
                for (where, index, kind), position in zip(self.stored_layout(), self.where)]

    def describe(self, words: list, slot_names=()) -> str:
        """The values seen, for --trace-deopt: `n=12 stack0=2.5`."""
        return " ".join(f"{name}={display(value, quoted=True) if kind is BOXED else repr(value)}"
                        for name, value, kind in self.seen(words, slot_names))
