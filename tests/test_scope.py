"""Scope analysis (eva/scope.py): globals, locals, cells, slots, free variables, TDZ checks.

The analysis runs on the parser's AST exactly as `Compiler.compile_source` chains it:
reader -> parser -> scope. SPEC.md section 6.
"""

from __future__ import annotations

import io

import pytest

from eva import ast
from eva.cli import execute
from eva.config import Options
from eva.parser import parse
from eva.reader import Reader
from eva.scope import analyze, children


def analyzed(source: str) -> ast.Program:
    reader = Reader(source, "t.eva")
    return analyze(parse(reader.read_all(), "t.eva", reader.lines))


def walk(node):
    yield node
    for child in children(node):
        yield from walk(child)


class Facts:
    """What the analysis decided, in source order, for compact assertions."""

    def __init__(self, source: str):
        self.program = analyzed(source)
        nodes = list(walk(self.program))
        self.names = [n for n in nodes if isinstance(n, ast.Name)]
        self.functions = {n.name: n.function for n in nodes if isinstance(n, ast.Lambda)}
        self.blocks = [n.scope for n in nodes if isinstance(n, (ast.Block, ast.For))]

    def refs(self, name: str) -> list[ast.Name]:
        """Every Name node spelled `name` (declaration targets included), in source order."""
        return [n for n in self.names if n.name == name]

    def var(self, name: str):
        """The one Var every reference to `name` resolves to."""
        found = {id(n.var): n.var for n in self.refs(name)}
        assert len(found) == 1, f"{name} resolves to {list(found.values())}"
        return next(iter(found.values()))

    def kind(self, name: str) -> str:
        var = self.var(name)
        if var is None or var.is_global:
            return "global"
        return "cell" if var.captured else "local"

    def checked(self, name: str) -> list[bool]:
        return [n.checked for n in self.refs(name)]


