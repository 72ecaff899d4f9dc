"""The Eva heap and its mark-sweep collector (eva/heap.py, SPEC.md section 8).

- Every edge kind keeps its target alive under `gc_stress` + `gc_check` (collect at every
  allocation, poison what is swept), and each test program really depends on its edge: with
  a marker that skips that one edge, the same program goes wrong.
- Dropped cycles are freed by the Eva collector, with Python's cycle collector disabled.
- Statistics, checking mode, and bounded memory over a million dropped cyclic structures.
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

import eva
from eva.cli import execute
from eva.config import Options
from eva.heap import INITIAL_THRESHOLD, Heap
from eva.objects import Cell, Class, Function, HeapObject, Instance, List, Native

ROOT = Path(__file__).resolve().parent.parent

CHURN = "(for (var i 0) (< i 30) (++ i) (list i (+ \"s\" \"t\")))\n"
"""Allocations that trigger collections (every one collects under gc_stress)."""

EDGE_PROGRAMS = {
    # a value reachable only through a closure's captured cell
    "closure_cell": ("""
        (def make () (begin (var data (list 1 (+ "a" "b") 3)) (lambda () data)))
        (var get (make))
        """ + CHURN + """
        (print (get) (len (get)))""", '[1, "ab", 3] 3\n'),
    # a counter cell holding an integer: only the function -> cell edge matters
    "closure_counter": ("""
        (def counter () (begin (var n 0) (lambda () (++ n))))
        (var c (counter))
        (c)
        """ + CHURN + """
        (c)
        (print (c))""", "3\n"),
    # an instance reachable only through a class property, holding a list in a field
    "class_property": ("""
        (class Box null (def constructor (self v) (set (prop self v) v)))
        (class Holder null)
        (set (prop Holder kept) (new Box (list "payload" (+ "x" "y"))))
        """ + CHURN + """
        (print (prop (prop Holder kept) v))""", '["payload", "xy"]\n'),
    # list elements: nested lists and a runtime string
    "list_elements": ("""
        (var outer (list (list 1 2) (+ "a" "b") (list (list 3))))
        """ + CHURN + """
        (print outer)""", '[[1, 2], "ab", [[3]]]\n'),
    # a class reachable only from its instance (the class was local to a finished call)
    "instance_class": ("""
        (def make () (begin (class Tmp null (def get (self) 5)) (new Tmp)))
        (var p (make))
        """ + CHURN + """
        (print p ((prop p get) p))""", "<Tmp instance> 5\n"),
    # a superclass reachable only through its subclass; methods only through their class
    "superclass": ("""
        (def make ()
          (begin
            (class A null (def hi (self) (+ "A-" "hi")))
            (class B A (def own (self) "B-own"))
            B))
        (var B (make))
        """ + CHURN + """
        (var b (new B))
        (print ((prop b hi) b) ((prop b own) b) (super B))""", "A-hi B-own <class A>\n"),
}

EDGE_DEPENDENCIES = [
    ("closure_cell", "function-cells"), ("closure_cell", "cell-value"),
    ("closure_counter", "function-cells"),
    ("class_property", "class-members"), ("class_property", "instance-fields"),
    ("list_elements", "list-items"),
    ("instance_class", "instance-class"),
    ("superclass", "class-parent"), ("superclass", "class-members"),
]


def run_program(source: str, **options) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = execute(source, "gc.eva", Options.from_env(environ={}, **options), print_value=False,
                     stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def stressed_vm(**options) -> eva.VM:
    return eva.VM(Options.from_env(environ={}, jit=False, gc_stress=True, gc_check=True, **options),
                  stdout=io.StringIO())


# -- every edge keeps its target alive -----------------------------------------------------------

@pytest.mark.parametrize("name", list(EDGE_PROGRAMS))
def test_edge_keeps_target_alive_under_stress(name):
    source, expected = EDGE_PROGRAMS[name]
    assert run_program(source, jit=False, gc_stress=True, gc_check=True) == (0, expected, "")


@pytest.mark.parametrize("name", list(EDGE_PROGRAMS))
def test_edge_programs_without_stress(name):
    source, expected = EDGE_PROGRAMS[name]
    assert run_program(source, jit=False) == (0, expected, "")


def edges(obj):
    """(edge kind, targets) of one heap object: the collector's graph, spelled out."""
    kind = type(obj)
    if kind is List:
        return [("list-items", obj.items)]
    if kind is Instance:
        return [("instance-class", [obj.cls]), ("instance-fields", list(obj.values))]
    if kind is Cell:
        return [("cell-value", [obj.value])]
    if kind is Function:
        return [("function-cells", list(obj.cells)), ("code", list(obj.code.heap_constants))]
    if kind is Class:
        return [("class-parent", [obj.parent]), ("class-members", list(obj.members.values()))]
    return []


