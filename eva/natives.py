"""Built-in globals (SPEC.md section 5): natives are ordinary global values.

Each native is a host function taking Eva values and returning one; it raises
EvaRuntimeError for bad arguments. Natives that create objects allocate through the heap.
"""

from __future__ import annotations

import math
import operator
import time

from eva import operations as ops
from eva.errors import EvaRuntimeError
from eva.objects import List, Native, String, display, integer_text, type_name


def _number(name: str, value):
    kind = type(value)
    if kind is not int and kind is not float:
        raise EvaRuntimeError(f"type error: {name} expects a number, got {type_name(value)}")
    return value


INLINE = {
    "len": "(len({0}.text) if type({0}) is String else {native}.fn({0}))",
    "str": "(alloc(String(str({0}))) if type({0}) is int and -10 ** 18 < {0} < 10 ** 18 "
           "else {native}.fn({0}))",
}
"""What translated code writes in place of a call of these natives (objects.Native.inline),
where it meets the native itself: `len` of a string without the call of `eva_len`, `str` of
an integer short enough for Python's `str` (objects.integer_text) without `eva_str`'s and
`integer_text`'s calls (the strings benchmark takes three lengths and two `str` an
iteration: at size 10000 with --no-jit, 688 -> 662 M instructions a run for `len`, -> 638 M
for `str`)."""


def install(vm) -> None:
    """Define every built-in in `vm`'s globals."""
    heap = vm.heap

    def eva_print(*values):
        vm.write(" ".join(display(value) for value in values) + "\n")

    def eva_len(value):
        if type(value) is String:
            return len(value.text)
        if type(value) is List:
            return len(value.items)
        raise EvaRuntimeError(f"type error: len expects a string or list, got {type_name(value)}")

    def eva_push(lst, value):
        if type(lst) is not List:
            raise EvaRuntimeError(f"type error: push expects a list, got {type_name(lst)}")
        lst.items.append(value)
        return lst

    def eva_str(value):  # (an integer's text at once: the strings benchmark's str)
        return heap.alloc(String(integer_text(value) if type(value) is int else display(value)))

    def eva_sqrt(value):
        if _number("sqrt", value) < 0:
            raise EvaRuntimeError("type error: sqrt of a negative number")
        try:
            return math.sqrt(value)
        except OverflowError:
            raise ops.float_overflow() from None

    def eva_abs(value):
        return abs(_number("abs", value))

    def eva_floor(value):
        _number("floor", value)
        if type(value) is int:
            return value
        if math.isinf(value) or math.isnan(value):
            raise EvaRuntimeError(f"type error: floor of {value!r}")
        return math.floor(value)

    def native_square(value):
        _number("native-square", value)
        return value * value

    def eva_sum(a, b):
        return ops.numeric(operator.add, _number("sum", a), _number("sum", b))

    natives = [
        ("print", None, eva_print), ("len", 1, eva_len), ("push", 2, eva_push),
        ("str", 1, eva_str), ("sqrt", 1, eva_sqrt), ("abs", 1, eva_abs),
        ("floor", 1, eva_floor), ("clock", 0, time.perf_counter),
        ("native-square", 1, native_square), ("sum", 2, eva_sum),
    ]
    for name, arity, fn in natives:
        vm.define_global(name, heap.permanent(Native(name, arity, fn, INLINE.get(name))))
    vm.define_global("VERSION", 1)
