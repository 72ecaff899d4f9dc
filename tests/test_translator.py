"""The translation tier (eva/interp/translator.py, structure.py, direct.py): the shapes it
recovers from bytecode, that translated code computes what the dispatch loop computes (on
random expressions and awkward values), traces and depth across the direct-call limit, GC
roots in translated frames, and how translated code meets the JIT."""

from __future__ import annotations

import io
import random
import re
import warnings
from pathlib import Path

import pytest

import eva
from eva.errors import EvaRuntimeError
from eva.interp.direct import DIRECT_DEPTH
from eva.interp.structure import BREAK, Branch, Continue, Loop, Straight, structure
from eva.interp.translator import NotTranslatable, listing, translate
from eva.objects import Native, display
from eva.opcodes import Op
from eva.vm import VM

LANG = Path(__file__).parent / "lang"


def run(source: str, **options):
    """(vm, stdout, error message and trace or None) for `source`."""
    out = io.StringIO()
    vm = eva.VM(stdout=out, **options)
    try:
        vm.run(source, "t.eva")
        error = None
    except EvaRuntimeError as caught:
        error = caught.render()
    return vm, out.getvalue(), error


def outcome(source: str, **options):
    _, out, error = run(source, **options)
    return out, error


BYTECODE = dict(jit=False, translate=False)
TRANSLATED = dict(jit=False, translate_threshold=1)


def code_of(source: str, name: str):
    vm = VM(jit=False, translate=False, stdout=io.StringIO())
    vm.run(source)
    return vm.get_global(name).code


def kinds(nodes) -> list:
    """A structure tree as nested lists of node kinds, for comparing shapes."""
    shape = []
    for node in nodes:
        if type(node) is Branch:
            shape.append(["if", kinds(node.when_true), kinds(node.when_false)])
        elif type(node) is Loop:
            shape.append(["loop", kinds(node.body)])
        elif node is BREAK:
            shape.append("break")
        else:
            shape.append({Straight: "block", Continue: "continue"}[type(node)])
    return shape


# -- structure -------------------------------------------------------------------------------

def test_if_else_becomes_a_branch_whose_arms_meet_after_it():
    code = code_of("(def f (x) (begin (var y (if (< x 1) 10 20)) (+ y 1)))", "f")
    assert kinds(structure(code)) == [["if", ["block"], ["block"]], "block"]


def test_and_in_a_condition_copies_the_shared_else_arm():
    code = code_of("(def f (a b) (if (and a b) 1 2))", "f")
    tree = structure(code)
    assert kinds(tree) == [["if", [["if", ["block"], ["block"]]], ["block"]]]
    inner = tree[0].when_true[0]
    assert inner.when_false[0].block == tree[0].when_false[0].block  # the same block, twice


def test_a_loop_with_a_compound_test_leaves_by_break_and_goes_round_by_continue():
    code = code_of("(def f (n) (begin (var i 0) (while (and (< i n) (> n 3)) (++ i)) i))", "f")
    assert kinds(structure(code)) == [
        "block", ["loop", [["if", [["if", ["continue"], ["break"]]], ["break"]]]], "block"]


def test_a_loop_inside_an_arm_does_not_hide_where_the_arms_meet():
    """Without counting a loop as one step to its exit, the code after the `if` would be
    written into both arms."""
    code = code_of("(def f (c) (begin (var s 0) (if c (while (< s 3) (++ s)) (set s 9)) (+ s 1)))",
                   "f")
    tree = structure(code)
    assert kinds(tree)[-1] == "block" and type(tree[-2]) is Branch
    assert kinds(tree[-2].when_true)[0][0] == "loop"


def test_nested_loops_nest():
    code = code_of("""(def f (n) (begin (var t 0)
        (for (var i 0) (< i n) (++ i) (for (var j 0) (< j i) (++ j) (++ t))) t))""", "f")
    (outer,) = [node for node in structure(code) if type(node) is Loop]
    assert any(type(node) is Loop for node in outer.body[0].when_true)