def marker_without(missing: str | None):
    """A replacement for Heap.mark that follows every edge except the `missing` kind."""
    def mark(self, extra_roots=()):
        work = [value for value in extra_roots if isinstance(value, HeapObject)]
        for source in self.root_sources:
            work.extend(value for value in source() if isinstance(value, HeapObject))
        while work:
            obj = work.pop()
            if obj.marked:
                continue
            obj.marked = True
            for kind, targets in edges(obj):
                if kind != missing:
                    work.extend(t for t in targets if isinstance(t, HeapObject))
    return mark


def outcome_with_marker(monkeypatch, name: str, missing: str | None):
    monkeypatch.setattr(Heap, "mark", marker_without(missing))
    try:
        return run_program(EDGE_PROGRAMS[name][0], jit=False, gc_stress=True, gc_check=True)
    except Exception as error:  # EvaInternalError from a poisoned object, or worse
        return ("raised", type(error).__name__, str(error))


@pytest.mark.parametrize("name", list(EDGE_PROGRAMS))
def test_reference_marker_matches_the_collector(monkeypatch, name):
    """Control for the test below: the spelled-out marker with no edge missing works."""
    assert outcome_with_marker(monkeypatch, name, None) == (0, EDGE_PROGRAMS[name][1], "")


@pytest.mark.parametrize("name, edge", EDGE_DEPENDENCIES, ids=[f"{n}-{e}" for n, e in EDGE_DEPENDENCIES])
def test_each_program_depends_on_its_edge(monkeypatch, name, edge):
    outcome = outcome_with_marker(monkeypatch, name, edge)
    assert outcome != (0, EDGE_PROGRAMS[name][1], ""), f"{name} does not need the {edge} edge"


def test_globals_survive_between_runs_of_one_vm():
    vm = stressed_vm()
    vm.run("(var keep (list (+ \"a\" \"b\") (list 1)))")
    vm.run("(var junk 0) (while (< junk 20) (begin (list junk) (set junk (+ junk 1))))")
    vm.heap.collect()
    assert eva.display(vm.run("keep")) == '["ab", [1]]'


def test_values_held_only_by_interpreter_frames_survive():
    # the list lives only in a local slot and on the operand stack while `churn` allocates
    source = """
        (def churn () (begin (var i 0) (while (< i 30) (begin (list i) (++ i))) i))
        (def f () (begin (var mine (list "kept")) (+ (churn) (len mine))))
        (print (f) (+ (len (list 1 2)) (churn)))"""
    assert run_program(source, jit=False, gc_stress=True, gc_check=True) == (0, "31 32\n", "")


def test_constructor_instance_and_arguments_survive():
    source = """
        (class P null
          (def constructor (self a b)
            (begin (list 1) (list 2) (set (prop self sum) (+ (len a) (len b))))))
        (print (prop (new P (list 1 2) (list (+ "x" "y"))) sum))"""
    assert run_program(source, jit=False, gc_stress=True, gc_check=True) == (0, "3\n", "")


# -- cycles are freed -----------------------------------------------------------------------------

CYCLES = """
    (class Node null)
    (def churn (n)
      (begin
        (var i 0)
        (while (< i n)
          (begin
            (var l (list i))
            (push l l)
            (var a (new Node))
            (var b (new Node))
            (set (prop a other) b)
            (set (prop b other) a)
            (++ i)))
        n))
"""


def count_host_objects(kind) -> int:
    return sum(1 for obj in gc.get_objects() if type(obj) is kind)


