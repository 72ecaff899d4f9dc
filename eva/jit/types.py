"""The static types of values in compiled code, and how each is represented natively."""

from __future__ import annotations

from collections import namedtuple
from enum import Enum

from eva.objects import UNDEF


class JitType(Enum):
    INT = "int"        # i64; integer arithmetic is guarded against overflow
    FLOAT = "float"    # double
    BOOL = "bool"      # i1
    NULL = "null"      # no storage: the value is always null
    UNDEF = "undef"    # a declared-later variable: no storage
    DISCARD = "discard"  # a value about to be popped unused (e.g. an `if` used as a statement)

    def __repr__(self) -> str:
        return self.value


for _kind in JitType:  # a plain attribute: the lowering asks this thousands of times
    _kind.stored = _kind.value in ("int", "float", "bool")
"""`kind.stored`: whether values of the type exist at run time in native code."""

INT, FLOAT, BOOL, NULL, UNDEF_T, DISCARD = (
    JitType.INT, JitType.FLOAT, JitType.BOOL, JitType.NULL, JitType.UNDEF, JitType.DISCARD)


class Callee(namedtuple("Callee", "value cell")):
    """The static type of a function value read from a global (its GlobalCell), about to be
    called (guarded on the global): it has no storage, the value is known. The JIT's records
    are named tuples and plain classes, like those made at start-up (errors.Position says
    why)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"callee {getattr(self.value, 'name', '?')}"


INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


def type_of(value) -> JitType | None:
    """The JIT type of a runtime value, or None when compiled code cannot hold it."""
    kind = type(value)
    if kind is int:
        return INT if INT64_MIN <= value <= INT64_MAX else None
    if kind is float:
        return FLOAT
    if kind is bool:
        return BOOL
    if value is None:
        return NULL
    if value is UNDEF:
        return UNDEF_T
    return None

