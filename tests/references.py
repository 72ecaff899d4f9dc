"""What the tests of native code's references share: a value whose references they count,
and a native that raises KeyboardInterrupt as Ctrl-C would, from inside compiled code."""

from __future__ import annotations

import sys

from eva.objects import Native, String


def held_value(vm):
    """A string the program sees as the global `value`: only the test and the program hold it."""
    value = vm.heap.alloc(String("held"))
    vm.define_global("value", value)
    return value


def references(vm, value) -> int:
    """The references to `value`, once the collector has freed the garbage of the run (dead
    lists that held it)."""
    vm.heap.collect()
    return sys.getrefcount(value)


def interrupt_at(vm, count: int) -> None:
    """The global `tick`, a native of no arguments whose `count`-th call raises
    KeyboardInterrupt (as the interpreter's signal handler does at a Ctrl-C)."""
    calls = []

    def tick():
        calls.append(1)
        if len(calls) == count:
            raise KeyboardInterrupt
    vm.define_global("tick", vm.heap.permanent(Native("tick", 0, tick)))
