"""Boxed values in native code (lowering.py, "Boxed values"): the references compiled frames own
are counted right on every way out of a frame, and the collector sees every object a running
native frame holds."""

from __future__ import annotations

import io
import sys

import pytest

import eva
from eva.errors import EvaRuntimeError
from references import held_value, interrupt_at, references

pytest.importorskip("llvmlite")


def vm_for(**options):
    return eva.VM(jit_always=True, jit_cache=False, jit_strict=True, stdout=io.StringIO(),
                  **options)


def compiled(vm) -> list:
    return vm.jit.stats.compiled


HOLDS_ONLY_REFERENCES = """
(class Box null (def constructor (self v) (set (prop self v) v)))
(def hold (n)
  (begin
    (var items (list 1 2 n))
    (var box (new Box 7))
    (var add (lambda (x) (+ x n)))
    (var text (+ "ab" "cd"))
    (var i 0)
    (while (< i 40)
      (begin (var junk (list i i i)) (set i (+ i 1))))
    (+ (+ (idx items 2) (prop box v)) (+ (add 1) (len text)))))
(print (hold 5))
"""


def test_a_collection_inside_native_code_keeps_the_objects_only_its_frame_holds():
    """Under GC stress every allocation collects (with poisoning: a swept object fails on
    use); `hold` runs natively and its list, instance, closure and string are referenced
    from nowhere but its frame while the loop allocates."""
    vm = vm_for(gc_stress=True, gc_check=True)
    vm.run(HOLDS_ONLY_REFERENCES)
    assert vm.stdout.getvalue() == "22\n"  # 5 + 7 + 6 + 4
    assert any(label.startswith("hold(") for label in compiled(vm))
    assert vm.gc_stats().collections > 40


def test_the_collector_scans_native_frames_root_areas():
    """The same program with the JIT's roots hidden from the collector fails: the test above
    can fail."""
    vm = vm_for(gc_stress=True, gc_check=True)
    original = vm.heap.add_root_source

    def without_jit_roots(source):
        if getattr(source, "__qualname__", "") != "Runtime.roots":
            original(source)
    vm.heap.add_root_source = without_jit_roots
    with pytest.raises(Exception, match="swept"):
        vm.run(HOLDS_ONLY_REFERENCES)


PASS_THROUGH = """
(def keep (v n) (begin (var l (list v v)) (var w (idx l 0)) (+ n 1)))
(def pass (v) (begin (var i 0) (while (< i 300) (set i (keep v i))) i))
(pass value)
"""


OSR_LOOP = """
(var kept 0)
(var j 0)
(while (< j 300) (begin (var l (list value j)) (set kept (idx l 0)) (set j (+ j 1))))
(set kept null)
j
"""


@pytest.mark.parametrize("options", [{}, {"deopt_every": 3}], ids=["normal", "deopts"])
def test_references_return_to_their_baseline_after_a_loop_unit_exits(options):
    """A loop at the top level runs as an OSR unit, which leaves through its loop exit (a
    deopt to the interpreter at the instruction after the loop)."""
    vm = vm_for(**options)
    value = held_value(vm)
    baseline = references(vm, value)
    assert vm.run(OSR_LOOP) == 300
    assert any(" loop@" in label for label in compiled(vm))
    if options:  # forced deopts leave it before its exit
        assert sum(vm.jit.stats.forced.values()) > 0
    else:
        assert vm.jit.stats.loop_exits == 1
    assert references(vm, value) == baseline


@pytest.mark.parametrize("options", [{}, {"deopt_every": 3}], ids=["normal", "deopts"])
def test_references_of_values_through_native_code_return_to_their_baseline(options):
    vm = vm_for(**options)
    value = held_value(vm)
    vm.run("(var warm 0)")
    baseline = references(vm, value)
    assert vm.run(PASS_THROUGH) == 300
    assert any(label.startswith("keep(") for label in compiled(vm))
    if options:
        assert sum(vm.jit.stats.forced.values()) > 0
    vm.run("(set value null)")
    vm.define_global("value", value)
    assert references(vm, value) == baseline


