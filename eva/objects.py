"""Runtime values of Eva.

Immediate values are host values, never heap-allocated by Eva: integers are `int` (exact),
floats `float`, booleans `True`/`False`, null `None`. Everything else is a `HeapObject`
subclass created through `Heap.alloc` (see heap.py), so the Eva collector decides its lifetime.

Type tests in hot paths use `type(x) is int`, never `isinstance`: `bool` is a subclass of
`int` in Python, but `true` is not a number in Eva.
"""

from __future__ import annotations

from eva.shapes import EMPTY


class Undefined:
    """The marker in a variable slot whose declaration has not run yet."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<undefined>"


UNDEF = Undefined()


class HeapObject:
    """Header shared by all heap objects: the mark bit used by the collector, and the bytes
    the collector has accounted for the object so far (`charged`; its size changes as a list
    or an instance grows). Each constructor sets `charged` to the object's size at birth, so
    Heap.alloc adds it up without calling `size` (an allocated string took 800 ns with the
    call, 660 ns without)."""

    __slots__ = ("marked", "charged")
    type_name = "object"

    def size(self) -> int:
        """Estimated bytes, for the collector's accounting (host object plus payload)."""
        return 48


class String(HeapObject):
    """An immutable Eva string."""

    __slots__ = ("text",)
    type_name = "string"

    def __init__(self, text: str):
        self.marked = False
        self.text = text
        self.charged = 56 + len(text)

    def size(self) -> int:
        return 56 + len(self.text)


class List(HeapObject):
    """A mutable Eva list."""

    __slots__ = ("items",)
    type_name = "list"

    def __init__(self, items: list):
        self.marked = False
        self.items = items
        self.charged = 72 + 8 * len(items)

    def size(self) -> int:
        return 72 + 8 * len(self.items)


class Cell(HeapObject):
    """A heap box for a variable captured by a closure."""

    __slots__ = ("value",)
    type_name = "cell"

    def __init__(self, value=UNDEF):
        self.marked = False
        self.value = value
        self.charged = 48


class Function(HeapObject):
    """A user function: a code object plus the cells it captured (its free variables)."""

    __slots__ = ("code", "cells", "name")
    type_name = "function"

    def __init__(self, code, cells: tuple, name: str):
        self.marked = False
        self.code = code
        self.cells = cells
        self.name = name
        self.charged = 64 + 8 * len(cells)

    def size(self) -> int:
        return 64 + 8 * len(self.cells)


class Native(HeapObject):
    """A host function callable from Eva, with a checked arity (None: any count). `inline`,
    if any, is a Python expression translated code may write in place of a call of this
    native (eva/interp/translator.py): `{0}`, `{1}`... stand for the arguments, `{native}`
    for this object, whose `fn` it calls for anything it does not do itself."""

    __slots__ = ("name", "arity", "fn", "inline")
    type_name = "native"

    def __init__(self, name: str, arity: int | None, fn, inline: str | None = None):
        self.marked = False
        self.name = name
        self.arity = arity
        self.fn = fn
        self.inline = inline
        self.charged = 48


class Class(HeapObject):
    """A class: name, optional superclass, and members (methods and class properties)."""

    __slots__ = ("name", "parent", "members")
    type_name = "class"

    def __init__(self, name: str, parent: "Class | None", members: dict):
        self.marked = False
        self.name = name
        self.parent = parent
        self.members = members
        self.charged = 120 + 40 * len(members)

    def size(self) -> int:
        return 120 + 40 * len(self.members)

    def lookup(self, name: str):
        """A member by name through the superclass chain, or UNDEF."""
        cls = self
        while cls is not None:
            value = cls.members.get(name, UNDEF)
            if value is not UNDEF:
                return value
            cls = cls.parent
        return UNDEF


class Instance(HeapObject):
    """An instance: its class, and its own properties (fields) as a list of values laid out
    by its shape (shapes.py)."""

    __slots__ = ("cls", "shape", "values")
    type_name = "instance"

    def __init__(self, cls: Class):
        self.marked = False
        self.cls = cls
        self.shape = EMPTY
        self.values = []
        self.charged = 120

    def size(self) -> int:
        return 120 + 40 * len(self.values)

    def field(self, name: str):
        """The value of field `name`, or UNDEF."""
        index = self.shape.index.get(name)
        return UNDEF if index is None else self.values[index]

    def store(self, name: str, value) -> None:
        """Set field `name`, adding it (a new shape) if the instance has none of that name."""
        index = self.shape.index.get(name)
        if index is None:
            self.values.append(value)
            self.shape = self.shape.adding(name)
        else:
            self.values[index] = value


class GlobalCell:
    """The binding of one global name. Code refers to the cell, so a lookup is one load.

    Compiled code that calls a global function assumes it stays bound: rebinding a watched
    global invalidates that code (see eva/jit/tierup.py).
    """

    __slots__ = ("name", "value", "watched")

    def __init__(self, name: str):
        self.name = name
        self.value = UNDEF
        self.watched = False  # compiled code assumed this global's value: tell the JIT


def type_name(value) -> str:
    """The Eva type name of any value, for error messages."""
    if value is None:
        return "null"
    kind = type(value)
    if kind is bool:
        return "boolean"
    if kind is int:
        return "integer"
    if kind is float:
        return "float"
    return getattr(value, "type_name", kind.__name__)