def test_dropped_cycles_are_freed_by_the_eva_collector():
    vm = eva.VM(Options.from_env(environ={}, jit=False))
    vm.run(CYCLES)
    was_enabled = gc.isenabled()
    gc.disable()  # nothing but the Eva collector (and reference counting) may free them
    try:
        lists_before = count_host_objects(List)
        instances_before = count_host_objects(Instance)
        freed_before = vm.heap.stats.objects_freed
        assert vm.run("(churn 2000)") == 2000
        vm.heap.collect()
        assert vm.heap.stats.objects_freed - freed_before >= 6000
        assert len(vm.heap.objects) <= 4    # the class Node and the function churn remain
        assert count_host_objects(List) <= lists_before + 1  # memory really was returned
        assert count_host_objects(Instance) <= instances_before
    finally:
        if was_enabled:
            gc.enable()


def test_cycles_are_freed_during_a_run_under_stress():
    vm = stressed_vm()
    vm.run(CYCLES)
    vm.run("(churn 200)")
    assert vm.heap.stats.collections >= 600
    assert vm.heap.stats.objects_freed >= 590  # all but the last iteration's three
    assert len(vm.heap.objects) <= 10


# -- statistics -----------------------------------------------------------------------------

def test_allocation_statistics_are_exact():
    vm = eva.VM(Options.from_env(environ={}, jit=False))
    vm.run('(var a (list 1)) (var b (+ "x" "y"))')
    stats = vm.heap.stats
    # the script's closure (64 bytes), the list (72 + 8), the string "xy" (56 + 2)
    assert (stats.allocations, stats.bytes_allocated, stats.collections) == (3, 202, 0)
    vm.heap.collect()  # the script closure is garbage now; a and b are globals
    assert (stats.collections, stats.objects_freed, stats.bytes_freed) == (1, 1, 64)
    assert (stats.live_objects, stats.live_bytes, stats.peak_bytes) == (2, 138, 202)


GROWING = """
(class Body null
  (def constructor (self x y)
    (begin (set (prop self x) x) (set (prop self y) y) (set (prop self trail) (list)))))
(def step (i)
  (begin
    (var b (new Body i 1.5))
    (for (var j 0) (< j 5) (++ j) (push (prop b trail) j))
    (prop b x)))
(var keep (new Body 0 0.5))
(var s 0)
(for (var i 0) (< i 300) (++ i) (begin (+= s (step i)) (push (prop keep trail) i)))
(print s)
"""
"""Objects that grow after their allocation (an instance's fields, a list's pushes), most of
them dropped, some kept: the accounting must see the growth of both."""


def balanced(stats) -> bool:
    return stats.bytes_allocated == stats.bytes_freed + stats.live_bytes


@pytest.mark.parametrize("options", [{"jit": False}, {"jit_always": True, "jit_cache": False}],
                         ids=["interpreter", "jit"])
def test_bytes_freed_never_exceed_bytes_allocated_when_objects_grow(options):
    out = io.StringIO()
    vm = eva.VM(Options.from_env(environ={}, gc_stress=True, **options), stdout=out)
    vm.run(GROWING)
    stats = vm.heap.live_summary()
    assert out.getvalue() == "44850\n"
    assert stats.collections > 600 and stats.objects_freed > 590  # all but the last few
    assert stats.bytes_freed <= stats.bytes_allocated and balanced(stats), stats.render()
    # the kept body, at its size now: 120 bytes + 40 a field; its trail, 72 + 8 an item
    assert stats.live_bytes >= 120 + 3 * 40 + 72 + 300 * 8


def test_gc_stats_of_nbody_add_up():
    """benchmarks/programs/nbody.eva at a small size: its bodies get their fields after they
    are allocated, and the report at exit measured them grown against their size at birth
    (allocated 1320 bytes, live 2720)."""
    source = (ROOT / "benchmarks" / "programs" / "nbody.eva").read_text()
    source = source.replace("(var SIZE 200000)", "(var SIZE 100)")
    out, err = io.StringIO(), io.StringIO()
    status = execute(source, "nbody.eva", Options.from_env(environ={}, gc_stats=True,
                                                           jit_cache=False), False, out, err)
    assert status == 0 and out.getvalue() == "-0.16907516382852447 -0.1690507623824094\n"  # nbody.py 100
    numbers = {line.split()[0]: [int(word) for word in line.replace(",", "").split()
                                 if word.isdigit()]
               for line in err.getvalue().splitlines()[1:]}
    allocated, freed, live = numbers["allocations"][1], numbers["freed"][1], numbers["live"][1]
    assert allocated == freed + live, err.getvalue()