def test_too_much_copying_leaves_the_function_to_the_interpreter():
    """Each `and` copies the rest of the chain into both arms: 2^12 copies is too many."""
    body = "0"
    for index in range(12):
        body = f"(if (and a{index} b) {index} {body})"
    params = " ".join(f"a{i}" for i in range(12))
    source = f"(def f ({params} b) {body})"
    code = code_of(source, "f")
    with pytest.raises(NotTranslatable, match="copy too much"):
        translate(code, {}, direct_depth=DIRECT_DEPTH)
    call = f"(f {' '.join(['false'] * 11)} true true)"
    vm, out, error = run(source + f"(print {call}) (print {call})", **TRANSLATED)
    assert (out, error) == ("11\n11\n", None)
    assert "copy too much" in vm.interpreter.translations.failed[vm.get_global("f").code]


def test_every_function_of_the_golden_corpus_translates():
    """With Python's warnings as errors, so the translator cannot write code Python frowns on
    (`is` with a literal) without this failing. The exceptions are functions nested deeper
    than Python's own compiler allows (the limits/ tests), which stay in the interpreter."""
    failures = {}
    for path in sorted(LANG.rglob("*.eva")):
        try:
            code = VM(jit=False).compile(path.read_text(encoding="utf-8", errors="replace"),
                                         str(path))
        except Exception:  # compile errors are those files' point
            continue
        work = [code]
        while work:
            each = work.pop()
            work.extend(each.children())
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                try:
                    translate(each, {}, count_calls=10, count_loops=20, direct_depth=100)
                except NotTranslatable as error:
                    failures[f"{path.relative_to(LANG)}:{each.name}"] = str(error)
    unexpected = {where: why for where, why in failures.items()
                  if not where.startswith("limits/") or "Python cannot compile" not in why}
    assert not unexpected
    assert len(failures) <= 5


# -- translated code computes what the dispatch loop computes --------------------------------

VALUES = ["0", "1", "-3", "7", "0.5", "-2.25", "1e308", "(- 0 0.0)", "(* 4611686018427387904 4)",
          "9007199254740993", "true", "false", "null", '"s"', '"t"', "(list 1 2)"]
"""Zero divisors, -0.0, float overflow, integers past 64 bits and past 2^53 (exact mixed
comparisons), and values that are not numbers (every operator's generic path)."""


def expression(rng: random.Random, depth: int) -> str:
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(["a", "b", "c", "a", str(rng.randint(-3, 9)), "2.5", "0", "0.0",
                           "null", "true", '"s"', "9007199254740993"])
    form = rng.randrange(9)
    if form < 5:
        operator = rng.choice(["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!="])
        return f"({operator} {expression(rng, depth - 1)} {expression(rng, depth - 1)})"
    if form == 5:
        return f"(- {expression(rng, depth - 1)})"
    if form == 6:
        return f"(not {expression(rng, depth - 1)})"
    if form == 7:
        return f"({rng.choice(['and', 'or'])} {expression(rng, depth - 1)} " \
               f"{expression(rng, depth - 1)} {expression(rng, depth - 1)})"
    return f"(if {expression(rng, depth - 1)} {expression(rng, depth - 1)} " \
           f"{expression(rng, depth - 1)})"


def result(vm: VM, call: str) -> str:
    try:
        return display(vm.run(call), quoted=True)
    except EvaRuntimeError as error:
        return "error: " + error.render()