_QUOTE_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"})


def display(value, quoted: bool = False) -> str:
    """The printed form of a value (SPEC section 2), iterative so deep lists cannot overflow.
    Anything but a list is printed at once, without the work list (`display(1234)`:
    1.5 us -> 0.6 us in a micro-benchmark)."""
    if type(value) is not List:
        return _display_scalar(value, quoted)
    out: list[str] = []
    active: set[int] = set()  # lists being printed: a list inside itself shows as [...]
    work: list = [(value, quoted)]
    while work:
        entry = work.pop()
        if type(entry) is _Text:
            if entry.closes is not None:
                active.discard(entry.closes)
            out.append(entry.text)
            continue
        item, quote = entry
        kind = type(item)
        if kind is List:
            if id(item) in active:
                out.append("[...]")
                continue
            active.add(id(item))
            out.append("[")
            work.append(_Text("]", id(item)))
            for index in range(len(item.items) - 1, -1, -1):
                work.append((item.items[index], True))
                if index:
                    work.append(_Text(", "))
        else:
            out.append(_display_scalar(item, quote))
    return "".join(out)


class _Text:
    """Literal output in `display`'s work list; `closes` ends a list's [...] guard."""

    __slots__ = ("text", "closes")

    def __init__(self, text: str, closes: int | None = None):
        self.text = text
        self.closes = closes


def _display_scalar(value, quoted: bool) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    kind = type(value)
    if kind is int:
        return integer_text(value)
    if kind is float:
        return repr(value)
    if kind is String:
        text = "" + value.text  # (concatenation makes a swept string fail loudly in GC checks)
        return '"' + text.translate(_QUOTE_ESCAPES) + '"' if quoted else text
    if kind is Function:
        return f"<fn {value.name}/{value.code.arity}>"
    if kind is Native:
        return f"<native {value.name}>"
    if kind is Class:
        return f"<class {value.name}>"
    if kind is Instance:
        return f"<{value.cls.name} instance>"
    return repr(value)


DECIMAL_CUTOFF_BITS = 20_000
"""Integers up to this many bits (about 6,000 digits) print with Python's `str`; larger ones
with `_long_integer_text`. CPython 3.11 converts an integer to decimal in quadratic time:
16 s for a million digits, which an Eva program reaches by squaring 2 twenty-two times.
Below the cutoff `str` is as fast or faster (measured: equal at 5,000 digits)."""


def integer_text(value: int) -> str:
    """An integer in decimal, in full (SPEC.md section 2), in subquadratic time."""
    if value.bit_length() <= DECIMAL_CUTOFF_BITS:
        return str(value)
    return "-" + _long_integer_text(-value) if value < 0 else _long_integer_text(value)


def _long_integer_text(value: int) -> str:
    """Divide and conquer through the decimal module, whose multiplication of long numbers is
    subquadratic (libmpdec's number-theoretic transform): split the binary value into a high
    and a low half, convert each, and join them as high * 2**half + low, computed exactly in
    decimal. About 0.4 s for a million digits. Printing a decimal integer is linear."""
    import decimal  # only for integers this large: keeps it out of every start-up
    context = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX,
                              Emin=decimal.MIN_EMIN, traps=[decimal.Inexact])
    powers: dict[int, decimal.Decimal] = {}

    def power_of_two(bits: int) -> decimal.Decimal:
        power = powers.get(bits)
        if power is None:
            if bits <= DECIMAL_CUTOFF_BITS:
                power = decimal.Decimal(1 << bits)
            else:
                half = power_of_two(bits // 2)
                power = context.multiply(half, half)
                if bits % 2:
                    power = context.multiply(power, 2)
            powers[bits] = power
        return power

    def convert(number: int, bits: int) -> decimal.Decimal:  # 0 <= number < 2**bits
        if bits <= DECIMAL_CUTOFF_BITS:
            return decimal.Decimal(number)
        half = bits // 2
        high = number >> half
        low = number - (high << half)
        return context.add(context.multiply(convert(high, bits - half), power_of_two(half)),
                           convert(low, half))

    return str(convert(value, value.bit_length()))


def equal(a, b) -> bool:
    """Eva `==`: numbers by value, strings and lists by content, the rest by identity."""
    ka, kb = type(a), type(b)
    if ka is int or ka is float:
        return (kb is int or kb is float) and a == b  # before `is`: nan is not nan
    if a is b:
        return True
    if ka is not kb:
        return False
    if ka is String:
        return a.text == b.text
    if ka is List:
        return _lists_equal(a, b)
    return False


def _lists_equal(a: List, b: List) -> bool:
    """Element-wise `equal`, with an explicit stack so nesting depth cannot overflow the host."""
    work = [(a, b)]
    seen: set[tuple[int, int]] = set()
    while work:
        x, y = work.pop()
        if len(x.items) != len(y.items):
            return False
        if (id(x), id(y)) in seen:  # already being compared further up: cycles compare equal
            continue
        seen.add((id(x), id(y)))
        for p, q in zip(x.items, y.items):
            if type(p) is List and type(q) is List and p is not q:
                work.append((p, q))
            elif not equal(p, q):
                return False
    return True