def test_stress_collects_at_every_allocation():
    vm = stressed_vm()
    vm.run('(var a (list 1)) (var b (+ "x" "y"))')
    stats = vm.heap.stats
    assert stats.allocations == 3 and stats.collections == 3
    assert stats.objects_freed == 0 and stats.live_objects == 3
    assert stats.pause_seconds > 0 and stats.max_pause_seconds <= stats.pause_seconds


def test_threshold_triggers_collection_without_stress_and_keeps_live_data():
    vm = eva.VM(Options.from_env(environ={}, jit=False))
    count = INITIAL_THRESHOLD // 80 + 5_000  # lists of 72 + 8 bytes: past the first threshold
    source = f"""
        (var keep (list))
        (var i 0)
        (while (< i {count}) (begin (push keep (list i)) (set i (+ i 1))))
        (var total 0)
        (set i 0)
        (while (< i {count}) (begin (set total (+ total (idx (idx keep i) 0))) (set i (+ i 1))))
        total"""
    assert vm.run(source) == count * (count - 1) // 2
    stats = vm.heap.stats
    assert stats.collections >= 1
    assert vm.heap.threshold >= INITIAL_THRESHOLD
    assert stats.live_objects > 50_000      # at the last collection, the kept lists were live
    assert len(vm.heap.objects) >= count    # every kept list survived the collections


def test_live_summary_reports_the_current_heap():
    vm = eva.VM(Options.from_env(environ={}, jit=False))
    vm.run("(var keep (list 1 2)) (var more (list keep keep))")
    stats = vm.heap.live_summary()
    assert stats.live_objects == len(vm.heap.objects) == 3
    assert stats.live_bytes == sum(obj.size() for obj in vm.heap.objects) == 64 + 88 + 88


def test_gc_stats_report_text():
    vm = stressed_vm()
    vm.run("(list 1 2)")
    text = vm.heap.stats.render()
    assert text.split("\n")[0] == "gc stats:"
    assert "  allocations      2 objects, 152 bytes" in text
    assert "  collections      2" in text


# -- checking mode --------------------------------------------------------------------------

@pytest.mark.parametrize("source, type_name, touch", [
    ("(list 1 2)", "list", lambda obj: obj.items[0]),
    ("(list 1 2)", "list", eva.display),
    ('(+ "a" "b")', "string", lambda obj: obj.text.upper()),
    ('(+ "a" "b")', "string", lambda obj: len(obj.text)),
    ("(begin (class K null) (new K))", "instance", lambda obj: obj.field("x")),
    ("(begin (class K null) (new K))", "instance", eva.display),
    ("(begin (class K null) K)", "class", lambda obj: obj.members.get("x")),
    ("(begin (class K null) K)", "class", lambda obj: obj.lookup("x")),
    ("(lambda () 1)", "function", lambda obj: obj.cells[0]),
    ("(lambda () 1)", "function", eva.display),
])
def test_swept_object_use_raises_internal_error_naming_it(source, type_name, touch):
    vm = eva.VM(Options.from_env(environ={}, jit=False, gc_check=True))
    obj = vm.run(source)
    vm.heap.collect()  # nothing roots `obj`: it is swept and poisoned
    assert obj not in vm.heap.objects
    with pytest.raises(eva.EvaInternalError) as info:
        touch(obj)
    assert f"{type_name}@{id(obj):#x}" in str(info.value)


def test_printing_a_swept_string_raises_internal_error_naming_it():
    """A swept string's text is poisoned; showing it must fail as loudly as any other use
    (SPEC 8: "any later use fails loudly"), with the internal error that names the object."""
    vm = eva.VM(Options.from_env(environ={}, jit=False, gc_check=True))
    obj = vm.run('(+ "a" "b")')
    vm.heap.collect()
    with pytest.raises(eva.EvaInternalError) as info:
        eva.display(obj)
    assert f"string@{id(obj):#x}" in str(info.value)