def test_references_are_dropped_when_an_error_leaves_native_frames():
    vm = vm_for()
    value = held_value(vm)
    baseline = references(vm, value)
    message = None
    try:
        vm.run("""
(def inner (v) (begin (var l (list v v v)) (prop v missing)))
(def outer (v) (begin (var w v) (+ (inner w) 1)))
(outer value)""")
    except EvaRuntimeError as error:
        message = str(error)
    assert "cannot read property 'missing' of string" in message
    assert any(label.startswith("inner(") for label in compiled(vm))
    assert references(vm, value) == baseline


def test_references_are_dropped_when_ctrl_c_leaves_native_frames():
    vm = vm_for()
    value = held_value(vm)
    interrupt_at(vm, 50)
    baseline = references(vm, value)
    interrupted = False
    try:  # (not pytest.raises: its record of the exception keeps the interpreter's frames)
        vm.run("""
(def spin (v) (begin (var l (list v v)) (var i 0) (while true (begin (tick) (set i (+ i 1))))))
(spin value)""")
    except KeyboardInterrupt:
        interrupted = True
    assert interrupted
    assert any(label.startswith("spin(") for label in compiled(vm))
    assert references(vm, value) == baseline
    assert vm.jit.backend.runtime.roots_top.value == 0  # every root area was popped


def test_root_areas_are_popped_on_every_way_out():
    """After normal returns, deopts and errors the shadow stack is empty again, and every
    word above its top is clear (what a frame pushed later relies on)."""
    vm = vm_for(deopt_every=5)
    with pytest.raises(EvaRuntimeError):
        vm.run("""
(def f (x) (begin (var s (+ "a" "b")) (if (< x 290) (+ x 1) (idx (list) x))))
(var i 0)
(while true (set i (f i)))""")
    runtime = vm.jit.backend.runtime
    assert runtime.roots_top.value == 0
    assert not any(runtime.roots_area[:4096])


def test_eva_ir_names_the_runtime_functions_operations_call():
    """A reader of the IR sees which operations went to the runtime, and which function."""
    vm = vm_for(jit_keep_ir=True)
    vm.run("""
(class P null (def constructor (self x) (set (prop self x) x)))
(def f (p s) (+ (len s) (prop p x)))
(print (f (new P 2) "abc"))""")
    text = "\n".join(ir for header, ir in vm.jit_ir("f", stage="pre"))
    assert "; GET_PROP 'x' at 000C: runtime rt_get_prop" in text
    assert "; CALL 1 at 0006: runtime rt_call_value" in text
    assert '@"obj_rt_get_prop.addr"' in text and "PyDict_GetItem" in text


LIST_WRITES = """
(def churn (v n)
  (begin
    (var items (list 0 0 0))
    (var i 0)
    (while (< i n)
      (begin
        (set (idx items (% i 3)) v)
        (set (idx items (% (+ i 1) 3)) i)
        (set (idx items -1) (idx items (% i 3)))
        (set i (+ i 1))))
    (idx items 0)))
(churn value 300)
"""


def test_native_list_element_writes_count_the_references_they_store_and_drop():
    """`set idx` inline stores a new reference and releases the element it replaces, 300
    times over three elements (a negative index goes to the runtime); once the list is
    garbage, the value's count is back to its baseline."""
    vm = vm_for()
    value = held_value(vm)
    baseline = references(vm, value)
    assert vm.run(LIST_WRITES) == 299  # i = 299: items is [299, v, v]
    assert any(label.startswith("churn(") for label in compiled(vm))
    assert "rt_set_index" in "\n".join(ir for header, ir in vm.jit_ir("churn", stage="pre"))
    assert references(vm, value) == baseline


