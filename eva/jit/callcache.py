"""Call caches: how native code calls a function value's compiled code without the runtime."""

from __future__ import annotations

import ctypes

BUILTIN = type(len)
"""The type of an entry made by `make_builtin` (the profiler wraps entries in Python
functions, which a call cache leaves alone)."""


ENTRIES = 4
"""Codes a call cache keeps (a polymorphic cache, as PropertySite's): a method call
`((prop self scale) self x)` meets one code per class that overrides the method."""


class CallCache:
    """The inline cache of one call of a value in native code (lowering.Lowerer.cached_call):
    the codes of the last ENTRIES functions called there that had compiled code, and their
    units' entries. Native code calls a cached code's call entry (lowering.Lowerer.
    lower_call_entry) itself when the callee is a function of that code, with the arguments
    as objects, as a direct native call: without the runtime's Python in between
    (PyObject_Vectorcall, rt_call_value, `call`, the entry builtin: most of a call's 0.5 to
    0.9 us).

    `words` (C memory): per entry, the code's address and its call entry's (zeros: none).
    The cache holds the codes and the entry builtins, so that none is freed while native
    code may call through it (an entry builtin keeps its unit's machine code alive:
    backend.py). A unit invalidated since refuses the call (its validity word), and the
    runtime then calls the function the ordinary way and fills the cache again
    (`rt_after_entry`); a code met when the cache is full takes the place of the oldest."""

    __slots__ = ("words", "codes", "entries", "oldest")

    def __init__(self):
        self.words = (ctypes.c_uint64 * (2 * ENTRIES))()
        self.codes: list = []
        self.entries: list = []
        self.oldest = 0

    def native_words(self):
        return self.words

    def fill(self, code, unit) -> None:
        """Cache `code` with the entry of `unit`, the unit calls of it enter (None: none),
        if that entry is compiled code's own; else forget `code`, whose cached entry (if
        any) refuses calls now."""
        known = code in self.codes
        if unit is None or unit.entry is not code.native or type(unit.entry) is not BUILTIN:
            if known:
                self.put(self.codes.index(code), None, None, 0)
            return
        if known:
            index = self.codes.index(code)
        elif None in self.codes:
            index = self.codes.index(None)
        elif len(self.codes) < ENTRIES:
            index = len(self.codes)
            self.codes.append(None)
            self.entries.append(None)
        else:
            index, self.oldest = self.oldest, (self.oldest + 1) % ENTRIES
        self.put(index, code, unit.entry, unit.call_entry_address)

    def put(self, index: int, code, entry, address: int) -> None:
        self.codes[index], self.entries[index] = code, entry
        self.words[2 * index], self.words[2 * index + 1] = id(code) if code is not None else 0, address
