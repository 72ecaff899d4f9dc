"""The Eva heap: one allocation path and a mark-sweep collector that owns object lifetimes.

Invariants:
- Every runtime object (strings made at run time, lists, cells, functions, instances,
  classes) is created through `Heap.alloc`, which appends it to `objects`. That list is the
  only owner the VM keeps; values elsewhere (frames, globals, other objects) are edges the
  marker follows from the roots.
- Sweep drops unreachable objects from `objects` and clears their fields, so cycles among
  dead objects are broken and CPython's reference counting returns their memory at once even
  with Python's own cycle collector disabled (which the VM does while Eva code runs).
- Permanent objects (literal strings in code objects, natives) are born marked and never
  enter `objects`: they live exactly as long as the code object or VM that holds them.
- Roots come from registered root sources (see `add_root_source`): the interpreter's frames
  and operand stacks, the locals of translated frames on the host stack, globals, and the
  JIT runtime's: the boxed values of running native frames (their root areas on its shadow
  stack, jit/lowering.py) and its values in transit. A source
  yields values; immediates among them are ignored.
- The object being allocated is a root of the collection it triggers, so an allocation that
  stores freshly popped values in the new object never loses them.
- Accounting: an object's size changes after its allocation (a list grows with `push`, an
  instance with each new field), and its growth happens where the interpreter, translated
  code and native code store, not here. So each object carries the bytes accounted for it
  (`charged`); a collection (and the report at exit) measures each object it sweeps or keeps
  again and counts the difference as allocated (or freed, if it shrank). Allocated bytes are
  then always freed bytes plus the live heap. (Measuring dead objects at their grown size
  against their size at birth reported 263 MB freed of 162 MB allocated for nbody.)
"""

from __future__ import annotations

import time

from eva.errors import EvaInternalError
from eva.objects import Cell, Class, Function, HeapObject, Instance, List, Native, String
from eva.shapes import EMPTY

INITIAL_THRESHOLD = 4 * 1024 * 1024
"""Estimated bytes allocated before the first collection. Small programs never collect;
larger ones collect after a few MB, which is cheap to mark on the 2-core machines we target."""

GROWTH_FACTOR = 2.0
"""After a collection the next one comes when the heap has grown to this multiple of the live
heap, so collection work stays proportional to allocation (amortized O(1) per byte)."""

CODE_FORM_BYTES = 3000
CODE_INSTRUCTION_BYTES = 200
"""Host memory one form of a function's code keeps (its bytecode and decoded instructions,
its translation to Python, a native unit's metadata), as a base plus a cost per bytecode
instruction. Measured with tracemalloc: a code object of 6 instructions keeps 4.1 KB, of 33
instructions 10.3 KB; translations 2.4 KB (3 instructions) and 6.5 KB (30). Only the
functions that hold the code are heap objects, at 64 bytes each, so without this charge a
REPL session redefining a function kept every old version: 20 MB at 2,000 definitions
before the first collection was due."""


class GCStats:
    """Counters reported by `--gc-stats` and asserted by tests. `bytes_allocated` counts the
    objects' sizes at allocation and their growth since (see the module docstring), so
    bytes_allocated == bytes_freed + live_bytes after every collection and report."""

    def __init__(self):
        self.allocations = 0
        self.bytes_allocated = 0
        self.code_bytes = 0
        self.collections = 0
        self.objects_freed = 0
        self.bytes_freed = 0
        self.live_objects = 0
        self.live_bytes = 0
        self.peak_bytes = 0
        self.pause_seconds = 0.0
        self.max_pause_seconds = 0.0

    def render(self) -> str:
        return "\n".join([
            "gc stats:",
            f"  allocations      {self.allocations} objects, {self.bytes_allocated} bytes",
            f"  code made        {self.code_bytes} bytes (estimated)",
            f"  collections      {self.collections}",
            f"  freed            {self.objects_freed} objects, {self.bytes_freed} bytes",
            f"  live heap        {self.live_objects} objects, {self.live_bytes} bytes",
            f"  peak heap        {self.peak_bytes} bytes",
            f"  pause time       {self.pause_seconds * 1e3:.2f} ms total, "
            f"{self.max_pause_seconds * 1e3:.2f} ms longest",
        ])


