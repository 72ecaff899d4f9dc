"""Slots: how compiled code reaches what lies outside its module.

Everything a unit refers to outside itself (the runtime's counters, flags and functions, Python
objects, globals' cells, C-API functions, other units' functions) it reaches through a slot: a
pointer variable of its own module, which the JIT fills in with the address when it loads the
machine code, before the code first runs (lowering.Lowerer.slot makes them). So neither the IR
nor the machine code holds an address or an undefined symbol, and a program compiles to the
same code in every process, which the code cache (cache.py) relies on. No LLVM here: the cache
binds the slots of code it loads without it.
"""

from __future__ import annotations

import ctypes


def slot_symbol(name: str) -> str:
    """The symbol of the slot that holds `name`'s address."""
    return name + ".addr"


def bind_slots(slot_address, addresses: dict) -> None:
    """Fill loaded code's slots with the addresses they stand for; `slot_address(symbol)` says
    where the loaded code keeps a slot."""
    for name, address in addresses.items():
        ctypes.c_void_p.from_address(slot_address(slot_symbol(name))).value = address