def test_reachable_objects_are_not_poisoned():
    vm = eva.VM(Options.from_env(environ={}, jit=False, gc_check=True))
    lst = vm.run("(var keep (list 1 2)) keep")
    vm.heap.collect()
    vm.heap.collect()
    assert lst.items == [1, 2] and eva.display(lst) == "[1, 2]"


def test_without_checking_swept_objects_are_cleared_not_poisoned():
    vm = eva.VM(Options.from_env(environ={}, jit=False))
    lst = vm.run("(var l (list 1)) (push l l) (set l null) (var x 0) (list 5 6)")
    vm.heap.collect()
    assert lst.items == []  # edges cut so reference counting frees cycles


def test_unknown_heap_object_is_an_internal_error():
    class Stranger(HeapObject):
        __slots__ = ()

    vm = eva.VM(Options.from_env(environ={}, jit=False))
    stranger = Stranger()
    stranger.marked = False
    vm.define_global("stranger", stranger)
    with pytest.raises(eva.EvaInternalError, match="unknown object"):
        vm.heap.collect()


# -- Python's cycle collector -----------------------------------------------------------------

def test_python_gc_is_disabled_during_runs_and_restored():
    seen = []
    vm = eva.VM(Options.from_env(environ={}, jit=False))
    vm.define_global("probe", vm.heap.permanent(Native("probe", 0, lambda: seen.append(gc.isenabled()))))
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        vm.run("(probe)")
        assert seen == [False] and gc.isenabled()
        with pytest.raises(eva.EvaRuntimeError):
            vm.run("(probe) (/ 1 0)")
        assert seen == [False, False] and gc.isenabled()
        gc.disable()
        vm.run("(probe)")
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


MEMORY_SCRIPT = """
import gc, resource, sys
import eva
from eva.config import Options
n = int(sys.argv[1])
vm = eva.VM(Options.from_env(environ={}, jit=False))
value = vm.run('''
(var i 0)
(while (< i %d)
  (begin
    (var l (list i))
    (push l l)
    (set i (+ i 1))))
i''' % n)
assert value == n, value
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, gc.isenabled(),
      vm.heap.stats.collections, vm.heap.stats.objects_freed)
"""


def test_memory_stays_bounded_over_a_million_dropped_cycles():
    """1,000,000 self-containing lists are built and dropped with Python's cycle collector
    disabled (the VM disables it during runs): peak RSS must stay near that of 100,000.
    Without the Eva collector freeing them, a million lists would need well over 150 MB.
    Interpreter only (--no-jit); the two runs go in parallel, about 7 s on a 2-core machine."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVA_")}
    processes = {n: subprocess.Popen([sys.executable, "-c", MEMORY_SCRIPT, str(n)], cwd=ROOT,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
                 for n in (100_000, 1_000_000)}
    results = {}
    for n, process in processes.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        rss_kb, enabled, collections, freed = out.split()
        assert enabled == "True"  # restored after the run
        results[n] = (int(rss_kb), int(collections), int(freed))
    small, large = results[100_000], results[1_000_000]
    assert large[1] >= 5 and large[2] >= 900_000
    assert large[0] < 2 * small[0], f"peak RSS {small[0]} KB for 100k, {large[0]} KB for 1M"


@pytest.mark.parametrize("translate", [False, True])
def test_old_versions_of_a_redefined_function_are_collected(translate):
    """A REPL session redefining a function: each version's code is host memory that only
    64-byte function objects hold, so the heap counts the code made toward its next
    collection (Heap.charge_code); without that, 800 definitions never reached the first
    collection's 4 MB and every version stayed."""
    vm = eva.VM(jit=False, translate=translate, translate_threshold=2, stdout=io.StringIO())
    vm.run("(def f (x) (* x 0))")
    first = weakref.ref(vm.get_global("f").code)
    for version in range(1, 800):
        vm.run(f"(def f (x) (* x {version}))")
        vm.run("(f 1) (f 2) (f 3)")
    assert vm.heap.stats.collections >= 1 and vm.heap.stats.code_bytes > INITIAL_THRESHOLD
    assert first() is None
    assert vm.run("(f 2)") == 1598