PUSHES = """
(def fill (n)
  (begin
    (var xs (list))
    (while (< (len xs) n) (push xs value))
    (set kept xs)
    (len (push xs (len value)))))
(var kept null)
(fill 300)
"""


def test_push_inline_counts_the_references_it_stores_and_returns():
    """`push` inline (lowering.lower_object_native) stores a new reference per element and
    returns the list with one of its own; while the list lives it holds the value 300 times,
    and once it is garbage the value's count is back to its baseline."""
    vm = vm_for()
    value = held_value(vm)
    vm.run("(var warm 0)")
    baseline = references(vm, value)
    assert vm.run(PUSHES) == 301
    assert any(label.startswith("fill(") for label in compiled(vm))
    assert "PyList_Append" in "\n".join(ir for header, ir in vm.jit_ir("fill", stage="pre"))
    assert references(vm, value) == baseline + 300
    kept = vm.get_global("kept")
    assert sys.getrefcount(kept) == 4  # the global, the heap, `kept` here, the argument
    vm.run("(set kept null)")
    del kept
    assert references(vm, value) == baseline


FLOAT_FIELDS = """
(class P null (def constructor (self x) (set (prop self x) x)))
(def drift (p q n)
  (begin
    (var i 0)
    (while (< i n)
      (begin
        (set (prop p x) (+ (prop p x) 0.5))
        (set (prop q x) (+ (prop q x) 0.25))
        (set i (+ i 1))))
    i))
(var p (new P 1.5))
(var q (new P (* 2.0 1.25)))
(var shared (list (prop q x)))
"""


def test_a_float_field_only_its_instance_holds_is_written_in_place():
    """`set prop` of an unboxed float writes the new value into the float object the field
    holds when nothing else references it (lowering.float_field_write): after 301 writes
    the field holds the object it held before (a new float per write would leave it at
    another address: the old one's goes to the free list, the next write's float comes
    from it, so an odd count ends elsewhere). A float another holder shares (q's, also in
    `shared`) is replaced by a new one at each write, and the holder keeps its value."""
    # (compiled at its third call: the first two show its property sites floats)
    vm = eva.VM(jit_threshold=3, translate=False, jit_cache=False, jit_strict=True,
                stdout=io.StringIO())
    vm.run(FLOAT_FIELDS)
    assert vm.run("(+ (drift p q 1) (drift p q 1))") == 2 and vm.jit is None
    p, q = vm.get_global("p"), vm.get_global("q")
    address = id(p.values[0])  # (no reference kept: the field's is the only one)
    assert vm.run("(drift p q 301)") == 301
    assert any(label.startswith("drift(") for label in compiled(vm))
    assert id(p.values[0]) == address and p.values[0] == 1.5 + 303 * 0.5
    assert q.values[0] == 2.5 + 303 * 0.25
    assert vm.run("(idx shared 0)") == 2.5
    assert sys.getrefcount(p.values[0]) == 3  # the field's, this expression's, the argument's: none leaked


def test_strings_compared_in_native_code_make_no_runtime_call(runtime_calls):
    """`<`, `==` and the others of two strings compare their texts natively
    (Lowerer.string_path), as a loop's branch too; a string and a number still go to the
    runtime (`==` is false, `<` an error)."""
    vm = vm_for()
    vm.run("""
(def tally (xs n)
  (begin (var c 0)
    (for (var i 0) (< i n) (++ i)
      (begin (var a (idx xs (% i 3))) (var b (idx xs (% (+ i 1) 3)))
        (if (< a b) (++ c)) (if (== a b) (++ c)) (if (>= a b) (++ c)) (if (== a 5) (++ c))))
    c))""")
    assert vm.run('(tally (list "a" "b" "a") 300)') == 400
    comparisons = ("rt_less", "rt_equal", "rt_greater_equal", "rt_not_equal")
    assert sum(runtime_calls[name] for name in comparisons) == 300  # (== a 5) only
