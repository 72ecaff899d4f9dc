"""Shapes and property inline caches (eva/shapes.py): instances share a shape when they got
the same fields in the same order, and each property instruction's cache makes the tiers that
use it (translated code, native code) miss only when the shape changes."""

from __future__ import annotations

import io
import sys

import pytest

import eva
from eva.objects import Class, Instance, String
from eva.shapes import EMPTY, MEMBER, POLYMORPHIC, PropertySite

POINTS = """
(class P null
  (def constructor (self x y) (begin (set (prop self x) x) (set (prop self y) y)))
  (def norm1 (self) (+ (prop self x) (prop self y))))
(def make (a b) (new P a b))
"""


def instance(names_values: list) -> Instance:
    obj = Instance(Class("K", None, {}))
    for name, value in names_values:
        obj.store(name, value)
    return obj


def test_instances_with_the_same_fields_in_the_same_order_share_a_shape():
    a = instance([("x", 1), ("y", 2)])
    b = instance([("x", 3), ("y", 4)])
    c = instance([("y", 5), ("x", 6)])
    assert a.shape is b.shape
    assert c.shape is not a.shape
    assert a.shape.names == ("x", "y") and c.shape.names == ("y", "x")
    assert (a.values, c.values) == ([1, 2], [5, 6])
    assert c.field("x") == 6 and a.field("x") == 1


def test_writing_a_field_it_has_keeps_the_shape():
    a = instance([("x", 1), ("y", 2)])
    shape = a.shape
    a.store("x", 10)
    assert a.shape is shape and a.values == [10, 2]
    assert EMPTY.adding("x").adding("y") is shape


def test_a_site_remembers_the_last_shape_and_where_its_field_is():
    a = instance([("x", 1), ("y", 2)])
    site = PropertySite("y")
    words = site.native_words()
    eva.operations.get_property_at(a, site)
    assert (site.shape, site.index) == (a.shape, 1)
    assert (words[0], words[1]) == (id(a.shape), 1)
    assert site.shapes == {a.shape: 1} and (words[4], words[5]) == (id(a.shape), 1)
    write = PropertySite("z")
    before = a.shape
    eva.operations.set_property_at(a, write, 3)
    assert (write.before, write.after) == (before, a.shape)
    assert write.native_words()[2:4] == [id(before), id(a.shape)]


def test_a_site_keeps_the_first_shapes_it_meets_for_native_code():
    """Up to POLYMORPHIC shapes, each with where the field lies, in the order met, in its
    words too (made before or after): the last met stays in words 0 and 1."""
    objs = [instance([(f"pad{k}", 0) for k in range(pads)] + [("v", pads)])
            for pads in range(POLYMORPHIC + 2)]
    site = PropertySite("v")
    early = site.native_words()
    for obj in objs + objs:
        assert eva.operations.get_property_at(obj, site) == obj.values[-1]
    expected = {obj.shape: pads for pads, obj in enumerate(objs[:POLYMORPHIC])}
    assert site.shapes == expected and site.misses == 2 * len(objs)
    late = PropertySite("v")
    late.shapes, late.seen, late.index = dict(expected), objs[-1].shape, POLYMORPHIC + 1
    for words in (early, late.native_words()):
        assert list(words[4:]) == [word for shape, index in expected.items()
                                   for word in (id(shape), index)]
    assert (early[0], early[1]) == (id(objs[-1].shape), POLYMORPHIC + 1)


def test_a_site_that_finds_a_method_caches_that_it_is_no_field():
    cls = Class("K", None, {"m": 42})
    obj = Instance(cls)
    site = PropertySite("m")
    words = site.native_words()
    assert eva.operations.get_property_at(obj, site) == 42
    assert site.shape is None  # translated code misses: the class decides
    assert (words[0], words[1]) == (id(EMPTY), MEMBER)


LOOP = POINTS + """
(def run (n)
  (begin
    (var p (make 1 2))
    (var s 0)
    (var i 0)
    (while (< i n)
      (begin
        (set (prop p x) (+ (prop p x) 1))
        (set s (+ s ((prop p norm1) p)))
        (set i (+ i 1))))
    s))
(run 2) (run 2) (run 2)
(run 3000)
"""


def sites(vm, name: str) -> list:
    code = vm.globals.cells[name].value.code
    return list(code.property_sites.values())


@pytest.mark.parametrize("mode", ["translated", "native"])
def test_a_hot_monomorphic_site_misses_only_while_it_warms_up(mode):
    """3,000 iterations, one shape: each site of `run` missed at most twice (the first time,
    and when the tier that fills it changes), so the hits went through the cache. (Translated
    code caches fields only: its method read, `norm1`, asks the class every time, and finds
    the cache unchanged.)"""
    if mode == "native":
        pytest.importorskip("llvmlite")
        vm = eva.VM(jit_always=True, jit_cache=False, jit_strict=True, stdout=io.StringIO())
    else:
        vm = eva.VM(jit=False, stdout=io.StringIO())
    assert vm.run(LOOP) == sum(k + 1 + 2 for k in range(1, 3001))
    run_sites = sites(vm, "run")
    assert {site.name for site in run_sites} == {"x", "norm1"}
    assert all(site.misses <= 2 for site in run_sites), run_sites
    if mode == "native":
        assert any(label.startswith("run(") for label in vm.jit.stats.compiled)
    else:
        assert vm.globals.cells["run"].value.code.translated is not None