class Poisoned:
    """Stands in for the fields of a swept object in checking mode: any use is a VM bug."""

    __slots__ = ("what",)

    def __init__(self, what: str):
        object.__setattr__(self, "what", what)

    def _fail(self, *args, **kwargs):
        raise EvaInternalError(f"use of swept object {object.__getattribute__(self, 'what')}")

    def __getattr__(self, name):
        self._fail()

    __setattr__ = __len__ = __iter__ = __getitem__ = __setitem__ = __contains__ = _fail
    __add__ = __radd__ = __eq__ = __lt__ = __gt__ = __hash__ = __bool__ = __call__ = _fail
    __str__ = __format__ = __int__ = __float__ = __index__ = _fail

    def __repr__(self) -> str:  # debuggers may show it; every real use fails
        return f"<poisoned {object.__getattribute__(self, 'what')}>"


_FIELDS = {
    String: ("text",),
    List: ("items",),
    Cell: ("value",),
    Function: ("code", "cells", "name"),
    Instance: ("cls", "shape", "values"),
    Class: ("parent", "members", "name"),
}


class Heap:
    """Owns every Eva heap object; see the module docstring for the invariants."""

    def __init__(self, stress: bool = False, checking: bool = False):
        self.objects: list[HeapObject] = []
        self._stats = GCStats()
        self.stress = stress
        self.checking = checking
        self.threshold = INITIAL_THRESHOLD
        self.limit = -1 if stress else INITIAL_THRESHOLD  # `pending` past this: collect
        self.pending = 0       # bytes allocated (objects and code) since the last collection
        self.pending_code = 0  # of which code (charge_code)
        self.tallied = 0       # object bytes of `pending` already in the statistics
        self.counted = 0       # objects of `objects` already counted as allocations
        self.root_sources: list = []

    def add_root_source(self, source) -> None:
        """Register a callable that yields root values (frames, globals, the JIT runtime's
        pending values)."""
        self.root_sources.append(source)

    def remove_root_source(self, source) -> None:
        self.root_sources.remove(source)

    def permanent(self, obj: HeapObject) -> HeapObject:
        """Make an object that lives as long as its host owner (a literal, a native)."""
        obj.marked = True
        return obj

    def alloc(self, obj: HeapObject) -> HeapObject:
        """The allocation path: account for `obj`, collect if due, and return it. Every
        string, list, instance, cell and closure made comes here, so it does the least it
        can: the statistics are brought up to date from `objects` and `pending` when read
        (`stats`), not counted per object (330 ns per allocated string against 530 ns), and
        the object's size at birth is the `charged` its constructor set (objects.py)."""
        self.objects.append(obj)
        self.pending += obj.charged
        if self.pending > self.limit:
            self.collect(obj)
        return obj

    @property
    def stats(self) -> GCStats:
        """The statistics, up to date."""
        stats = self._stats
        objects = len(self.objects)
        stats.allocations += objects - self.counted
        self.counted = objects
        allocated = self.pending - self.pending_code
        stats.bytes_allocated += allocated - self.tallied
        self.tallied = allocated
        return stats

    def charge_code(self, instructions: int) -> None:
        """Count one new form of code (CODE_FORM_BYTES) toward the next collection, which
        frees it once no function holds it. The collection waits for the next allocation,
        where every value the VM holds is reachable from a root."""
        size = CODE_FORM_BYTES + CODE_INSTRUCTION_BYTES * instructions
        self._stats.code_bytes += size
        self.pending += size
        self.pending_code += size

    # -- collection -------------------------------------------------------------------

    def collect(self, *extra_roots) -> None:
        """Mark from every root (plus `extra_roots`), then sweep."""
        start = time.perf_counter()
        self.mark(extra_roots)
        self.sweep()
        pause = time.perf_counter() - start
        stats = self._stats
        stats.collections += 1
        stats.pause_seconds += pause
        stats.max_pause_seconds = max(stats.max_pause_seconds, pause)

    def mark(self, extra_roots=()) -> None:
        """Mark everything reachable from the roots. The values of instances and lists, most
        of what a heap holds, are pushed by a plain loop that skips the marked ones, not by
        a generator per object: marking a tree of 65,000 instances 0.22 s -> 0.09 s."""
        work: list = [value for value in extra_roots if isinstance(value, HeapObject)]
        for source in self.root_sources:
            work.extend(value for value in source() if isinstance(value, HeapObject))
        pop, push = work.pop, work.append
        while work:
            obj = pop()
            if obj.marked:
                continue
            obj.marked = True
            kind = type(obj)
            if kind is Instance or kind is List:
                if kind is Instance:
                    push(obj.cls)
                    values = obj.values
                else:
                    values = obj.items
                for value in values:
                    if isinstance(value, HeapObject) and not value.marked:
                        push(value)
            elif kind is Cell:
                if isinstance(obj.value, HeapObject):
                    work.append(obj.value)
            elif kind is Function:
                work.extend(obj.cells)
                work.extend(obj.code.heap_constants)
            elif kind is Class:
                if obj.parent is not None:
                    work.append(obj.parent)
                work.extend(v for v in obj.members.values() if isinstance(v, HeapObject))
            elif kind is not String and kind is not Native:
                raise EvaInternalError(f"the collector met an unknown object {obj!r}")

    def sweep(self) -> None:
        """Keep the marked objects, measured again, and release the others. A dead string, the
        commonest garbage, is neither measured nor released: its size cannot change and it
        holds no edges to cut (unless poisoned in checking mode). That halved the time to
        sweep a million strings."""
        stats = self.stats  # (allocations up to date before `objects` shrinks)
        live: list[HeapObject] = []
        live_bytes = 0
        freed_bytes = grown = 0
        plain_strings = not self.checking
        for obj in self.objects:
            if obj.marked:
                obj.marked = False
                size = obj.size()
                grown += size - obj.charged
                obj.charged = size
                live.append(obj)
                live_bytes += size
            elif plain_strings and type(obj) is String:
                freed_bytes += obj.charged
            else:
                size = obj.size()
                grown += size - obj.charged
                freed_bytes += size
                self.release(obj)
        freed = len(self.objects) - len(live)
        self.objects = live
        self.account_growth(grown)
        stats.objects_freed += freed
        stats.bytes_freed += freed_bytes
        stats.live_objects = len(live)
        stats.live_bytes = live_bytes
        stats.peak_bytes = max(stats.peak_bytes, live_bytes + freed_bytes)
        self.counted = len(live)
        self.pending = self.pending_code = self.tallied = 0
        self.threshold = max(INITIAL_THRESHOLD, int(live_bytes * (GROWTH_FACTOR - 1)))
        self.limit = -1 if self.stress else self.threshold

    def release(self, obj: HeapObject) -> None:
        """Cut a dead object's edges (breaking cycles); in checking mode, poison them."""
        kind = type(obj)
        if self.checking:
            what = f"{kind.type_name}@{id(obj):#x}"
            for name in _FIELDS.get(kind, ()):
                setattr(obj, name, Poisoned(what))
        elif kind is List:
            obj.items = []
        elif kind is Instance:
            obj.values = []
            obj.shape = EMPTY
        elif kind is Cell:
            obj.value = None
        elif kind is Function:
            obj.cells = ()
        elif kind is Class:
            obj.members = {}
            obj.parent = None

    def account_growth(self, grown: int) -> None:
        """Count the net change in size of objects since they were last measured: growth is
        allocation; shrinking (no operation shrinks an object today) frees."""
        if grown >= 0:
            self._stats.bytes_allocated += grown
        else:
            self._stats.bytes_freed -= grown

    def live_summary(self) -> GCStats:
        """Statistics with the live heap as it is now (for reports at exit): everything not
        yet swept counts as live, at its size now."""
        stats = self.stats
        live_bytes = grown = 0
        for obj in self.objects:
            size = obj.size()
            grown += size - obj.charged
            obj.charged = size
            live_bytes += size
        self.account_growth(grown)
        stats.live_objects = len(self.objects)
        stats.live_bytes = live_bytes
        stats.peak_bytes = max(stats.peak_bytes, live_bytes)
        return stats
