"""Shapes (hidden classes): where an instance keeps each of its fields.

An instance's fields are a list, `Instance.values`, and its `shape` says which name each
position holds. Instances that got the same fields in the same order share one shape, so a
property access that has seen a shape knows where the field lies in every instance of that
shape: an identity test and an index instead of a hash lookup (Self's maps, V8's hidden
classes, PyPy's maps). Shapes form a tree rooted at EMPTY: giving an instance of shape S a new
field `x` moves it to S's child for `x`, made once and shared from then on.

The tree belongs to the process and is never pruned. Native code compares a shape's address
with one it cached; if a shape could die, another could be allocated at its address and pass
a stale test. Keeping them all is cheap: property names are written in the program's text
(`(prop obj NAME)`), so the tree grows with the orders in which programs add those names to
their instances, not with the number of instances.

A `PropertySite` is the inline cache of one `prop` or `set prop` instruction, shared by the
tiers that run the instruction's code object: translated code tests and fills its Python
attributes, native code its `words` (the same facts as machine words), and every miss goes
through operations.py, which fills both.
"""

from __future__ import annotations

import weakref

from eva.opcodes import Op

PROPERTY_OPS = (int(Op.GET_PROP), int(Op.SET_PROP))


class Shape:
    """The names of an instance's fields, in the order the fields were added."""

    __slots__ = ("names", "index", "children")

    def __init__(self, names: tuple, index: dict):
        self.names = names          # position -> name
        self.index = index          # name -> position
        self.children: dict = {}    # name -> the shape with that field added

    def __repr__(self) -> str:
        return f"<shape ({', '.join(self.names)})>"

    def adding(self, name: str) -> "Shape":
        """This shape with field `name` added at the end: made once, then shared."""
        child = self.children.get(name)
        if child is None:
            child = Shape(self.names + (name,), {**self.index, name: len(self.names)})
            self.children[name] = child
        return child


EMPTY = Shape((), {})
"""The shape of a new instance: no fields."""

MEMBER = -1
"""A read site's index when the name is not a field of the cached shape: the value is a member
of the instance's class (a method), looked up there."""

POLYMORPHIC = 4
"""Shapes a site's polymorphic cache holds (`PropertySite.shapes`), in the order met; a site
meeting more keeps the first four, and the others miss."""

SITE_WORDS = 4 + 2 * POLYMORPHIC
"""Native code's view of a site: [shape, index] of the last read or in-place write met,
[shape before, shape after] of the last write that added the field, then a [shape, index]
pair per entry of `shapes` (addresses; 0: none)."""