@pytest.mark.parametrize("seed", range(6))
def test_translated_functions_match_the_dispatch_loop_on_random_expressions(seed):
    rng = random.Random(seed)
    definitions = []
    for index in range(15):
        body = expression(rng, 4)
        if index % 3 == 1:  # a stored value, a loop, and a branch on it
            body = (f"(begin (var t {body}) (var k 0) (while (and (< k 2) {expression(rng, 1)}) "
                    f"(begin (set t {expression(rng, 2)}) (++ k))) (if t t k))")
        definitions.append(f"(def f{index} (a b c) {body})")
    source = "\n".join(definitions)
    translated = VM(**TRANSLATED, stdout=io.StringIO())
    interpreted = VM(**BYTECODE, stdout=io.StringIO())
    for vm in (translated, interpreted):
        vm.run(source, "t.eva")
    for index in range(15):
        for _ in range(20):
            call = f"(f{index} {' '.join(rng.choice(VALUES) for _ in range(3))})"
            assert result(translated, call) == result(interpreted, call), definitions[index]
        assert translated.get_global(f"f{index}").code.translated is not None


# -- depth, traces and the direct-call limit -------------------------------------------------

@pytest.mark.parametrize("depth", [1, DIRECT_DEPTH - 2, DIRECT_DEPTH - 1, DIRECT_DEPTH,
                                   DIRECT_DEPTH + 1, DIRECT_DEPTH + 40])
def test_an_error_at_any_depth_has_the_dispatch_loops_trace(depth):
    source = f"""
    (def down (n x) (if (== n 0) (+ x 1) (+ 1 (down (- n 1) x))))
    (class Box null (def constructor (self n x) (set (prop self v) (down n x))))
    (def make (n x) (prop (new Box n x) v))
    (print (down 3 1) (make 3 1) (make 4 1))
    (print (make {depth} "!"))
    """
    expected = outcome(source, **BYTECODE)
    hidden = re.search(r"\.\.\. (\d+) more frames repeating", expected[1])
    assert expected[1].count("at down") + (int(hidden.group(1)) if hidden else 0) == depth + 1
    assert outcome(source, **TRANSLATED) == expected
    assert outcome(source, jit=False) == expected
    assert outcome(source, jit=True, jit_threshold=3, jit_cache=False) == expected


def test_recursion_far_deeper_than_the_direct_limit_runs_in_the_interpreters_frames():
    source = "(def down (n) (if (== n 0) 0 (+ 1 (down (- n 1))))) (print (down 5) (down 100000))"
    for options in (TRANSLATED, dict(jit=True, jit_cache=False)):
        _, out, error = run(source, max_depth=200_000, **options)
        assert (out, error) == ("5 100000\n", None)


def test_stack_overflow_is_reported_at_max_depth_in_every_tier():
    source = "(def down (n) (+ 1 (down (+ n 1)))) (down 0)"
    expected = outcome(source, max_depth=300, **BYTECODE)
    assert "more than 300 nested calls" in expected[1]
    assert "297 more frames repeating" in expected[1]
    assert outcome(source, max_depth=300, **TRANSLATED) == expected
    assert outcome(source, max_depth=50, **TRANSLATED) == outcome(source, max_depth=50, **BYTECODE)


# -- inline caches ------------------------------------------------------------------------------

def test_a_new_site_follows_the_class_it_meets_and_the_constructor_that_class_finds():
    """`new` in translated code caches the class it met and its constructor: another class,
    a constructor replaced in a class (here the parent's, which C inherits) and a class that
    is not one must all miss."""
    source = """
    (class A null (def constructor (self x) (set (prop self v) x)))
    (class B A (def constructor (self x) (set (prop self v) (* x 10))))
    (class C A)
    (def make (c x) (prop (new c x) v))
    (print (make A 1) (make A 2) (make B 3) (make A 4) (make C 5) (make C 6))
    (set (prop A constructor) (lambda (self x) (set (prop self v) (+ x 100))))
    (print (make C 7) (make A 8) (make B 9))
    (def fresh (c) (new c 1))
    (fresh null)
    """
    expected = outcome(source, **BYTECODE)
    assert expected == ("1 2 30 4 5 6\n107 108 90\n", expected[1])
    assert "new needs a class, got null" in expected[1]
    assert outcome(source, **TRANSLATED) == expected