def run(source: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = execute(source, "t.eva", Options.from_env(environ={}, jit=False),
                     print_value=False, stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


# -- global / local / cell ---------------------------------------------------------------------

def test_outer_block_is_global_and_unknown_names_are_globals():
    facts = Facts("(var g 1) (print g undefined-one)")
    assert facts.kind("g") == "global" and facts.var("g").slot is None
    assert facts.var("print") is None and facts.var("undefined-one") is None
    assert all(facts.checked("g"))  # globals are always looked up and checked by name
    assert facts.program.scope.is_global and set(facts.program.scope.vars) == {"g"}


def test_locals_cells_and_slots_in_a_function():
    facts = Facts("""
        (def f (a b)
          (begin
            (var x 1)
            (var y 2)
            (lambda () (+ x b))))""")
    f = facts.functions["f"]
    assert facts.kind("f") == "global"
    assert [(v.name, v.slot) for v in f.params] == [("a", 1), ("b", 2)]
    assert facts.kind("a") == "local" and facts.kind("b") == "cell"  # b is captured
    assert facts.var("b").is_param
    assert (facts.var("x").slot, facts.kind("x")) == (3, "cell")
    assert (facts.var("y").slot, facts.kind("y")) == (4, "local")
    assert f.nslots == 5 and f.slot_names == {0: "f", 1: "a", 2: "b", 3: "x", 4: "y"}
    assert f.free == []
    assert facts.functions["lambda"].free == [facts.var("x"), facts.var("b")]


def test_top_level_begin_is_a_local_block_of_the_script():
    facts = Facts("(begin (var y 3) y)")
    assert facts.kind("y") == "local" and facts.var("y").slot == 1
    assert facts.program.function.nslots == 2


def test_sibling_blocks_reuse_slots_nested_blocks_do_not():
    facts = Facts("(begin (var x 1) (begin (var y 2) (+ x y)) (begin (var z 3) z))")
    assert [facts.var(n).slot for n in "xyz"] == [1, 2, 2]
    script = facts.program.function
    assert script.nslots == 3 and script.slot_names[2] == "y|z"


def test_free_variable_through_two_levels_is_in_the_middle_function():
    facts = Facts("""
        (def outer ()
          (begin
            (var v 10)
            (def middle () (lambda () v))
            ((middle))))""")
    v = facts.var("v")
    assert v.captured and v.function is facts.functions["outer"]
    assert facts.functions["middle"].free == [v]   # passes the cell down
    assert facts.functions["lambda"].free == [v]
    assert facts.functions["outer"].free == []
    assert facts.kind("middle") == "local"        # never referenced from a nested function


def test_free_variables_keep_first_use_order():
    facts = Facts("(def f (a b c) (lambda () (list c a b c)))")
    assert [v.name for v in facts.functions["lambda"].free] == ["c", "a", "b"]


def test_captured_parameters_are_cells_and_assignable():
    facts = Facts("(def f (a) (begin (var g (lambda () (set a (+ a 1)))) (g) (g) a))")
    a = facts.var("a")
    assert a.is_param and a.captured and a.slot == 1
    assert run("(def f (a) (begin (var g (lambda () (set a (+ a 1)))) (g) (g) a)) (print (f 5))") \
        == (0, "7\n", "")


# -- checked (TDZ) and unchecked references ----------------------------------------------------

def test_reference_before_declaration_is_checked_after_is_not():
    facts = Facts("(begin (print x) (var x 1) x)")
    # order: the read before, the declaration target, the read after
    assert facts.checked("x") == [True, False, False]
    assert facts.var("x").needs_clear


def test_declaration_reading_itself_is_checked():
    facts = Facts("(begin (var x x))")
    assert facts.checked("x") == [False, True]  # target, then the value's read
    status, out, err = run("(begin (var x x))")
    assert status == 70 and "undefined variable 'x'" in err


def test_parameters_are_never_checked():
    facts = Facts("(def f (p) (begin (set p 2) p))")
    assert facts.checked("p") == [False, False, False]
    assert not facts.var("p").needs_clear


def test_captured_references_in_nested_functions_are_checked():
    facts = Facts("(begin (var x 1) (lambda () x))")
    assert facts.checked("x") == [False, True]


def test_declaration_inside_a_branch_does_not_make_later_reads_unchecked():
    facts = Facts("(begin (if false (var y 1) 0) y)")
    assert facts.kind("y") == "local"                 # hoisted to the block
    assert facts.checked("y") == [False, True]         # the read may see no declaration
    status, _, err = run("(begin (if false (var y 1) 0) y)")
    assert status == 70 and "undefined variable 'y'" in err


def test_unchecked_after_leaving_nested_block_is_forgotten():
    facts = Facts("(begin (begin (var a 1) a) (begin (print a)))")
    # the second `a` is a global: the inner declaration does not leak out of its block
    [declared, inner_read, outer_read] = facts.refs("a")
    assert declared.var is inner_read.var and not inner_read.checked
    assert outer_read.var is None and outer_read.checked


# -- hoisting ---------------------------------------------------------------------------------

def test_name_declared_later_in_block_is_the_blocks_variable_throughout():
    facts = Facts("(var x 0) (def f () (begin (var r x) (var x 5) r))")
    refs = facts.refs("x")
    assert refs[0].var.is_global                         # the global declaration
    local = refs[1].var
    assert local is refs[2].var and not local.is_global   # `r` reads the block's own x
    assert refs[1].checked                                # ... before its declaration ran
    status, _, err = run("(var x 0) (def f () (begin (var r x) (var x 5) r)) (f)")
    assert status == 70 and "undefined variable 'x'" in err


def test_local_functions_can_call_each_other():
    source = """
        (def outer ()
          (begin
            (def even? (n) (if (== n 0) true (odd? (- n 1))))
            (def odd? (n) (if (== n 0) false (even? (- n 1))))
            (even? 10)))
        (print (outer))"""
    facts = Facts(source)
    assert facts.kind("odd?") == "cell" and facts.kind("even?") == "cell"
    assert facts.functions["even?"].free == [facts.var("odd?")]
    assert run(source) == (0, "true\n", "")


def test_second_var_in_same_block_is_the_same_variable():
    facts = Facts("(begin (var a 1) (var a 2) a)")
    assert len({id(n.var) for n in facts.refs("a")}) == 1
    assert facts.program.function.nslots == 2


# -- for loops ------------------------------------------------------------------------------

def test_for_init_variable_belongs_to_the_for_scope():
    facts = Facts("(begin (for (var i 0) (< i 3) (++ i) (begin (var j i) (lambda () j))) 1)")
    for_node = next(n for n in walk(facts.program) if isinstance(n, ast.For))
    assert set(for_node.scope.vars) == {"i"}
    assert set(for_node.body.scope.vars) == {"j"}
    assert facts.kind("i") == "local" and facts.var("i").slot == 1
    assert facts.kind("j") == "cell" and facts.var("j").slot == 2
    assert facts.checked("i") == [False, False, False, False]  # init, cond, step, body


def test_for_variable_is_one_variable_body_variables_are_fresh():
    source = """
        (var fs (list))
        (for (var i 0) (< i 3) (++ i)
          (begin (var j i) (push fs (lambda () (+ (* 10 i) j)))))
        (print ((idx fs 0)) ((idx fs 1)) ((idx fs 2)))"""
    assert run(source) == (0, "30 31 32\n", "")


def test_for_variable_is_not_visible_after_the_loop():
    facts = Facts("(begin (for (var i 0) (< i 1) (++ i) i) i)")
    refs = facts.refs("i")
    assert refs[-1].var is None  # the last `i` is a global lookup
    assert run("(begin (for (var i 0) (< i 1) (++ i) i) i)")[0] == 70


# -- runtime consequences of the analysis ------------------------------------------------------

def test_checked_variable_is_cleared_on_each_block_entry():
    # without the reset the second iteration would read the first iteration's x
    source = """
        (var k 0)
        (while (< k 2)
          (begin (++ k) (print k) (if (== k 2) (print x) null) (var x k)))"""
    status, out, err = run(source)
    assert out == "1\n2\n"
    assert status == 70 and "undefined variable 'x'" in err


@pytest.mark.parametrize("source", [
    "(begin (begin (var y 1) y) (begin (print z) (var z 2)))",                  # a plain local
    "(begin (begin (var y 1) y) (begin (print z) (var z 2) (lambda () z)))",    # a cell
])
def test_undeclared_error_names_the_variable_even_when_its_slot_is_shared(source):
    # y and z are in sibling blocks and share slot 1; the error must name z alone
    facts = Facts(source)
    assert facts.var("y").slot == facts.var("z").slot == 1
    status, _, err = run(source)
    first = err.split("\n")[0]
    assert status == 70
    assert first.startswith("runtime error: undefined variable 'z'"), first


def test_block_variable_shadows_a_global_inside_nested_functions_too():
    # g's `x` is f's block variable (hoisted), not the global, even before it is declared
    early = '(var x "global") (def f () (begin (def g () x) (var r (g)) (var x "local") r)) (f)'
    late = '(var x "global") (def f () (begin (def g () x) (var x "local") (g))) (print (f))'
    facts = Facts(early)
    g_read = facts.refs("x")[1]
    assert g_read.var is not None and not g_read.var.is_global and g_read.var.captured
    status, _, err = run(early)
    assert status == 70 and "undefined variable 'x'" in err.split("\n")[0]
    assert err.split("\n")[1] == "  at g (t.eva:1:45)"
    assert run(late) == (0, "local\n", "")


def test_class_in_a_block_is_a_local_its_methods_capture():
    source = """
        (def mk ()
          (begin
            (class Node null (def again (self) (new Node)))
            (var n (new Node))
            ((prop n again) n)))
        (print (mk))"""
    facts = Facts(source)
    assert facts.kind("Node") == "cell"
    assert facts.functions["again"].free == [facts.var("Node")]
    assert run(source) == (0, "<Node instance>\n", "")