def test_a_site_meeting_two_shapes_in_turn_misses_at_each_change():
    """The cache holds one shape (monomorphic): the test above can fail."""
    vm = eva.VM(jit=False, stdout=io.StringIO())
    vm.run("""
(class A null (def constructor (self) (set (prop self v) 1)))
(class B null (def constructor (self) (begin (set (prop self w) 0) (set (prop self v) 2))))
(def total (objs n)
  (begin (var s 0) (var i 0)
    (while (< i n) (begin (set s (+ s (prop (idx objs (% i 2)) v))) (set i (+ i 1))))
    s))
(var objs (list (new A) (new B)))
(total objs 2) (total objs 2)
(total objs 1000)""")
    (site,) = sites(vm, "total")
    assert site.misses > 1000


POLYMORPHIC_LOOP = """
(class A null (def constructor (self) (set (prop self v) 1)))
(class B null (def constructor (self) (begin (set (prop self w) 0) (set (prop self v) 2))))
(class C null (def constructor (self) (begin (set (prop self u) 0) (set (prop self w) 0)
                                             (set (prop self v) 3))))
(def total (objs n)
  (begin (var s 0) (var i 0)
    (while (< i n)
      (begin
        (var o (idx objs (% i 3)))
        (set (prop o v) (+ (prop o v) 1))
        (set s (+ s (prop o v)))
        (set i (+ i 1))))
    s))
(var objs (list (new A) (new B) (new C)))
"""


def test_native_code_tests_the_shapes_a_polymorphic_site_has_met():
    """Three classes whose `v` lies at three places: the sites of `total` met all three
    shapes while interpreted, and the unit compiled at its third call tests the three in
    turn (shapes.PropertySite.shapes), so 3,000 accesses miss no more (the dispatch loop's
    cache, the last shape only, missed at each one before: the test above)."""
    pytest.importorskip("llvmlite")
    vm = eva.VM(translate=False, jit_threshold=3, jit_cache=False, jit_strict=True,
                stdout=io.StringIO())
    vm.run(POLYMORPHIC_LOOP)
    assert vm.run("(+ (total objs 3) (total objs 3))") == (2 + 3 + 4) + (3 + 4 + 5)
    assert vm.jit is None
    run_sites = sites(vm, "total")
    assert len(run_sites) == 3 and all(len(site.shapes) == 3 for site in run_sites)
    misses = [site.misses for site in run_sites]
    assert vm.run("(total objs 3000)") == sum((3, 4, 5)[k % 3] + k // 3 + 1 for k in range(3000))
    assert any(label.startswith("total(") for label in vm.jit.stats.compiled)
    assert [site.misses for site in run_sites] == misses


NATIVE_WRITES = """
(class Box null (def constructor (self) (set (prop self first) 0)))
(def fill (v n)
  (begin
    (var boxes (list))
    (var i 0)
    (while (< i n)
      (begin
        (var b (new Box))
        (set (prop b held) v)
        (set (prop b held) v)
        (set (prop b first) v)
        (push boxes b)
        (set i (+ i 1))))
    (len boxes)))
(fill value 300)
"""


def test_native_property_writes_count_the_references_they_store_and_drop():
    """Native code adds a field (append and new shape) and writes fields in place (the old
    value released) 300 times each; once the instances are garbage, the value's count is
    back to its baseline."""
    pytest.importorskip("llvmlite")
    vm = eva.VM(jit_always=True, jit_cache=False, jit_strict=True, stdout=io.StringIO())
    value = vm.heap.alloc(String("held"))
    vm.define_global("value", value)
    vm.heap.collect()
    baseline = sys.getrefcount(value)
    assert vm.run(NATIVE_WRITES) == 300
    assert any(label.startswith("fill(") for label in vm.jit.stats.compiled)
    held = [site for site in sites(vm, "fill") if site.name == "held"]
    assert len(held) == 2 and all(site.misses <= 2 for site in held)
    vm.heap.collect()
    assert sys.getrefcount(value) == baseline


def test_a_read_site_remembers_a_method_per_class_until_a_class_changes():
    """The site of `(prop self scale)` in a method two classes run holds both classes'
    methods; writing any class's member empties every site's method cache."""
    vm = eva.VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run("""
    (class A null (def constructor (self) (set (prop self k) 1)) (def scale (self) 1)
      (def twice (self) (* 2 ((prop self scale) self))))
    (class B A (def scale (self) 5))
    (var a (new A)) (var b (new B))
    (def both () (+ ((prop a twice) a) ((prop b twice) b)))
    """)
    assert vm.run("(both)") == 12
    twice = vm.get_global("A").members["twice"].code
    [site] = [s for s in twice.property_sites.values() if s.name == "scale"]
    assert {cls.name for cls in site.methods} == {"A", "B"}
    vm.run("(set (prop B other) 0)")
    assert site.methods == {} and site.method_class is None
    assert vm.run("(both)") == 12