class PropertySite:
    """The inline cache of one property instruction: the last shape met, for the dispatch
    loop and translated code (a site that meets several shapes keeps missing there, and each
    miss does the full lookup), and the first POLYMORPHIC shapes met, which native code
    compiled for a site that had met more than one tests in turn (a polymorphic cache, as
    V8's and PyPy's: bodies of two classes whose fields were added in different orders).

    - `shape`, `index`: instances of `shape` hold the field at `index` (read, or write in
      place); None when the last read found a class member, so translated code misses.
    - `seen`: the shape last met by a read or an in-place write, whatever it found.
    - `misses`: how many times the cache changed.
    - `shapes`: shape -> index (as `index`) of the first POLYMORPHIC shapes met by reads
      or in-place writes.
    - `seen_type` (reads): the host type of the values its misses read (`float`, ...), or
      `object` once they differed, or None before any: the JIT reads a float or int property
      unboxed, behind a guard, where the site has only seen that type.
    - `before`, `after` (writes): an instance of shape `before` gets the field appended and
      becomes `after`.
    - `methods` (reads): class -> (shape, member): an instance of that class and shape
      reads that member of its class, a method (`remember_method`), until some class's
      members change (`forget_methods`); `method_shape`, `method_class`, `method`: the
      first entry, which the dispatch loop tests inline.
    """

    __slots__ = ("name", "shape", "seen", "index", "before", "after", "misses", "words",
                 "seen_type", "methods", "method_shape", "method_class", "method", "shapes",
                 "__weakref__")

    def __init__(self, name: str):
        self.name = name
        self.shape = None
        self.seen = None
        self.index = 0
        self.before = None
        self.after = None
        self.misses = 0
        self.seen_type = None
        self.words = None  # a ctypes array of SITE_WORDS int64, made when native code uses it
        self.methods = {}
        self.method_shape = self.method_class = self.method = None
        self.shapes: dict = {}

    def __repr__(self) -> str:
        return f"<site {self.name} {self.shape!r}@{self.index}>"

    def native_words(self):
        """The site's cache as machine words for native code (made on first use: only the
        JIT needs ctypes)."""
        if self.words is None:
            import ctypes
            self.words = (ctypes.c_int64 * SITE_WORDS)()
            if self.seen is not None:
                self.words[0], self.words[1] = id(self.seen), self.index
            if self.before is not None:
                self.words[2], self.words[3] = id(self.before), id(self.after)
            for entry, (shape, index) in enumerate(self.shapes.items()):
                self.words[4 + 2 * entry], self.words[5 + 2 * entry] = id(shape), index
        return self.words

    def found(self, shape: Shape, index: int) -> None:
        """A read or an in-place write met `shape`, whose field is at `index` (MEMBER: a
        read that found no field). A read of a method misses in translated code every time,
        and finds the cache as it was."""
        if shape is self.seen and index == self.index:
            return
        self.misses += 1
        self.seen = shape
        self.shape = shape if index != MEMBER else None
        self.index = index
        words = self.words
        if words is not None:
            words[0], words[1] = id(shape), index
        entry = len(self.shapes)
        if entry < POLYMORPHIC and shape not in self.shapes:
            self.shapes[shape] = index
            if words is not None:
                words[4 + 2 * entry], words[5 + 2 * entry] = id(shape), index

    def read(self, value):
        """A miss read `value` (returned, for the caller's convenience)."""
        kind = type(value)
        if kind is not self.seen_type:
            self.seen_type = kind if self.seen_type is None else object
        return value

    def remember_method(self, shape: Shape, cls, method) -> None:
        """A read found `method` in `cls` (its own members or a superclass's) for an instance
        of `shape`, which has no field of the name. The same shape and class find the same
        member until some class's members change: the dispatch loop and operations.py then
        read it from here, without the shape's dictionary and the walk up the classes. A
        site calling a method of several classes (`(prop self scale)` in a method that
        subclasses override) keeps one entry per class, up to MAX_METHOD_CLASSES."""
        methods = self.methods
        if not methods:
            self.method_shape, self.method_class, self.method = shape, cls, method
            MEMBER_CACHES.add(self)
        if len(methods) < MAX_METHOD_CLASSES:
            methods[cls] = (shape, method)

    def forget(self) -> None:
        """Some class's members changed (`forget_methods`)."""
        self.methods = {}
        self.method_shape = self.method_class = self.method = None

    def added(self, before: Shape, after: Shape) -> None:
        """A write appended the field: `before` became `after`."""
        self.misses += 1
        self.before, self.after = before, after
        if self.words is not None:
            self.words[2], self.words[3] = id(before), id(after)


MEMBER_CACHES: weakref.WeakSet = weakref.WeakSet()
"""The caches holding a member found in a class: the sites holding a method
(`PropertySite.remember_method`), and translated code's `new` sites holding a constructor
(eva/interp/direct.py). Each has a `forget` method."""
MAX_METHOD_CLASSES = 8
"""Classes a site remembers methods for; a site meeting more (megamorphic) looks the others
up each time."""


class ConstructSite:
    """The inline cache of one `new` in translated code: the class it last met, when that
    class's constructor is translated, and the constructor. Translated code tests the class
    by identity and then allocates the instance and calls the constructor's translation
    itself, without `construct`'s lookup up the class chain and its checks (the objects
    benchmark, binary trees, at size 8 with --no-jit: 452 -> 357 M instructions a run).
    The cache is filled by `Translations.construct` (eva/interp/direct.py) and emptied when
    any class's members change (`forget_methods`), which may change the constructor a class
    finds."""

    __slots__ = ("cls", "constructor", "__weakref__")

    def __init__(self):
        self.forget()

    def forget(self) -> None:
        self.cls = NO_CLASS  # (not None: `(new null)` must miss, into new's type error)
        self.constructor = None


NO_CLASS = object()
"""An empty ConstructSite's class: no Eva value is this object."""


def forget_methods() -> None:
    """A class's members changed: a method any site holds may be stale (a method replaced,
    or one added to a subclass that now overrides its parent's). Classes change their
    members rarely (programs define methods in the class form), so every cache forgets."""
    for cache in MEMBER_CACHES:
        cache.forget()
    MEMBER_CACHES.clear()


def attach_sites(code) -> None:
    """Give the interpreter's copy of `code`'s instructions (`code.insns`) the property
    instructions' sites as their operands, so the dispatch loop uses and fills the same
    caches as the other tiers (the bytecode and `code.generic_insns` keep the names)."""
    insns = code.insns
    for pc, (op, arg) in enumerate(insns):
        if op in PROPERTY_OPS:
            insns[pc] = (op, site_for(code, pc, arg))


def site_for(code, pc: int, name: str) -> PropertySite:
    """The site of the property instruction at `pc` of `code` (made on first use)."""
    sites = code.property_sites
    site = sites.get(pc)
    if site is None:
        site = sites[pc] = PropertySite(name)
    return site
