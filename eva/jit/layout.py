"""The CPython object layouts native code reads and writes, probed from the running interpreter.

Compiled code reaches into a few objects directly instead of calling the C-API: an object's
reference count (to take or drop a reference without a call), its type pointer (to check an
argument's or a global's type), a float's value (to unbox it, or to write one only a field
holds: lowering.float_field_write), a GlobalCell's value pointer and `watched` flag, a captured
variable's cell, a closure's cells and code, an instance's shape and list of field values (eva's own
__slots__ classes, objects.py), a list's items and a tuple's items. Where each lies is a fact
about the Python that runs eva, not something to assume: here it is found by looking at live
objects (a float whose bits are known, the type pointer of objects whose type is known), once
per process, before the first unit is lowered.

Anything that does not look as native code expects stops the JIT, with the reason, never
with an `assert` (which `python -O` removes): every function stays in the interpreter, and
`--jit-stats` says why. So does a CPython built without the GIL (free-threaded, 3.13+), whose
objects have another header and whose reference counts native code would race on, and any
Python that is not CPython.
"""

from __future__ import annotations

import ctypes
import struct
import sys
import sysconfig

from eva.objects import Cell, Class, Function, GlobalCell, Instance, List, String

WORD = ctypes.sizeof(ctypes.c_void_p)
PROBE_WORDS = 16
"""Words of an object searched for a field: more than any header and the fields after it."""


class LayoutMismatch(Exception):
    """The running Python's objects are not laid out as native code expects."""


class Layout:
    """Byte offsets of the fields native code touches."""

    def __init__(self, type_offset: int, float_value_offset: int, global_value_offset: int,
                 global_watched_offset: int, tuple_items_offset: int, cell_value_offset: int,
                 function_cells_offset: int, instance_shape_offset: int,
                 instance_values_offset: int, list_items_offset: int,
                 list_size_offset: int, eva_list_items_offset: int,
                 instance_class_offset: int, class_members_offset: int,
                 class_parent_offset: int, string_text_offset: int,
                 str_length_offset: int, refcount_offset: int, function_code_offset: int):
        self.type_offset = type_offset                    # PyObject.ob_type
        self.float_value_offset = float_value_offset      # PyFloatObject.ob_fval
        self.global_value_offset = global_value_offset    # GlobalCell.value
        self.global_watched_offset = global_watched_offset  # GlobalCell.watched (True / False)
        self.tuple_items_offset = tuple_items_offset      # PyTupleObject.ob_item[0]
        self.cell_value_offset = cell_value_offset        # Cell.value (a captured variable)
        self.function_cells_offset = function_cells_offset  # Function.cells (a tuple)
        self.instance_shape_offset = instance_shape_offset  # Instance.shape (shapes.py)
        self.instance_values_offset = instance_values_offset  # Instance.values (a list)
        self.list_items_offset = list_items_offset        # PyListObject.ob_item (the array)
        self.list_size_offset = list_size_offset          # PyListObject.ob_size (its length)
        self.eva_list_items_offset = eva_list_items_offset  # List.items (a Python list)
        self.instance_class_offset = instance_class_offset  # Instance.cls
        self.class_members_offset = class_members_offset    # Class.members (a dict)
        self.class_parent_offset = class_parent_offset      # Class.parent (a Class or None)
        self.string_text_offset = string_text_offset        # String.text (a Python str)
        self.str_length_offset = str_length_offset          # PyASCIIObject.length (code points)
        self.refcount_offset = refcount_offset              # PyObject.ob_refcnt
        self.function_code_offset = function_code_offset    # Function.code (a call cache's key)


def _words(obj) -> list[int]:
    return list((ctypes.c_size_t * PROBE_WORDS).from_address(id(obj)))


def _offset_of(obj, word: int, what: str) -> int:
    """The byte offset of the first pointer-sized field of `obj` that holds `word`."""
    for index, value in enumerate(_words(obj)):
        if value == word:
            return index * WORD
    raise LayoutMismatch(f"cannot find {what} in the object layout")


def _same_offset(objects, word_of, what: str) -> int:
    """The offset of a field that must be at the same place in every object of `objects`."""
    offsets = {_offset_of(obj, word_of(obj), what) for obj in objects}
    if len(offsets) != 1:
        raise LayoutMismatch(f"{what} is not at one place in every object ({sorted(offsets)})")
    return offsets.pop()


