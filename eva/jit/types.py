"""The static types of values in compiled code, and how each is represented natively."""

from __future__ import annotations

from collections import namedtuple
from enum import Enum

from eva.objects import UNDEF, Instance


class JitType(Enum):
    INT = "int"        # i64; integer arithmetic is guarded against overflow
    FLOAT = "float"    # double
    BOOL = "bool"      # i1
    NULL = "null"      # no storage: the value is always null
    UNDEF = "undef"    # a declared-later variable: no storage
    DISCARD = "discard"  # a value about to be popped unused (e.g. an `if` used as a statement)
    BOXED = "boxed"    # any Eva value, as an owned reference to its Python object (lowering.py:
                       # "Boxed values")

    def __repr__(self) -> str:
        return self.value


for _kind in JitType:  # a plain attribute: the lowering asks this thousands of times
    _kind.stored = _kind.value in ("int", "float", "bool", "boxed")
"""`kind.stored`: whether values of the type exist at run time in native code."""

INT, FLOAT, BOOL, NULL, UNDEF_T, DISCARD, BOXED = (
    JitType.INT, JitType.FLOAT, JitType.BOOL, JitType.NULL, JitType.UNDEF, JitType.DISCARD,
    JitType.BOXED)


class Callee(namedtuple("Callee", "value cell")):
    """The static type of a function value read from a global (its GlobalCell), about to be
    called (guarded on the global): it has no storage, the value is known. The JIT's records
    are named tuples and plain classes, like those made at start-up (errors.Position says
    why)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"callee {getattr(self.value, 'name', '?')}"


class CallSite(namedtuple("CallSite", "kind callee arg_types result")):
    """What one CALL instruction calls: `kind` 'self', 'direct' (a compiled callee),
    'generic' (a global function, through the runtime), 'native' (sqrt, abs or floor,
    inline), 'object' (len or push, inline for the types they take: rules.OBJECT_NATIVES) or
    'value' (any value the runtime calls: a closure, a method, another native),
    the Callee (None for 'value' of a value computed at run time), the argument types and
    the result's JitType."""

    __slots__ = ()


INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1


def type_of(value) -> JitType:
    """The JIT type of a runtime value: unboxed for the immediates native code computes on,
    BOXED for everything else (strings, lists, instances, classes, functions, cells, and an
    integer past 64 bits)."""
    kind = type(value)
    if kind is int:
        return INT if INT64_MIN <= value <= INT64_MAX else BOXED
    if kind is float:
        return FLOAT
    if kind is bool:
        return BOOL
    if value is None:
        return NULL
    if value is UNDEF:
        return UNDEF_T
    return BOXED


def class_names(values) -> dict:
    """Position -> class name of each instance among `values`: how unit labels show an
    instance argument (`area(Circle)`), whose JIT type, BOXED, says only that it is an
    object. Names, not the values: a label must not keep a value alive."""
    return {position: value.cls.name for position, value in enumerate(values)
            if type(value) is Instance}


def join(a, b):
    """The kind of a value that is `a` on one path and `b` on another: the same kind, or
    BOXED, which holds any value (a dead slot, None, stays dead)."""
    if a == b:
        return a
    if a is None or b is None:
        return None
    return BOXED