def test_plus_tests_for_two_strings_inline_and_leaves_the_rest_to_the_shared_operation():
    source = """
    (def cat (a b) (+ a b))
    (def pre (b) (+ "<" b))
    (def post (a) (+ a ">"))
    (print (cat "ab" "cd") (pre "x") (post "y") (cat 1 2.5) (cat (list 1) (list "z")))
    (post 1)
    """
    expected = outcome(source, **BYTECODE)
    assert expected[0] == 'abcd <x y> 3.5 [1, "z"]\n'
    assert "cannot apply '+' to integer and string" in expected[1]
    assert outcome(source, **TRANSLATED) == expected


def test_comparisons_and_idx_test_for_strings_inline_and_leave_the_rest_to_the_shared_operation():
    source = """
    (def lt (a b) (< a b))
    (def ge (a b) (>= a b))
    (def eq (a b) (== a b))
    (def ne (a b) (!= a b))
    (def at (s i) (idx s i))
    (print (lt "ab" "b") (ge "ab" "b") (eq "x" "x") (ne "x" "y") (eq "x" 1) (ne (list 1) (list 1))
           (at "abc" 1) (at "abc" -1) (at (list 1 2) 1) (eq (at "abc" 0) "a") (lt 1 2.5))
    (at "abc" 3)
    """
    expected = outcome(source, **BYTECODE)
    assert expected[0] == "true false true true false false b c 2 true true\n"
    assert "index out of range: index 3 for a string of length 3" in expected[1]
    assert outcome(source, **TRANSLATED) == expected


def test_a_native_written_in_place_is_called_only_while_the_global_holds_it():
    source = """
    (def size (x) (len x))
    (def five () (len 5))
    (def text (x) (str x))
    (print (size "abc") (size (list 1 2)) (size ""))
    (print (text -12) (text (* 1000000000 1000000000)) (text 2.5) (text "s") (text (list 1)))
    (set len (lambda (x) 42))
    (print (size "abc") (five))
    (set len VERSION)
    (size "abc")
    """
    expected = outcome(source, **BYTECODE)
    assert expected[0] == "3 2 0\n-12 1000000000000000000 2.5 s [1]\n42 42\n"
    assert "cannot call integer" in expected[1]
    assert outcome(source, **TRANSLATED) == expected
    assert outcome(source.replace("(set len (lambda (x) 42))", ""), **TRANSLATED) == \
        outcome(source.replace("(set len (lambda (x) 42))", ""), **BYTECODE)


# -- the collector sees translated frames ------------------------------------------------------

def test_values_only_a_translated_frame_holds_survive_collections():
    """`keep` holds the only reference to its list in a Python local while `churn`
    allocates; with a collection at every allocation and swept objects poisoned, any value
    the collector missed would fail loudly."""
    source = """
    (def churn (n) (begin (var l (list)) (for (var i 0) (< i n) (++ i) (push l (str i))) (len l)))
    (def keep (x) (begin (var mine (list x (str x) (list x))) (churn 5) (str mine)))
    (print (keep 1) (keep 2) (keep 3))
    """
    vm, out, error = run(source, gc_stress=True, gc_check=True, **TRANSLATED)
    assert (out, error) == ('[1, "1", [1]] [2, "2", [2]] [3, "3", [3]]\n', None)
    assert vm.gc_stats().collections > 20
    assert vm.get_global("keep").code.translated is not None


# -- meeting the JIT ---------------------------------------------------------------------------

def test_a_functions_entry_follows_it_from_cold_to_translated_to_native_and_back():
    vm, _, _ = run("(def sq (x) (* x x))", jit=True, jit_threshold=5, translate_threshold=2,
                   jit_cache=False)
    code = vm.get_global("sq").code
    tiers = vm.interpreter.tiers
    assert code.direct is tiers.cold_entry
    vm.run("(sq 1) (sq 2)")
    assert code.direct is code.translated is not None
    vm.run("(for (var i 0) (< i 5) (++ i) (sq i))")
    assert code.native is not None and code.direct is tiers.native_entry
    assert vm.run("(sq 2.5)") == 6.25  # the int unit refuses a float: the translation runs it
    vm.jit.invalidate(vm.jit.function_units[code], "test")
    assert code.native is None and code.direct is code.translated