def _list_items_offset() -> int:
    """Where a list keeps the pointer to its array of items: the field pointing at memory
    whose first word is the first item. Only the list object's own words are followed (its
    basic size): a reference count or a length is never near a valid address."""
    marker = object()
    probe = [marker]
    for index, word in enumerate(_words(probe)[:list.__basicsize__ // WORD]):
        if word > 4096 and ctypes.c_size_t.from_address(word).value == id(marker):
            return index * WORD
    raise LayoutMismatch("cannot find a list's items in the object layout")


def _list_size_offset() -> int:
    """Where a list keeps its length: the first word holding it, for a length no reference
    count or pointer has (the capacity, which may equal it, comes after the items pointer)."""
    return _offset_of([None] * 987, 987, "a list's length")


def _str_length_offset() -> int:
    """Where a str keeps its length in code points: the same word in an ASCII string and in
    others (PyASCIIObject's header begins every compact string)."""
    return _same_offset(["x" * 9871, "\u00e9" * 9871, "\U0001f600" * 9871], lambda text: 9871,
                        "a string's length")


def _refcount_offset() -> int:
    """Where an object keeps its reference count: the only word of its header that grows by
    exactly the number of references taken to it."""
    probe = object()
    address = id(probe)
    header = (ctypes.c_size_t * (object.__basicsize__ // WORD)).from_address(address)
    before = list(header)
    holders = [probe] * 4321
    grown = [index * WORD for index, (old, new) in enumerate(zip(before, header))
             if new - old == 4321]
    del holders
    if len(grown) != 1:
        raise LayoutMismatch("cannot find an object's reference count in the object layout")
    return grown[0]


def slot_offset(cls, name: str) -> int:
    """Where instances of a __slots__ class keep attribute `name`: found by storing a marker
    object and looking for its address."""
    probe = cls.__new__(cls)
    marker = object()
    for slot in cls.__slots__:
        setattr(probe, slot, None)
    setattr(probe, name, marker)
    return _offset_of(probe, id(marker), f"{cls.__name__}.{name}")


def _probe() -> Layout:
    if sys.implementation.name != "cpython":
        raise LayoutMismatch(f"native code embeds CPython's object layouts; this is "
                             f"{sys.implementation.name}")
    if sysconfig.get_config_var("Py_GIL_DISABLED"):
        raise LayoutMismatch("a free-threaded CPython build (no GIL) is not supported: native "
                             "code counts references and reads objects as if it held the GIL")
    if WORD != 8:
        raise LayoutMismatch(f"native code is 64-bit; this Python's pointers are {WORD * 8}-bit")
    samples = [1.0, 2, "text", None, (), GlobalCell("probe")]
    type_offset = _same_offset(samples, lambda obj: id(type(obj)), "an object's type pointer")
    bits = struct.unpack("<Q", struct.pack("<d", -1234.5678))[0]
    float_value_offset = _offset_of(-1234.5678, bits, "a float's value")
    marker = object()
    tuple_items_offset = _offset_of((marker,), id(marker), "a tuple's first item")
    return Layout(type_offset, float_value_offset, slot_offset(GlobalCell, "value"),
                  slot_offset(GlobalCell, "watched"), tuple_items_offset,
                  slot_offset(Cell, "value"), slot_offset(Function, "cells"),
                  slot_offset(Instance, "shape"), slot_offset(Instance, "values"),
                  _list_items_offset(), _list_size_offset(), slot_offset(List, "items"),
                  slot_offset(Instance, "cls"),
                  slot_offset(Class, "members"), slot_offset(Class, "parent"),
                  slot_offset(String, "text"), _str_length_offset(), _refcount_offset(),
                  slot_offset(Function, "code"))


_layout: Layout | None = None
_failure: LayoutMismatch | None = None


def layout() -> Layout:
    """The running Python's layout, probed at the first call; a mismatch is remembered and
    raised again at every later call."""
    global _layout, _failure
    if _layout is None:
        if _failure is not None:
            raise _failure
        try:
            _layout = _probe()
        except LayoutMismatch as error:
            _failure = error
            raise
    return _layout