def test_translated_code_calls_compiled_code_that_deoptimizes():
    source = """
    (def grow (x) (* x 3))
    (def twice (x) (grow (grow x)))
    (var r 0)
    (for (var i 0) (< i 50) (++ i) (set r (twice i)))
    (print r (twice 4611686018427387904) (twice 1.5))
    """
    vm, out, error = run(source, jit=True, jit_threshold=10, jit_cache=False)
    assert (out, error) == outcome(source, **BYTECODE)
    assert vm.get_global("twice").code.translated is not None
    assert "grow(int)" in vm.jit.stats.compiled
    assert vm.jit.stats.deopts.get("integer overflow", 0) >= 1


def test_a_loop_in_a_translated_function_goes_to_compiled_code_by_osr():
    source = """
    (def total (n) (begin (var s 0) (for (var i 0) (< i n) (++ i) (+= s i)) s))
    (print (total 3) (total 4) (total 100000))
    """
    vm, out, error = run(source, jit=True, jit_threshold=100000, jit_loop_threshold=500,
                         jit_cache=False)
    assert (out, error) == ("3 6 4999950000\n", None)
    assert vm.get_global("total").code.translated is not None
    assert any("loop@" in label for label in vm.jit.stats.compiled)


def test_compiled_code_calls_a_translated_function():
    """label is too large for the JIT (its `(+ (* n 0) ...)`, past
    analysis.MAX_UNIT_INSTRUCTIONS: the one refusal left that is about the code), so it is
    translated, and count's native code calls the translation."""
    from eva.jit.analysis import MAX_UNIT_INSTRUCTIONS
    n = "n"
    for _ in range(MAX_UNIT_INSTRUCTIONS // 3):
        n = f"(+ (* n 0) {n})"
    source = f"""
    (def label (n) (if (== n 0) "zero" (str {n})))
    (def count (n) (begin (var k 0) (for (var i 0) (< i n) (++ i) (if (== (len (label i)) 1) (++ k) 0)) k))
    (print (count 10) (count 10) (count 200))
    """
    vm, out, error = run(source, jit=True, jit_threshold=2, jit_cache=False, jit_strict=True)
    assert (out, error) == outcome(source, **BYTECODE) == ("9 9 9\n", None)
    assert vm.jit.stats.compiled == ["count(int)"]
    assert vm.jit.stats.failed["label(int)"].startswith("too large to compile: ")
    assert vm.get_global("label").code.translated is not None


# -- observability -----------------------------------------------------------------------------

def test_dis_python_shows_each_functions_translation():
    code = VM(jit=False).compile("(def fib (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))",
                                 "fib.eva")
    text = listing(code, DIRECT_DEPTH)
    assert "# == fib/1 (fib.eva:1:1) ==" in text
    assert "def eva_fib(depth, l0, l1_n):" in text
    assert "s0.code.direct(depth + 1, s0, s1)" in text  # a direct Python call


def test_options_turn_translation_off_and_set_its_threshold():
    source = "(def f (x) x) (f 1) (f 2) (f 3)"
    assert run(source, jit=False, translate=False)[0].get_global("f").code.translated is None
    assert run(source, jit=False, translate_threshold=4)[0].get_global("f").code.translated is None
    assert run(source, jit=False, translate_threshold=3)[0].get_global("f").code.translated
    options = eva.config.Options.from_env(environ={"EVA_TRANSLATE": "0"})
    assert options.translate is False


# -- on-stack replacement: a running loop goes on in translated code ----------------------------

LOOPS = dict(jit=False, translate_loop_threshold=1)


def loop_entries(vm, name: str) -> dict:
    """{loop header: the translation it was entered at} of a global function."""
    translations = vm.interpreter.translations
    entries = translations.loop_entries.get(vm.get_global(name).code, {})
    return {header: translations.by_python_code[entry.__code__]
            for header, entry in entries.items() if entry is not None}


def test_a_frame_entered_at_an_inner_loop_runs_on_through_the_structures_around_it():
    """The outer loop runs once with the hot loop inside an arm: the entry is the inner loop,
    then the rest of the arm, the code where the arms meet, the outer loop's next
    iterations (`for ... else`) and the code after it."""
    source = (LANG / "translation" / "osr_inner_loop_in_branch_runs_once.eva").read_text()
    vm, out, error = run(source, **LOOPS)
    assert (out, error) == outcome(source, **BYTECODE) == ("251500\n2000\n", None)
    code = vm.get_global("run").code
    inner = max(code.generic_insns[pc][1] for pc in range(len(code.generic_insns))
                if code.generic_insns[pc][0] == Op.LOOP)
    entries = loop_entries(vm, "run")
    assert inner in entries
    assert "for _ in ONCE:" in entries[inner].source


def test_a_loop_that_stays_cool_is_never_handed_over():
    vm, out, _ = run("(def f (n) (begin (var i 0) (while (< i n) (set i (+ i 1))) i)) (print (f 50))",
                     jit=False, translate_threshold=100, translate_loop_threshold=51)
    assert out == "50\n" and loop_entries(vm, "f") == {}
    vm.run("(f 51)")
    assert loop_entries(vm, "f") != {}


def test_values_only_a_frame_handed_over_at_a_loop_holds_survive_collections():
    """After the hand-over the interpreter's frame holds nothing: the list and the string
    live only in the translated frame's locals while `churn` collects at every allocation."""
    source = """
    (def churn (n) (begin (var l (list)) (for (var i 0) (< i n) (++ i) (push l (str i))) (len l)))
    (def keep (x)
      (begin (var mine (list x (str x))) (var i 0)
             (while (< i 5) (begin (churn 5) (set i (+ i 1))))
             (str mine)))
    (print (keep 1))
    """
    vm, out, error = run(source, gc_stress=True, gc_check=True, translate_threshold=1000,
                         **LOOPS)
    assert (out, error) == ('[1, "1"]\n', None)
    assert vm.gc_stats().collections > 20
    assert loop_entries(vm, "keep") != {}


def test_ctrl_c_in_a_loop_handed_over_leaves_no_interpreter_frame():
    calls = []

    def interrupt():
        calls.append(1)
        if len(calls) == 50:
            raise KeyboardInterrupt
    vm = VM(stdout=io.StringIO(), **LOOPS)
    vm.define_global("tick", vm.heap.permanent(Native("tick", 0, interrupt)))
    interrupted = False
    try:  # (not pytest.raises: its record of the exception keeps the frames)
        vm.run("(def spin () (begin (var i 0) (while true (begin (tick) (set i (+ i 1))))))"
               "(spin)")
    except KeyboardInterrupt:
        interrupted = True
    assert interrupted and loop_entries(vm, "spin") != {}
    assert vm.interpreter.frames == [] and vm.interpreter.hidden == 0
    assert vm.run("(+ 1 2)") == 3


@pytest.mark.parametrize("depth", [DIRECT_DEPTH - 2, DIRECT_DEPTH, DIRECT_DEPTH + 5])
def test_loops_handed_over_at_any_depth_keep_the_dispatch_loops_traces_and_limit(depth):
    source = f"""
    (def dive (d)
      (begin (var i 0) (var s 0)
        (while (< i 3)
          (begin
            (if (== i 2) (set s (+ s (if (> d 0) (dive (- d 1)) (idx (list) d)))))
            (set i (+ i 1))))
        s))
    (dive {depth})
    """
    expected = outcome(source, max_depth=DIRECT_DEPTH + 3, **BYTECODE)
    assert outcome(source, max_depth=DIRECT_DEPTH + 3, **LOOPS) == expected
    assert expected[1] is not None
